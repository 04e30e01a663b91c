// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: attachChild passes shared_from_this() to the virtual onAttached, but the SkinnedMeshNode override keeps it only as a weak_ptr locked at render time, and the shared shadow node makes a DAG without back edges, so every character tree is freed when the scene clears.
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace scene {

struct Transform {
    float x = 0, y = 0, z = 0, scale = 1;
    Transform then(const Transform& c) const {
        return {x + c.x * scale, y + c.y * scale, z + c.z * scale, scale * c.scale};
    }
};

struct MeshData {
    std::string path;
    std::vector<float> vertices;
};

// Keyed by asset path; a level only references a handful of meshes.
class AssetCache {
public:
    std::shared_ptr<const MeshData> mesh(const std::string& path) {
        auto& slot = meshes_[path];
        if (!slot) slot = load(path);
        return slot;
    }
    std::size_t size() const { return meshes_.size(); }

private:
    static std::shared_ptr<const MeshData> load(const std::string& path) {
        auto m = std::make_shared<MeshData>();
        m->path = path;
        m->vertices.assign(3 * 64, 0.5f);
        return m;
    }
    std::unordered_map<std::string, std::shared_ptr<const MeshData>> meshes_;
};

class SceneNode : public std::enable_shared_from_this<SceneNode> {
public:
    explicit SceneNode(std::string name) : name_(std::move(name)) { ++s_live; }
    virtual ~SceneNode() { --s_live; }

    void attachChild(std::shared_ptr<SceneNode> child, Transform local) {
        auto self = shared_from_this();
        child->depth_ = depth_ + 1;
        children_.push_back(ChildSlot{child, local});
        child->onAttached(self);
    }

    virtual void render(const Transform& world, int& drawCalls) const {
        for (const auto& slot : children_) slot.node->render(world.then(slot.local), drawCalls);
    }

    const std::string& name() const { return name_; }
    static int live() { return s_live; }

protected:
    virtual void onAttached(const std::shared_ptr<SceneNode>& parent) { (void)parent; }
    int depth_ = 0;

private:
    struct ChildSlot {
        std::shared_ptr<SceneNode> node;
        Transform local;
    };
    std::string name_;
    std::vector<ChildSlot> children_;
    static inline int s_live = 0;
};

class MeshNode : public SceneNode {
public:
    MeshNode(std::string name, std::shared_ptr<const MeshData> mesh)
        : SceneNode(std::move(name)), mesh_(std::move(mesh)) {}

    void render(const Transform& world, int& drawCalls) const override {
        if (mesh_ && !mesh_->vertices.empty() && world.scale > 0) ++drawCalls;
        SceneNode::render(world, drawCalls);
    }

private:
    std::shared_ptr<const MeshData> mesh_;
};

class SkinnedMeshNode : public MeshNode {
public:
    using MeshNode::MeshNode;

    void render(const Transform& world, int& drawCalls) const override {
        auto skeleton = skin_.skeletonRoot.lock();
        if (skeleton && skin_.palette.size() == kBones) MeshNode::render(world, drawCalls);
    }

protected:
    void onAttached(const std::shared_ptr<SceneNode>& parent) override {
        skin_.skeletonRoot = parent;
        skin_.palette.assign(kBones, Transform{});
    }

private:
    static constexpr std::size_t kBones = 32;
    struct SkinBinding {
        std::weak_ptr<SceneNode> skeletonRoot;
        std::vector<Transform> palette;
    };
    SkinBinding skin_;
};

std::shared_ptr<SceneNode> buildCharacter(AssetCache& assets, const std::shared_ptr<SceneNode>& shadowBlob,
                                          int id) {
    auto root = std::make_shared<SceneNode>("character" + std::to_string(id));
    auto skeleton = std::make_shared<SceneNode>("skeleton");
    auto body = std::make_shared<SkinnedMeshNode>("body", assets.mesh("meshes/knight.mesh"));
    auto sword = std::make_shared<MeshNode>("sword", assets.mesh("meshes/sword.mesh"));

    root->attachChild(skeleton, {});
    skeleton->attachChild(body, {});
    skeleton->attachChild(sword, {0.4f, 1.1f, 0, 1});
    root->attachChild(shadowBlob, {0, -0.01f, 0, 1});  // one blob instanced under every character
    return root;
}

class Scene {
public:
    void add(std::shared_ptr<SceneNode> root) { roots_.push_back(std::move(root)); }
    void clear() { roots_.clear(); }
    int renderFrame() const {
        int draws = 0;
        for (const auto& r : roots_) r->render(Transform{}, draws);
        return draws;
    }

private:
    std::vector<std::shared_ptr<SceneNode>> roots_;
};

}  // namespace scene

int main() {
    scene::AssetCache assets;
    auto shadowBlob = std::make_shared<scene::MeshNode>("shadow", assets.mesh("meshes/blob.mesh"));
    scene::Scene level;
    int baseline = scene::SceneNode::live();

    for (int wave = 1; wave <= 50; ++wave) {
        for (int i = 0; i < 8; ++i) level.add(scene::buildCharacter(assets, shadowBlob, wave * 100 + i));
        int draws = 0;
        for (int frame = 0; frame < 3; ++frame) draws = level.renderFrame();
        level.clear();
        if (wave % 10 == 0)
            std::printf("wave %d: draws/frame=%d live nodes=%d cached meshes=%zu\n", wave, draws,
                        scene::SceneNode::live(), assets.size());
    }
    std::printf("baseline %d, final live nodes %d\n", baseline, scene::SceneNode::live());
    return 0;
}
