// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The pipeline cache keyed by Material* pointer identity is a per-instance member of Scene and dies with the scene on level unload, while the only static cache is keyed by the five-value ShaderStage enum, so nothing grows across levels.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace render {

enum class ShaderStage : std::uint8_t { Vertex, Fragment, Geometry, Compute, Mesh };

struct CompiledShader {
    std::vector<std::uint32_t> spirv;
};

// Built-in shaders: one per stage, compiled lazily on first use.
const CompiledShader& builtinShader(ShaderStage stage) {
    static std::map<ShaderStage, CompiledShader> cache;
    auto it = cache.find(stage);
    if (it == cache.end()) {
        CompiledShader s;
        s.spirv.assign(64, 0x07230203u + static_cast<std::uint32_t>(stage));
        it = cache.emplace(stage, std::move(s)).first;
    }
    return it->second;
}

struct Material {
    std::string name;
    std::array<float, 4> baseColor{};
    bool transparent = false;
};

struct Pipeline {
    const CompiledShader* vs = nullptr;
    const CompiledShader* fs = nullptr;
    bool blending = false;
};

struct DrawItem {
    const Material* material;
    std::uint32_t meshId;
};

class Scene {
public:
    Material* addMaterial(std::string name, bool transparent) {
        materials_.push_back(std::make_unique<Material>());
        materials_.back()->name = std::move(name);
        materials_.back()->transparent = transparent;
        return materials_.back().get();
    }

    void submit(const DrawItem& item) { queue_.push_back(item); }

    std::size_t renderFrame() {
        std::size_t draws = 0;
        for (const DrawItem& d : queue_) {
            const Pipeline& p = pipelineFor(d.material);
            draws += p.blending ? 2 : 1;
        }
        queue_.clear();
        return draws;
    }

private:
    const Pipeline& pipelineFor(const Material* m) {
        auto it = pipelines_.find(m);
        if (it != pipelines_.end()) return it->second;
        Pipeline p{&builtinShader(ShaderStage::Vertex), &builtinShader(ShaderStage::Fragment),
                   m->transparent};
        return pipelines_.emplace(m, p).first->second;
    }

    std::vector<std::unique_ptr<Material>> materials_;
    std::vector<DrawItem> queue_;
    std::unordered_map<const Material*, Pipeline> pipelines_;  // keyed by identity, but per-scene
};

// Each level owns a fresh Scene; unloading the level destroys it and all of its caches.
std::size_t playLevel(int level, int frames) {
    Scene scene;
    std::vector<Material*> mats;
    for (int i = 0; i < 8; ++i)
        mats.push_back(scene.addMaterial("L" + std::to_string(level) + "_m" + std::to_string(i), i % 3 == 0));
    std::size_t total = 0;
    for (int f = 0; f < frames; ++f) {
        for (std::uint32_t i = 0; i < 32; ++i) scene.submit({mats[i % mats.size()], i});
        total += scene.renderFrame();
    }
    return total;
}

} // namespace render
