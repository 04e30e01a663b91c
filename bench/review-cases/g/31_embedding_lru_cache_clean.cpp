// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The process-wide embedding cache is keyed by arbitrary request text, but LruCache::put() evicts the least recently used entry from both the list and the index whenever size exceeds the fixed capacity, so memory stays bounded.
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace infer {

template <typename Key, typename Value>
class LruCache {
public:
    explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

    const Value* get(const Key& k) {
        auto it = index_.find(k);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return &it->second->second;
    }

    void put(const Key& k, Value v) {
        auto it = index_.find(k);
        if (it != index_.end()) {
            it->second->second = std::move(v);
            order_.splice(order_.begin(), order_, it->second);
            return;
        }
        order_.emplace_front(k, std::move(v));
        index_[k] = order_.begin();
        while (index_.size() > capacity_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
    }

    std::size_t size() const { return index_.size(); }

private:
    using Entry = std::pair<Key, Value>;
    std::size_t capacity_;
    std::list<Entry> order_;
    std::unordered_map<Key, typename std::list<Entry>::iterator> index_;
};

using Embedding = std::vector<float>;

LruCache<std::string, Embedding>& embeddingCache() {
    static LruCache<std::string, Embedding> cache(4096);
    return cache;
}

class Encoder {
public:
    Embedding encode(const std::string& text) {
        if (const Embedding* hit = embeddingCache().get(text)) {
            ++hits_;
            return *hit;
        }
        Embedding e(384);
        const std::size_t h = std::hash<std::string>{}(text);
        for (std::size_t i = 0; i < e.size(); ++i) e[i] = static_cast<float>((h >> (i % 48)) & 0xff) / 255.f;
        embeddingCache().put(text, e);
        return e;
    }
    std::size_t hits() const { return hits_; }

private:
    std::size_t hits_ = 0;
};

}  // namespace infer

static float cosine(const infer::Embedding& a, const infer::Embedding& b) {
    float dot = 0;
    for (std::size_t i = 0; i < a.size(); ++i) dot += a[i] * b[i];
    return dot;
}

int main() {
    infer::Encoder enc;
    const infer::Embedding anchor = enc.encode("refund policy");
    float best = 0;
    for (int req = 0; req < 200000; ++req) {
        // mix of hot repeated queries and a long tail of unique user text
        std::string q = (req % 3 == 0) ? "shipping status" : "user query #" + std::to_string(req);
        best = std::max(best, cosine(anchor, enc.encode(q)));
    }
    std::printf("best=%f hits=%zu cached=%zu\n", best, enc.hits(), infer::embeddingCache().size());
    return 0;
}
