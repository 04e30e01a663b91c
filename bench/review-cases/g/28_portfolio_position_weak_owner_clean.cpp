// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Portfolio owns its Position objects through a vector of unique_ptr, and Position::create() stores only a weak_ptr back to the owning portfolio (locked when a fill arrives), so there is no ownership cycle and a dropped portfolio frees all of its positions.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace risk {

class Portfolio;

struct Fill {
    std::uint64_t execId;
    std::int64_t qty;
    double price;
};

class Position {
public:
    static std::unique_ptr<Position> create(const std::shared_ptr<Portfolio>& owner, std::string instrument) {
        std::unique_ptr<Position> pos(new Position(std::move(instrument)));
        pos->owner_ = owner;
        return pos;
    }

    void apply(const Fill& f);
    const std::string& instrument() const { return instrument_; }
    std::int64_t net() const { return net_; }

private:
    explicit Position(std::string instrument) : instrument_(std::move(instrument)) {}

    std::weak_ptr<Portfolio> owner_;
    std::string instrument_;
    std::int64_t net_ = 0;
    double avgPx_ = 0.0;
    std::vector<Fill> fills_;
};

class Portfolio : public std::enable_shared_from_this<Portfolio> {
public:
    explicit Portfolio(std::string account) : account_(std::move(account)) {}

    void onFill(const std::string& instrument, const Fill& f) {
        Position* p = find(instrument);
        if (!p) {
            positions_.push_back(Position::create(shared_from_this(), instrument));
            p = positions_.back().get();
        }
        p->apply(f);
    }

    void markExposure(double notional) { grossExposure_ += notional; }
    double grossExposure() const { return grossExposure_; }
    std::size_t positionCount() const { return positions_.size(); }

private:
    Position* find(const std::string& instrument) {
        for (auto& p : positions_)
            if (p->instrument() == instrument) return p.get();
        return nullptr;
    }

    std::string account_;
    std::vector<std::unique_ptr<Position>> positions_;
    double grossExposure_ = 0.0;
};

void Position::apply(const Fill& f) {
    const std::int64_t newNet = net_ + f.qty;
    if (newNet != 0) avgPx_ = (avgPx_ * static_cast<double>(net_) + f.price * static_cast<double>(f.qty)) / newNet;
    net_ = newNet;
    fills_.push_back(f);
    if (auto pf = owner_.lock()) pf->markExposure(static_cast<double>(f.qty < 0 ? -f.qty : f.qty) * f.price);
}

}  // namespace risk

class EndOfDayJob {
public:
    double run(const std::string& account, std::uint64_t day) {
        auto pf = std::make_shared<risk::Portfolio>(account);
        const char* instruments[] = {"AAPL", "MSFT", "NVDA", "TSLA", "AMZN"};
        for (std::uint64_t i = 0; i < 20; ++i)
            pf->onFill(instruments[i % 5], {day * 100 + i, static_cast<std::int64_t>(i % 3) - 1 + 10, 100.0 + i});
        return pf->grossExposure();
    }  // portfolio and its positions are released here
};

int main() {
    EndOfDayJob job;
    double total = 0;
    for (std::uint64_t day = 1; day <= 40000; ++day)
        total += job.run("ACC-" + std::to_string(day % 300), day);
    std::printf("gross=%.2f\n", total);
    return 0;
}
