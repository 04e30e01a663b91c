// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The global per-domain stats live in an LRU capped at kMaxTrackedDomains and receipts are expired after a fixed retention window on every queue run, so both global tables stay bounded no matter how many domains or messages pass through.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mta {

struct Envelope {
  uint64_t id;
  std::string from;
  std::string rcpt;
  size_t bytes;
  int attempts = 0;
};

struct DomainStats {
  uint64_t delivered = 0;
  uint64_t deferred = 0;
  uint64_t bytesOut = 0;
  double avgLatencyMs = 0.0;
};

struct Receipt {
  std::string domain;
  uint64_t deliveredAt;
  int smtpCode;
};

constexpr size_t kMaxTrackedDomains = 1024;
constexpr uint64_t kReceiptRetentionTicks = 60;

namespace {
using LruOrder = std::list<std::pair<std::string, DomainStats>>;
LruOrder g_domainLru;
std::unordered_map<std::string, LruOrder::iterator> g_domainStats;
std::unordered_map<uint64_t, Receipt> g_receipts;
std::deque<std::pair<uint64_t, uint64_t>> g_receiptAges;  // (deliveredAt, messageId)
}  // namespace

DomainStats& statsFor(const std::string& domain) {
  auto it = g_domainStats.find(domain);
  if (it != g_domainStats.end()) {
    g_domainLru.splice(g_domainLru.begin(), g_domainLru, it->second);
    return it->second->second;
  }
  if (g_domainStats.size() >= kMaxTrackedDomains) {
    g_domainStats.erase(g_domainLru.back().first);
    g_domainLru.pop_back();
  }
  g_domainLru.emplace_front(domain, DomainStats{});
  g_domainStats.emplace(domain, g_domainLru.begin());
  return g_domainLru.front().second;
}

void recordReceipt(const Envelope& env, const std::string& domain, uint64_t now, int code) {
  if (g_receipts.emplace(env.id, Receipt{domain, now, code}).second) g_receiptAges.emplace_back(now, env.id);
}

void expireReceipts(uint64_t now) {
  while (!g_receiptAges.empty() && g_receiptAges.front().first + kReceiptRetentionTicks < now) {
    g_receipts.erase(g_receiptAges.front().second);
    g_receiptAges.pop_front();
  }
}

const Receipt* lookupReceipt(uint64_t messageId) {
  auto it = g_receipts.find(messageId);
  return it == g_receipts.end() ? nullptr : &it->second;
}

std::string domainOf(const std::string& addr) {
  auto at = addr.rfind('@');
  return at == std::string::npos ? std::string("localhost") : addr.substr(at + 1);
}

// Pretend remote MX: greylists the first attempt for some domains.
int simulateSmtp(const Envelope& env) {
  if (env.attempts == 0 && (env.id % 9) == 0) return 451;
  return 250;
}

class OutboundQueue {
 public:
  void enqueue(Envelope env) { ready_.push_back(std::move(env)); }

  void runOnce(uint64_t now) {
    size_t budget = 64;
    while (budget-- > 0 && !ready_.empty()) {
      Envelope env = std::move(ready_.front());
      ready_.pop_front();
      deliver(std::move(env), now);
    }
    while (!deferred_.empty() && deferred_.front().first <= now) {
      ready_.push_back(std::move(deferred_.front().second));
      deferred_.pop_front();
    }
    expireReceipts(now);
  }

  size_t pending() const { return ready_.size() + deferred_.size(); }

 private:
  void deliver(Envelope env, uint64_t now) {
    const std::string domain = domainOf(env.rcpt);
    DomainStats& st = statsFor(domain);
    int code = simulateSmtp(env);
    ++env.attempts;
    if (code / 100 == 2) {
      ++st.delivered;
      st.bytesOut += env.bytes;
      st.avgLatencyMs = st.avgLatencyMs * 0.9 + 0.1 * static_cast<double>(env.bytes % 200);
      recordReceipt(env, domain, now, code);
    } else {
      ++st.deferred;
      deferred_.emplace_back(now + 5, std::move(env));
    }
  }

  std::deque<Envelope> ready_;
  std::deque<std::pair<uint64_t, Envelope>> deferred_;
};

}  // namespace mta

namespace {

// Outbound traffic from a shared hosting box: lots of one-off recipient domains.
std::vector<mta::Envelope> acceptFromSubmission(uint64_t& nextId, uint64_t tick) {
  std::vector<mta::Envelope> batch;
  for (int i = 0; i < 40; ++i) {
    uint64_t id = nextId++;
    std::string domain = "mx" + std::to_string((id * 2654435761u) % 500000) + ".example.net";
    batch.push_back(mta::Envelope{id, "noreply@shop.example", "user" + std::to_string(id % 97) + "@" + domain,
                                  static_cast<size_t>(800 + (id * 31 + tick) % 4000)});
  }
  return batch;
}

}  // namespace

int main() {
  mta::OutboundQueue queue;
  uint64_t nextId = 1;
  for (uint64_t tick = 1; tick <= 1500; ++tick) {
    for (auto& env : acceptFromSubmission(nextId, tick)) queue.enqueue(std::move(env));
    queue.runOnce(tick);
    if (tick % 500 == 0) {
      const mta::Receipt* r = mta::lookupReceipt(nextId - 100);
      std::printf("tick=%llu pending=%zu domain stats entries=%zu receipts=%zu last=%d\n",
                  static_cast<unsigned long long>(tick), queue.pending(), mta::g_domainStats.size(),
                  mta::g_receipts.size(), r ? r->smtpCode : 0);
    }
  }
  return 0;
}
