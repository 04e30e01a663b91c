// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: TextureCache keeps every Texture it creates in a map of shared_ptr and each Texture keeps a shared_ptr to its owning cache (so the cache "outlives its textures"), so once a texture is loaded the cache and its entries never reach refcount zero after the Renderer is gone.
#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace gfx {

class TextureCache;

class Texture {
public:
    Texture(std::string path, std::size_t w, std::size_t h, std::shared_ptr<TextureCache> owner);

    const std::string& path() const { return m_path; }
    std::size_t bytes() const { return m_pixels.size(); }
    std::size_t width() const { return m_width; }
    std::size_t height() const { return m_height; }
    TextureCache& owner() const { return *m_owner; }

private:
    std::string m_path;
    std::size_t m_width, m_height;
    std::vector<unsigned char> m_pixels;
    std::shared_ptr<TextureCache> m_owner; // LEAK-HERE
};

class TextureCache : public std::enable_shared_from_this<TextureCache> {
public:
    using TexturePtr = std::shared_ptr<Texture>;

    TexturePtr acquire(const std::string& path);
    std::size_t bytesResident() const;
    std::size_t size() const { return m_entries.size(); }
    unsigned misses() const { return m_misses; }

private:
    std::unordered_map<std::string, TexturePtr> m_entries; // LEAK-HERE
    unsigned m_misses = 0;
};

Texture::Texture(std::string path, std::size_t w, std::size_t h, std::shared_ptr<TextureCache> owner)
    : m_path(std::move(path)), m_width(w), m_height(h), m_pixels(w * h * 4, 0),
      m_owner(std::move(owner)) {} // LEAK-HERE

TextureCache::TexturePtr TextureCache::acquire(const std::string& path) {
    auto it = m_entries.find(path);
    if (it != m_entries.end()) return it->second;
    ++m_misses;
    std::size_t side = 16u << (path.size() % 4);
    auto tex = std::make_shared<Texture>(path, side, side, shared_from_this()); // LEAK-HERE
    m_entries.emplace(path, tex); // LEAK-HERE
    return tex;
}

std::size_t TextureCache::bytesResident() const {
    std::size_t total = 0;
    for (const auto& kv : m_entries) total += kv.second->bytes();
    return total;
}

struct Sprite {
    std::shared_ptr<Texture> texture;
    float x, y;
};

class Renderer {
public:
    Renderer() : m_cache(std::make_shared<TextureCache>()) {}

    void loadScene(const std::vector<std::string>& assets);
    void unloadScene() { m_sprites.clear(); }
    std::size_t residentBytes() const { return m_cache->bytesResident(); }

private:
    std::shared_ptr<TextureCache> m_cache;
    std::vector<Sprite> m_sprites;
};

void Renderer::loadScene(const std::vector<std::string>& assets) {
    float x = 0.f;
    for (const auto& a : assets) {
        m_sprites.push_back(Sprite{m_cache->acquire(a), x, 0.f});
        x += 32.f;
    }
}

} // namespace gfx
