// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: SceneNode::addChild() gives each child only a std::weak_ptr back to its parent while the parent owns the children, so the hierarchy is a tree and is destroyed when the prefab instance is dropped.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace gfx {

struct Transform {
    float tx = 0, ty = 0, tz = 0;
    float scale = 1;
};

class SceneNode : public std::enable_shared_from_this<SceneNode> {
public:
    using Ref = std::shared_ptr<SceneNode>;

    static Ref create(std::string name) { return Ref(new SceneNode(std::move(name))); }

    // Builder-style: returns the new child so callers can keep chaining.
    Ref addChild(const std::string& name, const Transform& local = {}) {
        Ref child = create(name);
        child->parent_ = weak_from_this();
        child->local_ = local;
        children_.push_back(child);
        return child;
    }

    Transform world() const {
        Transform w = local_;
        if (auto p = parent_.lock()) {
            Transform pw = p->world();
            w.tx = pw.tx + w.tx * pw.scale;
            w.ty = pw.ty + w.ty * pw.scale;
            w.tz = pw.tz + w.tz * pw.scale;
            w.scale *= pw.scale;
        }
        return w;
    }

    std::string path() const {
        auto p = parent_.lock();
        return p ? p->path() + "/" + name_ : name_;
    }

    std::size_t subtreeSize() const {
        std::size_t n = 1;
        for (const auto& c : children_) n += c->subtreeSize();
        return n;
    }

    void setLocal(const Transform& t) { local_ = t; }

private:
    explicit SceneNode(std::string name) : name_(std::move(name)) {}

    std::string name_;
    Transform local_;
    std::weak_ptr<SceneNode> parent_;
    std::vector<Ref> children_;
};

// Instantiates a small "turret" prefab every time an enemy base is spawned.
class PrefabSpawner {
public:
    SceneNode::Ref spawnTurret(float x, float z) const {
        auto root = SceneNode::create("turret");
        root->setLocal({x, 0.f, z, 1.f});
        auto base = root->addChild("base");
        auto yaw = base->addChild("yaw", {0.f, 0.5f, 0.f, 1.f});
        auto barrel = yaw->addChild("barrel", {0.f, 0.2f, 1.f, 0.8f});
        barrel->addChild("muzzle", {0.f, 0.f, 1.5f, 1.f});
        return root;
    }
};

}  // namespace gfx

int main() {
    gfx::PrefabSpawner spawner;
    std::size_t nodes = 0;
    float checksum = 0.f;
    for (int i = 0; i < 100000; ++i) {
        gfx::SceneNode::Ref turret = spawner.spawnTurret(float(i % 100), float(i / 100));
        nodes += turret->subtreeSize();
        checksum += turret->world().tx;
        if (i % 25000 == 0)
            std::printf("spawned %d turrets, %zu nodes total\n", i, nodes);
        // turret destroyed at end of iteration: children hold no strong ref upward
    }
    std::printf("checksum %.1f\n", checksum);
    return 0;
}
