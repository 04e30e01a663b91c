// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The process-wide DNS cache is keyed by arbitrary hostnames but is an LRU that evicts the least recently used entry whenever size() exceeds its fixed capacity, so it never holds more than 512 entries.
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace resolver {

template <typename Key, typename Value>
class lru_cache {
public:
    explicit lru_cache(std::size_t capacity) : capacity_(capacity) {}

    std::optional<Value> get(const Key& key) {
        auto it = index_.find(key);
        if (it == index_.end()) return std::nullopt;
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
    }

    void put(const Key& key, Value value) {
        auto it = index_.find(key);
        if (it != index_.end()) {
            it->second->second = std::move(value);
            order_.splice(order_.begin(), order_, it->second);
            return;
        }
        order_.emplace_front(key, std::move(value));
        index_[key] = order_.begin();
        while (index_.size() > capacity_) {
            auto& victim = order_.back();
            index_.erase(victim.first);
            order_.pop_back();
        }
    }

    std::size_t size() const { return index_.size(); }

private:
    using entry_list = std::list<std::pair<Key, Value>>;
    std::size_t capacity_;
    entry_list order_;
    std::unordered_map<Key, typename entry_list::iterator> index_;
};

struct a_record {
    std::vector<std::uint32_t> addrs;
    std::uint32_t ttl_seconds = 0;
};

class dns_cache {
public:
    static dns_cache& instance() {
        static dns_cache cache;
        return cache;
    }

    a_record resolve(const std::string& hostname) {
        if (auto hit = records_.get(hostname)) return *hit;
        a_record rec = query_upstream(hostname);
        records_.put(hostname, rec);
        return rec;
    }

    std::size_t cached() const { return records_.size(); }

private:
    dns_cache() : records_(512) {}

    static a_record query_upstream(const std::string& hostname) {
        std::uint32_t h = 2166136261u;
        for (unsigned char c : hostname) h = (h ^ c) * 16777619u;
        return a_record{{h, h ^ 0xff}, 300};
    }

    lru_cache<std::string, a_record> records_;
};

} // namespace resolver

// Called by every outbound connection in the proxy.
std::uint32_t pick_address(const std::string& hostname) {
    auto rec = resolver::dns_cache::instance().resolve(hostname);
    return rec.addrs.empty() ? 0 : rec.addrs.front();
}
