// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Every PaymentIntent registers shared_from_this() in the function-static IdempotencyLedger when it is created, and nothing removes the entry after capture or failure, so every intent ever charged (with its audit trail) stays owned by the singleton and is never destroyed.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace payments {

enum class IntentStatus { Created, Authorized, Captured, Failed };

struct Money {
  int64_t minor;
  std::string currency;
};

struct CardToken {
  std::string token;
  std::string bin;
};

struct RetryPolicy {
  int maxAttempts;
  int baseDelayMs;
  double backoff;
  int delayFor(int attempt) const {
    double d = baseDelayMs;
    for (int i = 1; i < attempt; ++i) d *= backoff;
    return static_cast<int>(d);
  }
};

const RetryPolicy& retryPolicyFor(const std::string& declineCode) {
  static const std::unordered_map<std::string, RetryPolicy> table = {
      {"issuer_unavailable", {4, 200, 2.0}},
      {"processing_error", {3, 100, 1.5}},
      {"do_not_honor", {1, 0, 1.0}},
  };
  static const RetryPolicy noRetry{1, 0, 1.0};
  auto it = table.find(declineCode);
  return it == table.end() ? noRetry : it->second;
}

class AcquirerClient {
 public:
  struct Result {
    bool approved;
    std::string declineCode;
    std::string authCode;
  };

  Result authorize(const Money& amount, const CardToken& card, int attempt) {
    ++calls_;
    uint64_t h = static_cast<uint64_t>(amount.minor) * 2654435761u + card.token.size() * 31 + calls_;
    if (attempt == 1 && h % 11 == 0) return {false, "issuer_unavailable", ""};
    if (h % 29 == 0) return {false, "do_not_honor", ""};
    return {true, "", "A" + std::to_string(h % 1000000)};
  }

 private:
  uint64_t calls_ = 0;
};

class PaymentIntent;

class IdempotencyLedger {
 public:
  void record(const std::string& key, std::shared_ptr<PaymentIntent> intent) {
    byKey_[key] = std::move(intent);  // LEAK-HERE
  }

  std::shared_ptr<PaymentIntent> lookup(const std::string& key) const {
    auto it = byKey_.find(key);
    return it == byKey_.end() ? nullptr : it->second;
  }

  size_t size() const { return byKey_.size(); }

 private:
  std::unordered_map<std::string, std::shared_ptr<PaymentIntent>> byKey_;  // LEAK-HERE
};

IdempotencyLedger& idempotencyLedger() {
  static IdempotencyLedger ledger;
  return ledger;
}

class PaymentIntent : public std::enable_shared_from_this<PaymentIntent> {
 public:
  static std::shared_ptr<PaymentIntent> create(std::string merchant, std::string idemKey, Money amount,
                                               CardToken card) {
    std::shared_ptr<PaymentIntent> intent(
        new PaymentIntent(std::move(merchant), std::move(idemKey), std::move(amount), std::move(card)));
    intent->trackIdempotency();
    return intent;
  }

  ~PaymentIntent() { ++destroyed; }

  void confirm(AcquirerClient& acquirer) {
    int attempt = 1;
    for (;;) {
      AcquirerClient::Result r = acquirer.authorize(amount_, card_, attempt);
      if (r.approved) {
        authCode_ = r.authCode;
        transition(IntentStatus::Authorized, "authorized " + authCode_);
        return;
      }
      const RetryPolicy& policy = retryPolicyFor(r.declineCode);
      if (attempt >= policy.maxAttempts) {
        transition(IntentStatus::Failed, "declined " + r.declineCode);
        return;
      }
      events_.push_back("retry in " + std::to_string(policy.delayFor(attempt)) + "ms after " + r.declineCode);
      ++attempt;
    }
  }

  void capture() {
    if (status_ == IntentStatus::Authorized) transition(IntentStatus::Captured, "captured");
  }

  IntentStatus status() const { return status_; }
  const std::string& idempotencyKey() const { return idemKey_; }
  int64_t amountMinor() const { return amount_.minor; }

  static inline size_t destroyed = 0;

 private:
  PaymentIntent(std::string merchant, std::string idemKey, Money amount, CardToken card)
      : merchant_(std::move(merchant)), idemKey_(std::move(idemKey)), amount_(std::move(amount)),
        card_(std::move(card)) {
    events_.push_back("created for " + merchant_);
  }

  // A retried POST with the same Idempotency-Key must return this same intent.
  void trackIdempotency() { idempotencyLedger().record(idemKey_, shared_from_this()); }

  void transition(IntentStatus next, std::string note) {
    status_ = next;
    events_.push_back(std::move(note));
  }

  std::string merchant_;
  std::string idemKey_;
  Money amount_;
  CardToken card_;
  std::string authCode_;
  IntentStatus status_ = IntentStatus::Created;
  std::vector<std::string> events_;
};

struct ChargeRequest {
  std::string merchant;
  std::string idempotencyKey;
  int64_t amountMinor;
  std::string currency;
  CardToken card;
};

class PaymentGateway {
 public:
  std::shared_ptr<PaymentIntent> charge(const ChargeRequest& req) {
    if (auto existing = idempotencyLedger().lookup(req.idempotencyKey)) {
      ++replays_;
      return existing;
    }
    auto intent = PaymentIntent::create(req.merchant, req.idempotencyKey, Money{req.amountMinor, req.currency},
                                        req.card);
    intent->confirm(acquirer_);
    intent->capture();
    if (intent->status() == IntentStatus::Captured) settledMinor_ += intent->amountMinor();
    remember(intent);
    return intent;
  }

  size_t replays() const { return replays_; }
  int64_t settledMinor() const { return settledMinor_; }

 private:
  // Short window of recent intents kept for the merchant dashboard.
  void remember(std::shared_ptr<PaymentIntent> intent) {
    recent_.push_back(std::move(intent));
    if (recent_.size() > 32) recent_.pop_front();
  }

  AcquirerClient acquirer_;
  std::deque<std::shared_ptr<PaymentIntent>> recent_;
  size_t replays_ = 0;
  int64_t settledMinor_ = 0;
};

}  // namespace payments

int main(int argc, char** argv) {
  long charges = argc > 1 ? std::atol(argv[1]) : 20000;
  size_t created = 0;
  {
    payments::PaymentGateway gateway;
    for (long i = 0; i < charges; ++i) {
      // Every 7th request is a client retry of the previous Idempotency-Key.
      long keyId = (i % 7 == 6) ? i - 1 : i;
      payments::ChargeRequest req{"merchant-" + std::to_string(i % 40), "idem-" + std::to_string(keyId),
                                  500 + (i * 137) % 20000, "EUR",
                                  payments::CardToken{"tok_" + std::to_string(i % 3000), "424242"}};
      auto intent = gateway.charge(req);
      if (keyId == i) ++created;
    }
    std::printf("charges=%ld intents created=%zu replays=%zu settled=%lld live ledger entries=%zu\n", charges,
                created, gateway.replays(), static_cast<long long>(gateway.settledMinor()),
                payments::idempotencyLedger().size());
  }
  std::printf("ledger entries=%zu intents destroyed=%zu\n", payments::idempotencyLedger().size(),
              payments::PaymentIntent::destroyed);
  return 0;
}
