// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: price_quote() memoizes results in a function-local static map keyed by the raw symbol/quantity/currency string taken from each incoming request, so every distinct client input adds an entry that is never evicted.
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <unordered_map>

namespace pricing {

struct quote {
    double unit_price;
    double total;
    std::string currency;
};

struct quote_request {
    std::string symbol;    // user-supplied ticker, free text
    std::int64_t quantity; // user-supplied
    std::string currency;  // user-supplied ISO code, unchecked
};

namespace detail {

inline double base_price(const std::string& symbol) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : symbol) h = (h ^ c) * 1099511628211ull;
    return 10.0 + static_cast<double>(h % 100000) / 100.0;
}

inline double fx_rate(const std::string& currency) {
    if (currency == "USD") return 1.0;
    if (currency == "EUR") return 0.92;
    if (currency == "GBP") return 0.79;
    return 1.0;
}

inline double volume_discount(std::int64_t qty) {
    return qty > 1000 ? 0.97 : qty > 100 ? 0.99 : 1.0;
}

} // namespace detail

// Pricing is "expensive", so results are cached for reuse.
inline quote price_quote(const quote_request& req) {
    static std::unordered_map<std::string, quote> memo; // LEAK-HERE

    std::ostringstream key;
    key << req.symbol << '|' << req.quantity << '|' << req.currency;

    auto it = memo.find(key.str());
    if (it != memo.end()) return it->second;

    double unit = detail::base_price(req.symbol) * detail::fx_rate(req.currency);
    double total = std::round(unit * req.quantity * detail::volume_discount(req.quantity) * 100.0) / 100.0;
    quote q{unit, total, req.currency};
    memo.emplace(key.str(), q); // LEAK-HERE
    return q;
}

} // namespace pricing

// HTTP handler for GET /quote?symbol=...&qty=...&ccy=...
std::string handle_quote(const std::string& symbol, std::int64_t qty, const std::string& ccy) {
    pricing::quote q = pricing::price_quote({symbol, qty, ccy});
    std::ostringstream body;
    body << "{\"symbol\":\"" << symbol << "\",\"unit\":" << q.unit_price
         << ",\"total\":" << q.total << ",\"currency\":\"" << q.currency << "\"}";
    return body.str();
}
