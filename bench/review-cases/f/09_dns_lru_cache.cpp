// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The global resolver cache is keyed by arbitrary hostnames from requests, but put() evicts the least-recently-used entry once capacity_ is reached, so it never holds more than 1024 records.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

template <typename Key, typename Value>
class LruCache {
public:
    explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

    std::optional<Value> get(const Key& k) {
        auto it = index_.find(k);
        if (it == index_.end()) return std::nullopt;
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
    }

    void put(const Key& k, Value v) {
        auto it = index_.find(k);
        if (it != index_.end()) {
            it->second->second = std::move(v);
            order_.splice(order_.begin(), order_, it->second);
            return;
        }
        if (index_.size() >= capacity_) evictOne();
        order_.emplace_front(k, std::move(v));
        index_[k] = order_.begin();
    }

    std::size_t size() const { return index_.size(); }

private:
    void evictOne() {
        auto& victim = order_.back();
        index_.erase(victim.first);
        order_.pop_back();
    }

    using Entry = std::pair<Key, Value>;
    std::size_t capacity_;
    std::list<Entry> order_;
    std::unordered_map<Key, typename std::list<Entry>::iterator> index_;
};

struct DnsRecord {
    std::vector<std::uint32_t> addrs;
    std::chrono::steady_clock::time_point expires;
};

class Resolver {
public:
    static Resolver& shared() {
        static Resolver r;
        return r;
    }

    DnsRecord resolve(const std::string& host) {
        const auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard<std::mutex> g(mu_);
            if (auto hit = cache_.get(host); hit && hit->expires > now) {
                ++hits_;
                return *hit;
            }
        }
        DnsRecord rec = query(host, now);
        std::lock_guard<std::mutex> g(mu_);
        cache_.put(host, rec);
        return rec;
    }

    std::size_t cached() {
        std::lock_guard<std::mutex> g(mu_);
        return cache_.size();
    }
    std::size_t hits() const { return hits_; }

private:
    Resolver() : cache_(kMaxEntries) {}
    static constexpr std::size_t kMaxEntries = 1024;

    DnsRecord query(const std::string& host, std::chrono::steady_clock::time_point now) {
        std::uint32_t h = 2166136261u;
        for (char c : host) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
        return DnsRecord{{h, h ^ 0xff}, now + std::chrono::seconds(30)};
    }

    std::mutex mu_;
    LruCache<std::string, DnsRecord> cache_;
    std::size_t hits_ = 0;
};

// Outbound webhook dispatcher: each customer registers their own callback URL.
class WebhookDispatcher {
public:
    bool deliver(const std::string& url, const std::string& body) {
        std::string host = hostOf(url);
        DnsRecord rec = Resolver::shared().resolve(host);
        bytesSent_ += body.size();
        return !rec.addrs.empty();
    }
    std::size_t bytesSent() const { return bytesSent_; }

private:
    static std::string hostOf(const std::string& url) {
        auto start = url.find("://");
        start = (start == std::string::npos) ? 0 : start + 3;
        auto end = url.find('/', start);
        return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
    }
    std::size_t bytesSent_ = 0;
};

int main() {
    WebhookDispatcher d;
    for (int i = 0; i < 300000; ++i) {
        int tenant = (i % 7 == 0) ? i % 50000 : i % 300;  // a few hot tenants, a long tail
        std::string url = "https://hooks.tenant" + std::to_string(tenant) + ".example.com/events";
        d.deliver(url, R"({"event":"order.created"})");
    }
    std::printf("cached=%zu hits=%zu sent=%zu\n", Resolver::shared().cached(),
                Resolver::shared().hits(), d.bytesSent());
    return 0;
}
