// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The static texture registry stores only weak_ptr values so it never keeps a Texture alive, and each Texture's destructor erases its own (now expired) entry, so the map tracks exactly the set of live textures.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace game {
namespace assets {

class Texture;
using TextureRef = std::shared_ptr<Texture>;
using TextureRegistry = std::unordered_map<std::string, std::weak_ptr<Texture>>;

TextureRegistry& registry() {
    static TextureRegistry s_live;
    return s_live;
}

class Texture {
public:
    Texture(std::string path, std::uint32_t w, std::uint32_t h)
        : path_(std::move(path)), width_(w), height_(h), texels_(std::size_t(w) * h * 4) {}

    ~Texture() {
        auto& reg = registry();
        auto it = reg.find(path_);
        if (it != reg.end() && it->second.expired()) reg.erase(it);
    }

    const std::string& path() const { return path_; }
    std::size_t bytes() const { return texels_.size(); }
    std::uint32_t width() const { return width_; }
    std::uint32_t height() const { return height_; }

private:
    std::string path_;
    std::uint32_t width_;
    std::uint32_t height_;
    std::vector<std::uint8_t> texels_;
};

class AssetManager {
public:
    static TextureRef load(const std::string& path) {
        auto& reg = registry();
        auto it = reg.find(path);
        if (it != reg.end()) {
            if (TextureRef live = it->second.lock()) return live;
        }
        auto tex = std::make_shared<Texture>(path, 256, 256);
        reg[path] = tex;
        return tex;
    }

    static std::size_t liveCount() { return registry().size(); }
};

struct Sprite {
    TextureRef texture;
    float x = 0, y = 0;
};

// Levels are streamed in and out; every sprite of a level shares textures through the registry.
std::vector<Sprite> loadLevel(int levelIndex, int spriteCount) {
    std::vector<Sprite> sprites;
    sprites.reserve(spriteCount);
    for (int i = 0; i < spriteCount; ++i) {
        std::string path = "levels/" + std::to_string(levelIndex) + "/tile_" +
                           std::to_string(i % 16) + ".png";
        sprites.push_back(Sprite{AssetManager::load(path), float(i * 32), 0.f});
    }
    return sprites;
}

} // namespace assets
} // namespace game
