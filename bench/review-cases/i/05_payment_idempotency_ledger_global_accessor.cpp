// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: the function-local static map returned by store::idempotencyLedger() gets a new entry for every distinct client idempotency key (PaymentGateway::handle -> settleOnce -> rememberOutcome) and nothing ever evicts or clears it, so it grows for the whole life of the gateway process.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pay {

enum class Currency { USD, EUR, GBP, JPY };

struct ChargeRequest {
  std::string idempotencyKey;
  std::string merchantId;
  std::string cardToken;
  std::int64_t amountMinor;
  Currency currency;
};

struct ChargeOutcome {
  bool approved;
  std::string authCode;
  std::string declineReason;
  std::chrono::steady_clock::time_point decidedAt;
};

namespace store {

using Ledger = std::unordered_map<std::string, ChargeOutcome>;

Ledger& idempotencyLedger() {
  static Ledger ledger;  // LEAK-HERE
  return ledger;
}

std::optional<ChargeOutcome> lookupOutcome(const std::string& key) {
  const Ledger& ledger = idempotencyLedger();
  auto it = ledger.find(key);
  if (it == ledger.end()) return std::nullopt;
  return it->second;
}

void rememberOutcome(const std::string& key, const ChargeOutcome& outcome) {
  auto& ledger = idempotencyLedger();
  ledger.insert_or_assign(key, outcome);  // LEAK-HERE
}

}  // namespace store

class CardNetwork {
 public:
  ChargeOutcome authorize(const ChargeRequest& req) {
    ++calls_;
    ChargeOutcome out{};
    out.decidedAt = std::chrono::steady_clock::now();
    if (req.amountMinor <= 0 || req.amountMinor > 5'000'000) {
      out.approved = false;
      out.declineReason = "amount_out_of_range";
      return out;
    }
    out.approved = (req.cardToken.back() != '0');
    if (out.approved) {
      out.authCode = "A" + std::to_string(100000 + calls_ % 900000);
    } else {
      out.declineReason = "do_not_honor";
    }
    return out;
  }
  std::uint64_t calls() const { return calls_; }

 private:
  std::uint64_t calls_ = 0;
};

class PaymentGateway {
 public:
  explicit PaymentGateway(CardNetwork& net) : net_(net) {}

  ChargeOutcome handle(const ChargeRequest& req) {
    if (req.idempotencyKey.empty()) return net_.authorize(req);
    return settleOnce(req);
  }

 private:
  ChargeOutcome settleOnce(const ChargeRequest& req) {
    const std::string key = req.merchantId + ":" + req.idempotencyKey;
    if (auto prior = store::lookupOutcome(key)) {
      ++replays_;
      return *prior;
    }
    ChargeOutcome fresh = net_.authorize(req);
    store::rememberOutcome(key, fresh);
    return fresh;
  }

  CardNetwork& net_;
  std::uint64_t replays_ = 0;
};

std::string makeKey(std::uint64_t n) {
  static const char* hex = "0123456789abcdef";
  std::string k(24, '0');
  for (std::size_t i = 0; i < k.size(); ++i) {
    n = n * 6364136223846793005ull + 1442695040888963407ull;
    k[i] = hex[(n >> 59) & 0xf];
  }
  return k;
}

}  // namespace pay

int main() {
  using namespace pay;
  CardNetwork network;
  PaymentGateway gateway(network);
  std::uint64_t seq = 1;
  for (int minute = 0; minute < 5; ++minute) {
    int approved = 0;
    for (int i = 0; i < 2000; ++i, ++seq) {
      ChargeRequest req{makeKey(seq), "m_" + std::to_string(seq % 37), "tok_" + std::to_string(seq),
                        static_cast<std::int64_t>(100 + seq % 9000), Currency::EUR};
      if (gateway.handle(req).approved) ++approved;
      if (i % 10 == 0) gateway.handle(req);  // client retry with the same key
    }
    std::printf("minute %d: approved=%d ledger entries=%zu network calls=%llu\n", minute, approved,
                store::idempotencyLedger().size(), static_cast<unsigned long long>(network.calls()));
  }
  return 0;
}
