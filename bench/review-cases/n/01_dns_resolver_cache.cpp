// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: the process-wide ResolverCache singleton stores one entry per distinct normalized hostname queried, and the TTL check in lookup() only skips stale entries without erasing them, so the map grows with every new name for the life of the program.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace netdns {

using Clock = std::chrono::steady_clock;

struct ResourceRecord {
  std::string address;
  std::uint32_t ttlSeconds = 0;
};

struct CacheEntry {
  std::vector<ResourceRecord> records;
  Clock::time_point storedAt;
  std::uint32_t minTtl() const {
    std::uint32_t m = UINT32_MAX;
    for (const auto& r : records) m = std::min(m, r.ttlSeconds);
    return records.empty() ? 0 : m;
  }
};

struct Query {
  std::string name;
  std::uint16_t qtype = 1;  // A
};

inline std::string normalizeName(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!name.empty() && name.back() == '.') name.pop_back();
  return name;
}

inline std::string cacheKey(const Query& q) {
  return normalizeName(q.name) + "/" + std::to_string(q.qtype);
}

class ResolverCache {
 public:
  static ResolverCache& instance() {
    static ResolverCache cache;
    return cache;
  }

  const CacheEntry* lookup(const std::string& key, Clock::time_point now) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    auto age = std::chrono::duration_cast<std::chrono::seconds>(now - it->second.storedAt);
    if (age.count() >= static_cast<long>(it->second.minTtl())) return nullptr;
    return &it->second;
  }

  void store(std::string key, CacheEntry entry) {
    entries_[std::move(key)] = std::move(entry);  // LEAK-HERE
  }

  std::size_t size() const { return entries_.size(); }

 private:
  ResolverCache() = default;
  std::unordered_map<std::string, CacheEntry> entries_;  // LEAK-HERE
};

class UpstreamClient {
 public:
  std::vector<ResourceRecord> resolve(const Query& q) {
    ++upstreamCalls_;
    std::size_t h = std::hash<std::string>{}(q.name);
    ResourceRecord rr;
    rr.address = "10." + std::to_string((h >> 16) & 0xff) + "." +
                 std::to_string((h >> 8) & 0xff) + "." + std::to_string(h & 0xff);
    rr.ttlSeconds = 30 + static_cast<std::uint32_t>(h % 60);
    return {rr};
  }
  std::size_t calls() const { return upstreamCalls_; }

 private:
  std::size_t upstreamCalls_ = 0;
};

class StubResolver {
 public:
  explicit StubResolver(UpstreamClient& upstream) : upstream_(upstream) {}

  std::vector<ResourceRecord> handle(const Query& q) {
    const auto now = Clock::now();
    std::string key = cacheKey(q);
    auto& cache = ResolverCache::instance();
    if (const CacheEntry* hit = cache.lookup(key, now)) {
      ++hits_;
      return hit->records;
    }
    CacheEntry fresh;
    fresh.records = upstream_.resolve(q);
    fresh.storedAt = now;
    auto answer = fresh.records;
    cache.store(std::move(key), std::move(fresh));
    return answer;
  }

  std::size_t hits() const { return hits_; }

 private:
  UpstreamClient& upstream_;
  std::size_t hits_ = 0;
};

}  // namespace netdns

namespace {

// Simulates CDN / tracking traffic where most names carry a per-request label.
std::vector<netdns::Query> nextBatch(int round, int perRound) {
  std::vector<netdns::Query> batch;
  batch.reserve(static_cast<std::size_t>(perRound));
  for (int i = 0; i < perRound; ++i) {
    netdns::Query q;
    if (i % 10 == 0) {
      q.name = "API.Example.COM.";
    } else {
      q.name = "r" + std::to_string(round) + "-" + std::to_string(i) + ".edge.cdn-example.net.";
    }
    batch.push_back(std::move(q));
  }
  return batch;
}

}  // namespace

int main() {
  netdns::UpstreamClient upstream;
  netdns::StubResolver resolver(upstream);
  std::size_t answers = 0;
  for (int round = 0; round < 6; ++round) {
    for (const auto& q : nextBatch(round, 2000)) {
      answers += resolver.handle(q).size();
    }
    std::printf("round %d: cache entries=%zu hits=%zu upstream=%zu\n", round,
                netdns::ResolverCache::instance().size(), resolver.hits(), upstream.calls());
  }
  std::printf("answers=%zu\n", answers);
  return 0;
}
