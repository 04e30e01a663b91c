// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Cart::open registers a price-change handler capturing shared_from_this() into the PriceFeedTap that the Cart itself owns, so every cart keeps itself alive through its own member's handler list after checkout removes it from the service.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace shop {
namespace cart {

std::atomic<int> g_liveCarts{0};

using Cents = std::int64_t;
using SessionId = std::uint64_t;

struct LineItem {
    std::string sku;
    int quantity = 0;
    Cents unitPrice = 0;
};

class PriceFeedTap {
public:
    using Handler = std::function<void(const std::string &sku, Cents newPrice)>;

    void onPriceChange(Handler fn) { handlers_.push_back(std::move(fn)); } // LEAK-HERE
    void publish(const std::string &sku, Cents price) {
        for (auto &h : handlers_)
            h(sku, price);
    }
    std::size_t handlerCount() const { return handlers_.size(); }

private:
    std::vector<Handler> handlers_;
};

class Cart : public std::enable_shared_from_this<Cart> {
public:
    explicit Cart(SessionId sid) : sid_(sid) { ++g_liveCarts; }
    ~Cart() { --g_liveCarts; }

    void open() {
        tap_.onPriceChange([self = shared_from_this()](const std::string &sku, Cents price) { // LEAK-HERE
            self->reprice(sku, price);
        });
    }

    void add(const std::string &sku, int qty, Cents price) {
        for (auto &line : lines_) {
            if (line.sku == sku) {
                line.quantity += qty;
                return;
            }
        }
        lines_.push_back(LineItem{sku, qty, price});
    }

    Cents total() const {
        Cents sum = 0;
        for (const auto &line : lines_)
            sum += line.unitPrice * line.quantity;
        return sum;
    }

    PriceFeedTap &priceTap() { return tap_; }
    SessionId session() const { return sid_; }

private:
    void reprice(const std::string &sku, Cents price) {
        for (auto &line : lines_)
            if (line.sku == sku)
                line.unitPrice = price;
    }

    SessionId sid_;
    std::vector<LineItem> lines_;
    PriceFeedTap tap_;
};

using CartPtr = std::shared_ptr<Cart>;

class CartService {
public:
    CartPtr getOrCreate(SessionId sid) {
        auto &slot = sessions_[sid];
        if (!slot) {
            slot = std::make_shared<Cart>(sid);
            slot->open();
        }
        return slot;
    }

    Cents checkout(SessionId sid) {
        auto it = sessions_.find(sid);
        if (it == sessions_.end())
            return 0;
        Cents charged = it->second->total();
        sessions_.erase(it);
        revenue_ += charged;
        return charged;
    }

    void broadcastPrice(const std::string &sku, Cents price) {
        for (auto &entry : sessions_)
            entry.second->priceTap().publish(sku, price);
    }

    std::size_t openSessions() const { return sessions_.size(); }
    Cents revenue() const { return revenue_; }

private:
    std::unordered_map<SessionId, CartPtr> sessions_;
    Cents revenue_ = 0;
};

void simulateShopper(CartService &svc, SessionId sid) {
    CartPtr cart = svc.getOrCreate(sid);
    cart->add("SKU-" + std::to_string(sid % 40), 1 + static_cast<int>(sid % 3), 1999);
    cart->add("SKU-GIFTWRAP", 1, 299);
    if (sid % 10 == 0)
        svc.broadcastPrice("SKU-GIFTWRAP", 249);
    svc.checkout(sid);
}

} // namespace cart
} // namespace shop

int main(int argc, char **argv) {
    using namespace shop::cart;
    const int shoppers = argc > 1 ? std::atoi(argv[1]) : 2000;
    CartService svc;
    for (SessionId sid = 1; sid <= static_cast<SessionId>(2 * shoppers); ++sid) {
        simulateShopper(svc, sid);
        if (sid == static_cast<SessionId>(shoppers))
            std::printf("[N] open=%zu liveCarts=%d\n", svc.openSessions(), g_liveCarts.load());
    }
    std::printf("[2N] open=%zu liveCarts=%d revenue=%lld\n", svc.openSessions(),
                g_liveCarts.load(), static_cast<long long>(svc.revenue()));
    return 0;
}
