// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: Resolver::cache_ lives for the whole program and gains one rrset per distinct qname, but the tick handler registered in main runs sweep_expired every 16 ticks, erasing every expired rrset (TTL at most 300) and then empty zones, so the cache stays bounded by the names seen within one TTL window.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dns {

using Tick = std::uint64_t;
enum class RType : std::uint16_t { A = 1, CNAME = 5, AAAA = 28 };
enum class Rcode { NoError, NxDomain, ServFail };

struct Record {
  std::string name;
  RType type;
  std::string data;
  std::uint32_t ttl;
};
struct Query {
  std::string qname;
  RType qtype;
  Tick now;
};
struct Answer {
  Rcode rcode = Rcode::NoError;
  std::vector<Record> records;
  std::uint32_t soa_serial = 0;
};

std::string zone_of(const std::string& qname) {
  auto last = qname.rfind('.');
  if (last == std::string::npos || last == 0) return qname;
  auto prev = qname.rfind('.', last - 1);
  return prev == std::string::npos ? qname : qname.substr(prev + 1);
}

std::string cache_key(const Query& q) {
  return q.qname + "/" + std::to_string(static_cast<int>(q.qtype));
}

class Upstream {
 public:
  Answer resolve(const Query& q) {
    ++sent_;
    Answer a;
    const std::string zone = zone_of(q.qname);
    a.soa_serial = zone == "corp.example" ? 2024000 + static_cast<std::uint32_t>(sent_ / 800) : 7;
    if (q.qname.rfind("nx-", 0) == 0) {
      a.rcode = Rcode::NxDomain;
      return a;
    }
    std::uint32_t ttl = zone == "example.net" ? 60 : 300;
    a.records.push_back({q.qname, q.qtype, "10.0." + std::to_string(sent_ % 250) + ".1", ttl});
    return a;
  }

 private:
  std::uint64_t sent_ = 0;
};

struct CachedRRset {
  std::vector<Record> records;
  Tick expires_at = 0;
};

struct ZoneCache {
  std::uint32_t soa_serial = 0;
  std::unordered_map<std::string, CachedRRset> rrsets;
};

class ResolverCache {
 public:
  const CachedRRset* lookup(const Query& q) const {
    auto z = zones_.find(zone_of(q.qname));
    if (z == zones_.end()) return nullptr;
    auto r = z->second.rrsets.find(cache_key(q));
    if (r == z->second.rrsets.end() || r->second.expires_at <= q.now) return nullptr;
    return &r->second;
  }

  void insert(const Query& q, const Answer& a) {
    const std::string zone = zone_of(q.qname);
    ZoneCache* zc = &zones_[zone];
    if (zc->soa_serial != 0 && zc->soa_serial != a.soa_serial) {
      zones_.erase(zone);  // zone was re-signed upstream; drop everything we had
      zc = &zones_[zone];
    }
    zc->soa_serial = a.soa_serial;
    zc->rrsets[cache_key(q)] = CachedRRset{a.records, q.now + min_ttl(a)};
  }

  // Expired answers are never served again, so they are dropped on the periodic sweep.
  void sweep_expired(Tick now) {
    for (auto z = zones_.begin(); z != zones_.end();) {
      auto& sets = z->second.rrsets;
      for (auto it = sets.begin(); it != sets.end();) {
        if (it->second.expires_at <= now)
          it = sets.erase(it);
        else
          ++it;
      }
      z = sets.empty() ? zones_.erase(z) : std::next(z);
    }
  }

  std::size_t total_rrsets() const {
    std::size_t n = 0;
    for (const auto& kv : zones_) n += kv.second.rrsets.size();
    return n;
  }

 private:
  static constexpr Tick kNegativeTtl = 30;
  static Tick min_ttl(const Answer& a) {
    if (a.records.empty()) return kNegativeTtl;
    Tick ttl = a.records.front().ttl;
    for (const auto& r : a.records) ttl = r.ttl < ttl ? r.ttl : ttl;
    return ttl;
  }
  std::unordered_map<std::string, ZoneCache> zones_;
};

class Resolver {
 public:
  explicit Resolver(Upstream& up) : upstream_(up) {}

  Answer handle(const Query& q) {
    if (const CachedRRset* hit = cache_.lookup(q)) {
      ++hits_;
      Answer a;
      a.records = hit->records;
      return a;
    }
    ++misses_;
    Answer a = upstream_.resolve(q);
    if (a.rcode != Rcode::ServFail) cache_.insert(q, a);
    return a;
  }

  void maintain(Tick now) {
    if (now % 16 == 0) cache_.sweep_expired(now);
  }

  const ResolverCache& cache() const { return cache_; }
  std::uint64_t hits() const { return hits_; }

 private:
  Upstream& upstream_;
  ResolverCache cache_;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

class DnsServer {
 public:
  using QueryHandler = std::function<Answer(const Query&)>;
  using TickHandler = std::function<void(Tick)>;
  void on_query(QueryHandler h) { handler_ = std::move(h); }
  void on_tick(TickHandler h) { tick_ = std::move(h); }
  void serve(Tick now, const std::vector<std::string>& names) {
    for (const auto& name : names) {
      Answer a = handler_(Query{name, RType::A, now});
      answered_ += a.records.empty() ? 0 : 1;
    }
    if (tick_) tick_(now);
  }
  std::uint64_t answered() const { return answered_; }

 private:
  QueryHandler handler_;
  TickHandler tick_;
  std::uint64_t answered_ = 0;
};

std::vector<std::string> next_batch(Tick now) {
  static const char* popular[] = {"www.corp.example", "api.corp.example", "mail.corp.example",
                                  "img.example.net", "login.example.org"};
  std::vector<std::string> batch;
  for (int i = 0; i < 40; ++i) {
    if (i % 20 == 9)
      batch.push_back("nx-" + std::to_string(now % 13) + ".corp.example");
    else if (i % 4 == 3)
      batch.push_back("b" + std::to_string(now * 40 + i) + ".beacon.example.net");
    else
      batch.push_back(popular[(now + i) % 5]);
  }
  return batch;
}

}  // namespace dns

int main() {
  using namespace dns;
  Upstream upstream;
  Resolver resolver(upstream);
  DnsServer server;
  server.on_query(std::bind(&Resolver::handle, &resolver, std::placeholders::_1));
  server.on_tick([&resolver](Tick now) { resolver.maintain(now); });
  for (Tick now = 1; now <= 2000; ++now) {
    server.serve(now, next_batch(now));
    if (now % 400 == 0)
      std::printf("tick=%llu answered=%llu cache_hits=%llu cached_rrsets=%zu\n",
                  static_cast<unsigned long long>(now),
                  static_cast<unsigned long long>(server.answered()),
                  static_cast<unsigned long long>(resolver.hits()), resolver.cache().total_rrsets());
  }
  return 0;
}
