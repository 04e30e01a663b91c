// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The long-lived ApiGateway's KeyedLimiter still adds a TokenBucket per new (api key, client IP), but it keeps the keys in an LRU list and evicts the least recently used bucket once it holds `capacity` entries, so its size is bounded.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace gateway {

struct Request {
  std::string apiKey;
  std::string clientIp;
  std::string route;
  int64_t nowMs = 0;
};

struct TokenBucketPolicy {
  double ratePerSec;
  double burst;
};

class TokenBucket {
 public:
  TokenBucket(double tokens, int64_t nowMs) : tokens_(tokens), lastMs_(nowMs) {}
  bool tryTake(const TokenBucketPolicy& p, int64_t nowMs) {
    double elapsed = static_cast<double>(nowMs - lastMs_) / 1000.0;
    tokens_ = std::min(p.burst, tokens_ + elapsed * p.ratePerSec);
    lastMs_ = nowMs;
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  double tokens_;
  int64_t lastMs_;
};

template <typename Key, typename Policy, typename Hash = std::hash<Key>>
class KeyedLimiter {
 public:
  KeyedLimiter(Policy p, size_t capacity) : policy_(p), capacity_(capacity) {}

  bool allow(const Key& key, int64_t nowMs) {
    auto it = buckets_.find(key);
    if (it != buckets_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.pos);
    } else {
      if (buckets_.size() >= capacity_) evictOldest();
      lru_.push_front(key);
      it = buckets_.emplace(key, Entry{TokenBucket(policy_.burst, nowMs), lru_.begin()}).first;
      ++created_;
    }
    return it->second.bucket.tryTake(policy_, nowMs);
  }

  size_t trackedKeys() const { return buckets_.size(); }
  uint64_t created() const { return created_; }

 private:
  struct Entry {
    TokenBucket bucket;
    typename std::list<Key>::iterator pos;
  };

  void evictOldest() {
    buckets_.erase(lru_.back());
    lru_.pop_back();
  }

  Policy policy_;
  size_t capacity_;
  std::list<Key> lru_;
  std::unordered_map<Key, Entry, Hash> buckets_;
  uint64_t created_ = 0;
};

struct ClientKey {
  std::string apiKey;
  std::string ip;
  bool operator==(const ClientKey& o) const { return apiKey == o.apiKey && ip == o.ip; }
};

struct ClientKeyHash {
  size_t operator()(const ClientKey& k) const {
    return std::hash<std::string>{}(k.apiKey) * 31u ^ std::hash<std::string>{}(k.ip);
  }
};

ClientKey clientKeyFor(const Request& r) { return ClientKey{r.apiKey.empty() ? "anonymous" : r.apiKey, r.clientIp}; }

struct Decision {
  int64_t atMs = 0;
  int status = 0;
};

// Fixed-size ring of recent decisions for the admin page.
template <size_t N>
class DecisionLog {
 public:
  void record(int64_t atMs, int status) { ring_[next_++ % N] = Decision{atMs, status}; }
  size_t rejectedRecently() const {
    size_t n = 0;
    for (const auto& d : ring_) n += d.status == 429;
    return n;
  }

 private:
  std::array<Decision, N> ring_{};
  size_t next_ = 0;
};

class ApiGateway {
 public:
  ApiGateway() : perClient_(TokenBucketPolicy{5.0, 10.0}, 4096) {}

  int handle(const Request& req) {
    ClientKey key = clientKeyFor(req);
    int status = perClient_.allow(key, req.nowMs) ? forward(req) : 429;
    log_.record(req.nowMs, status);
    return status;
  }

  size_t trackedClients() const { return perClient_.trackedKeys(); }
  size_t rejectedRecently() const { return log_.rejectedRecently(); }

 private:
  int forward(const Request& req) { return req.route.empty() ? 404 : 200; }

  KeyedLimiter<ClientKey, TokenBucketPolicy, ClientKeyHash> perClient_;
  DecisionLog<1024> log_;
};

// Mobile carriers rotate NAT addresses, so anonymous traffic keeps arriving from fresh IPs.
std::string clientIpFor(uint64_t n) {
  uint64_t host = n * 2654435761u;
  return "10." + std::to_string((host >> 16) & 0xff) + "." + std::to_string((host >> 8) & 0xff) + "." +
         std::to_string(host & 0xff);
}

}  // namespace gateway

int main() {
  gateway::ApiGateway gw;
  int64_t now = 0;
  uint64_t n = 0;
  for (int minute = 0; minute < 5; ++minute) {
    for (int i = 0; i < 20000; ++i, ++n, now += 3) {
      gateway::Request req;
      req.apiKey = (n % 5 == 0) ? "key-partner-" + std::to_string(n % 3) : "";
      req.clientIp = gateway::clientIpFor(n);
      req.route = "/v1/search";
      req.nowMs = now;
      gw.handle(req);
    }
    std::printf("minute %d: tracked_clients=%zu rejected_recent=%zu\n", minute, gw.trackedClients(),
                gw.rejectedRecently());
  }
  return 0;
}
