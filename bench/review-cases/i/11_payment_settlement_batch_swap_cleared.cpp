// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: the program-lifetime SettlementService grows pending_ and merchantTotals_ per captured payment, but closeBatch() swaps both into locals every cycle (so they are emptied), and the fx rate cache is keyed by the fixed Currency enum, so no member grows across cycles.
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pay {

enum class Currency : std::uint8_t { USD, EUR, GBP, JPY, CHF, CAD };
constexpr std::array<Currency, 6> kAllCurrencies{Currency::USD, Currency::EUR, Currency::GBP,
                                                 Currency::JPY, Currency::CHF, Currency::CAD};

struct Capture {
  std::string paymentId;
  std::string merchantId;
  std::int64_t amountMinor;
  Currency currency;
};

struct PayoutLine {
  std::string merchantId;
  std::int64_t usdMinor;
};

class FxFeed {
 public:
  double quote(Currency c, std::uint64_t cycle) const {
    static const double base[] = {1.0, 1.08, 1.27, 0.0067, 1.12, 0.73};
    return base[static_cast<int>(c)] * (1.0 + 0.001 * static_cast<double>(cycle % 5));
  }
};

class SettlementService {
 public:
  explicit SettlementService(const FxFeed& feed) : feed_(feed) {}

  // Called for every captured payment (per request).
  void onCapture(Capture cap) {
    const double rate = rateFor(cap.currency);
    const auto usd = static_cast<std::int64_t>(static_cast<double>(cap.amountMinor) * rate);
    merchantTotals_[cap.merchantId] += usd;
    pending_.push_back(std::move(cap));
  }

  // Called by the scheduler at each settlement window.
  std::vector<PayoutLine> closeBatch() {
    std::vector<Capture> batch;
    batch.swap(pending_);
    std::unordered_map<std::string, std::int64_t> totals;
    totals.swap(merchantTotals_);

    std::vector<PayoutLine> payouts;
    payouts.reserve(totals.size());
    for (auto& kv : totals) payouts.push_back({kv.first, kv.second});
    settledCount_ += batch.size();
    ++cycle_;
    refreshRates();
    return payouts;
  }

  std::size_t pendingSize() const { return pending_.size(); }
  std::size_t totalsSize() const { return merchantTotals_.size(); }
  std::size_t rateCacheSize() const { return rates_.size(); }
  std::uint64_t settled() const { return settledCount_; }

 private:
  double rateFor(Currency c) {
    auto it = rates_.find(c);
    if (it != rates_.end()) return it->second;
    const double r = feed_.quote(c, cycle_);
    rates_.emplace(c, r);
    return r;
  }
  void refreshRates() {
    for (Currency c : kAllCurrencies) rates_[c] = feed_.quote(c, cycle_);
  }

  const FxFeed& feed_;
  std::map<Currency, double> rates_;
  std::vector<Capture> pending_;
  std::unordered_map<std::string, std::int64_t> merchantTotals_;
  std::uint64_t cycle_ = 0;
  std::uint64_t settledCount_ = 0;
};

class AcquirerApp {
 public:
  AcquirerApp() : settlement_(std::make_unique<SettlementService>(feed_)) {}

  void handleCaptureRequest(std::uint64_t seq) {
    Capture cap{"pay_" + std::to_string(seq), "m_" + std::to_string(seq * 2654435761u % 500),
                static_cast<std::int64_t>(500 + seq % 20000), kAllCurrencies[seq % kAllCurrencies.size()]};
    settlement_->onCapture(std::move(cap));
  }

  std::int64_t settleWindow() {
    std::int64_t sum = 0;
    for (const auto& line : settlement_->closeBatch()) sum += line.usdMinor;
    return sum;
  }

  const SettlementService& settlement() const { return *settlement_; }

 private:
  FxFeed feed_;
  std::unique_ptr<SettlementService> settlement_;
};

}  // namespace pay

int main() {
  using namespace pay;
  AcquirerApp app;
  std::uint64_t seq = 0;
  for (int window = 0; window < 6; ++window) {
    for (int i = 0; i < 3000; ++i) app.handleCaptureRequest(++seq);
    const auto& s = app.settlement();
    std::printf("window %d before close: pending=%zu merchants=%zu rates=%zu\n", window, s.pendingSize(),
                s.totalsSize(), s.rateCacheSize());
    const std::int64_t paid = app.settleWindow();
    std::printf("window %d after close: paid=%lld pending=%zu merchants=%zu rates=%zu settled=%llu\n", window,
                static_cast<long long>(paid), s.pendingSize(), s.totalsSize(), s.rateCacheSize(),
                static_cast<unsigned long long>(s.settled()));
  }
  return 0;
}
