// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The daemon-lifetime memo table is keyed by request key but backed by an LRU list, and put() evicts the least recently used entry once capacity_ is exceeded.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iostream>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace cached {

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
    auto it = index_.find(key);
    if (it != index_.end()) {
        it->second->second = std::move(value);
        order_.splice(order_.begin(), order_, it->second);
        return;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    if (index_.size() > capacity_) {
        index_.erase(order_.back().first);
        order_.pop_back();
    }
}

class RenderService {
public:
    static RenderService& instance() {
        static RenderService svc(4096);
        return svc;
    }

    std::string render(const std::string& templateKey);
    std::size_t cached() const { return memo_.size(); }
    std::size_t misses() const { return misses_; }

private:
    explicit RenderService(std::size_t cap) : memo_(cap) {}
    std::string expensiveRender(const std::string& key) const;

    LruCache<std::string, std::string> memo_;
    std::size_t misses_ = 0;
};

std::string RenderService::expensiveRender(const std::string& key) const {
    std::string out;
    out.reserve(key.size() * 8);
    for (int i = 0; i < 8; ++i) out += key;
    return "<div>" + out + "</div>";
}

std::string RenderService::render(const std::string& templateKey) {
    if (auto hit = memo_.get(templateKey)) return *hit;
    ++misses_;
    std::string html = expensiveRender(templateKey);
    memo_.put(templateKey, html);
    return html;
}

} // namespace cached

int main() {
    auto& svc = cached::RenderService::instance();
    std::size_t bytes = 0;
    for (std::uint64_t req = 0;; ++req) {
        std::string key = "page:" + std::to_string(std::hash<std::uint64_t>{}(req * 2654435761u) % 100000);
        bytes += svc.render(key).size();
        if (req % 500000 == 0)
            std::cout << "cached=" << svc.cached() << " misses=" << svc.misses() << " bytes=" << bytes << '\n';
        if (req == 5000000) break;
    }
}
