// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Views own their Instrument through shared_ptr, but Instrument only keeps weak_ptr observers and prunes expired ones during publish(), so there is no owning back edge.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace feed {

struct Quote {
    double bid = 0;
    double ask = 0;
    std::uint64_t seq = 0;
};

class QuoteListener {
public:
    virtual ~QuoteListener() = default;
    virtual void onQuote(const std::string& symbol, const Quote& q) = 0;
};

class Instrument {
public:
    explicit Instrument(std::string symbol) : symbol_(std::move(symbol)) {}

    void subscribe(const std::shared_ptr<QuoteListener>& l) { listeners_.push_back(l); }
    void publish(const Quote& q);
    std::size_t listenerSlots() const { return listeners_.size(); }
    const std::string& symbol() const { return symbol_; }

private:
    std::string symbol_;
    Quote last_;
    std::vector<std::weak_ptr<QuoteListener>> listeners_;
};

void Instrument::publish(const Quote& q) {
    last_ = q;
    auto dead = std::remove_if(listeners_.begin(), listeners_.end(), [&](const std::weak_ptr<QuoteListener>& w) {
        auto l = w.lock();
        if (!l) return true;
        l->onQuote(symbol_, q);
        return false;
    });
    listeners_.erase(dead, listeners_.end());
}

using InstrumentPtr = std::shared_ptr<Instrument>;

class SpreadView : public QuoteListener, public std::enable_shared_from_this<SpreadView> {
public:
    static std::shared_ptr<SpreadView> open(InstrumentPtr inst) {
        auto v = std::make_shared<SpreadView>(std::move(inst));
        v->instrument_->subscribe(v);
        return v;
    }
    explicit SpreadView(InstrumentPtr inst) : instrument_(std::move(inst)) {}

    void onQuote(const std::string&, const Quote& q) override { widest_ = std::max(widest_, q.ask - q.bid); }
    double widest() const { return widest_; }

private:
    InstrumentPtr instrument_;
    double widest_ = 0;
};

class Exchange {
public:
    InstrumentPtr instrument(const std::string& sym) {
        auto& slot = book_[sym];
        if (!slot) slot = std::make_shared<Instrument>(sym);
        return slot;
    }
    void tick(std::uint64_t seq) {
        for (auto& kv : book_) {
            double mid = 100.0 + static_cast<double>(seq % 97);
            kv.second->publish({mid - 0.01 * (seq % 5), mid + 0.01 * (seq % 7), seq});
        }
    }
    std::size_t totalSlots() const {
        std::size_t n = 0;
        for (const auto& kv : book_) n += kv.second->listenerSlots();
        return n;
    }

private:
    std::unordered_map<std::string, InstrumentPtr> book_;
};

} // namespace feed

int main() {
    feed::Exchange ex;
    const char* symbols[] = {"AAPL", "MSFT", "NVDA", "TSLA"};
    std::vector<std::shared_ptr<feed::SpreadView>> openViews;
    bool running = true;
    std::uint64_t seq = 0;
    while (running) {
        openViews.push_back(feed::SpreadView::open(ex.instrument(symbols[seq % 4])));
        if (openViews.size() > 20) openViews.erase(openViews.begin());
        ex.tick(seq);
        if (++seq % 100000 == 0) std::cout << "views=" << openViews.size() << " slots=" << ex.totalSlots() << '\n';
        if (seq == 1000000) running = false;
    }
}
