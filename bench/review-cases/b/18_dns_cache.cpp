// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The singleton CachingResolver inserts answers under "name/type" keys but sweep() erases by the bare name, so no cached entry is ever removed, and every resolve() also appends to an uncapped history_ vector.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#define DNS_LOG(x) (std::clog << "[dns] " << x << '\n')

namespace dns {

using Clock = std::chrono::steady_clock;

enum class RRType : std::uint16_t { A = 1, NS = 2, CNAME = 5, MX = 15, AAAA = 28 };

struct Answer {
    std::string name;
    RRType type = RRType::A;
    std::vector<std::string> records;
    Clock::time_point expires{};
};

struct QueryRecord {
    std::string name;
    RRType type;
    bool cacheHit;
    Clock::time_point at;
};

class CachingResolver {
public:
    static CachingResolver& instance();

    Answer resolve(const std::string& name, RRType type);
    void sweep();
    std::size_t cacheSize() const { return cache_.size(); }

private:
    CachingResolver() = default;
    static std::string keyFor(const std::string& name, RRType type);
    Answer queryUpstream(const std::string& name, RRType type);

    std::mutex mu_;
    std::unordered_map<std::string, Answer> cache_;  // LEAK-HERE
    std::vector<QueryRecord> history_;               // LEAK-HERE
};

CachingResolver& CachingResolver::instance() {
    static CachingResolver r;
    return r;
}

std::string CachingResolver::keyFor(const std::string& name, RRType type) {
    std::string lower;
    lower.reserve(name.size());
    for (char c : name) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    return lower + "/" + std::to_string(static_cast<unsigned>(type));
}

Answer CachingResolver::queryUpstream(const std::string& name, RRType type) {
    Answer a;
    a.name = name;
    a.type = type;
    a.records = {"192.0.2.1"};
    a.expires = Clock::now() + std::chrono::seconds(30);
    return a;
}

Answer CachingResolver::resolve(const std::string& name, RRType type) {
    const auto key = keyFor(name, type);
    std::lock_guard<std::mutex> lock(mu_);
    auto now = Clock::now();
    auto it = cache_.find(key);
    bool hit = it != cache_.end() && it->second.expires > now;
    history_.push_back(QueryRecord{name, type, hit, now});  // LEAK-HERE
    if (hit) return it->second;

    auto fresh = queryUpstream(name, type);
    cache_[key] = fresh;  // LEAK-HERE
    DNS_LOG(name << " cached, " << cache_.size() << " entries");
    return fresh;
}

void CachingResolver::sweep() {
    std::lock_guard<std::mutex> lock(mu_);
    auto now = Clock::now();
    std::vector<std::string> stale;
    for (const auto& [key, answer] : cache_)
        if (answer.expires <= now) stale.push_back(answer.name);
    for (const auto& name : stale) cache_.erase(name);
    DNS_LOG("sweep dropped up to " << stale.size() << " entries");
}

void serveClient(const std::vector<std::pair<std::string, RRType>>& questions) {
    auto& resolver = CachingResolver::instance();
    for (const auto& [name, type] : questions) {
        auto ans = resolver.resolve(name, type);
        DNS_LOG(ans.name << " -> " << ans.records.size() << " records");
    }
    resolver.sweep();
}

}  // namespace dns
