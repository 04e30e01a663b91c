// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The global response cache is keyed by arbitrary request URLs but is a true LRU: every insert that pushes size past capacity_ evicts the least-recently-used entry from both the list and the index map.
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace proxy {

template <typename K, typename V>
class LruCache {
public:
    explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

    std::optional<V> get(const K& key);
    void put(const K& key, V value);
    std::size_t size() const { return index_.size(); }

private:
    using Entry = std::pair<K, V>;
    using List = std::list<Entry>;

    void evictIfNeeded();

    std::size_t capacity_;
    List order_;
    std::unordered_map<K, typename List::iterator> index_;
};

template <typename K, typename V>
std::optional<V> LruCache<K, V>::get(const K& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
}

template <typename K, typename V>
void LruCache<K, V>::put(const K& key, V value) {
    if (auto it = index_.find(key); it != index_.end()) {
        it->second->second = std::move(value);
        order_.splice(order_.begin(), order_, it->second);
        return;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    evictIfNeeded();
}

template <typename K, typename V>
void LruCache<K, V>::evictIfNeeded() {
    while (index_.size() > capacity_) {
        auto& victim = order_.back();
        index_.erase(victim.first);
        order_.pop_back();
    }
}

struct CachedResponse {
    int status = 200;
    std::string contentType;
    std::string body;
};

class ResponseCache {
public:
    static ResponseCache& instance();
    std::optional<CachedResponse> lookup(const std::string& url);
    void store(const std::string& url, CachedResponse resp);

private:
    ResponseCache() : cache_(4096) {}
    std::mutex mu_;
    LruCache<std::string, CachedResponse> cache_;
};

ResponseCache& ResponseCache::instance() {
    static ResponseCache rc;
    return rc;
}

std::optional<CachedResponse> ResponseCache::lookup(const std::string& url) {
    std::lock_guard<std::mutex> lock(mu_);
    return cache_.get(url);
}

void ResponseCache::store(const std::string& url, CachedResponse resp) {
    if (resp.status != 200) return;
    std::lock_guard<std::mutex> lock(mu_);
    cache_.put(url, std::move(resp));
}

CachedResponse fetch(const std::string& url) {
    auto& rc = ResponseCache::instance();
    if (auto hit = rc.lookup(url)) return *hit;
    CachedResponse fresh{200, "text/html", "<html>" + url + "</html>"};
    rc.store(url, fresh);
    return fresh;
}

}  // namespace proxy
