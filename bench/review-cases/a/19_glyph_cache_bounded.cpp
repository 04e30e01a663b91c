// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The function-local static glyph cache in TextLayout::shape() is keyed by (font, codepoint) values rather than this and evicts least-recently-used entries at a fixed capacity.
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gfx {

struct GlyphMetrics {
    int advance = 0;
    int bearingX = 0;
    int height = 0;
};

struct GlyphKey {
    uint32_t fontId;
    char32_t codepoint;
    bool operator==(const GlyphKey& o) const { return fontId == o.fontId && codepoint == o.codepoint; }
};

struct GlyphKeyHash {
    size_t operator()(const GlyphKey& k) const { return (size_t(k.fontId) << 21) ^ size_t(k.codepoint); }
};

template <typename K, typename V, typename H>
class LruCache {
public:
    explicit LruCache(size_t cap) : cap_(cap) {}

    const V* get(const K& k) {
        auto it = index_.find(k);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return &it->second->second;
    }
    void put(const K& k, V v) {
        if (auto it = index_.find(k); it != index_.end()) {
            it->second->second = std::move(v);
            order_.splice(order_.begin(), order_, it->second);
            return;
        }
        order_.emplace_front(k, std::move(v));
        index_[k] = order_.begin();
        if (order_.size() > cap_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
    }

private:
    size_t cap_;
    std::list<std::pair<K, V>> order_;
    std::unordered_map<K, typename std::list<std::pair<K, V>>::iterator, H> index_;
};

GlyphMetrics rasterize(uint32_t fontId, char32_t cp) {
    return {int(6 + (cp % 5) + fontId % 3), int(cp % 2), 12 + int(fontId % 4)};
}

class TextLayout {
public:
    explicit TextLayout(uint32_t fontId) : fontId_(fontId) {}

    int shape(const std::u32string& text) const {
        static LruCache<GlyphKey, GlyphMetrics, GlyphKeyHash> cache(4096);
        int pen = 0;
        for (char32_t cp : text) {
            GlyphKey key{fontId_, cp};
            const GlyphMetrics* m = cache.get(key);
            if (!m) {
                cache.put(key, rasterize(fontId_, cp));
                m = cache.get(key);
            }
            pen += m->advance + tracking_;
        }
        return pen;
    }
    void setTracking(int t) { tracking_ = t; }

private:
    uint32_t fontId_;
    int tracking_ = 0;
};

} // namespace gfx

int main() {
    long widthSum = 0;
    for (int line = 0; line < 100000; ++line) {
        gfx::TextLayout layout(static_cast<uint32_t>(line % 7));
        std::u32string s;
        for (int i = 0; i < 40; ++i) s.push_back(char32_t(0x4E00 + (line * 31 + i) % 20000));
        widthSum += layout.shape(s);
    }
    return widthSum > 0 ? 0 : 1;
}
