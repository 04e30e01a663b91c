// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: SceneNode owns its children through shared_ptr and each child owns its parent through a shared_ptr set in setParent, so every loaded subtree keeps itself alive after the level drops its root.
#include <memory>
#include <string>
#include <vector>
#include <cmath>
#include <algorithm>

namespace engine {

struct Vec3 {
    float x = 0, y = 0, z = 0;
    Vec3 operator+(const Vec3& o) const { return {x + o.x, y + o.y, z + o.z}; }
    float length() const { return std::sqrt(x * x + y * y + z * z); }
};

struct Transform {
    Vec3 position;
    Vec3 scale{1, 1, 1};
    float yaw = 0.0f;
};

class SceneNode : public std::enable_shared_from_this<SceneNode> {
public:
    explicit SceneNode(std::string name) : name_(std::move(name)) {}

    void addChild(std::shared_ptr<SceneNode> child) {
        child->setParent(shared_from_this()); // LEAK-HERE
        children_.push_back(std::move(child)); // LEAK-HERE
    }

    void setParent(std::shared_ptr<SceneNode> p) {
        parent_ = std::move(p); // LEAK-HERE
        dirty_ = true;
    }

    Vec3 worldPosition() const {
        Vec3 base = parent_ ? parent_->worldPosition() : Vec3{};
        return base + local_.position;
    }

    void setLocal(const Transform& t) { local_ = t; dirty_ = true; }
    const std::string& name() const { return name_; }
    size_t childCount() const { return children_.size(); }

    template <typename Fn>
    void visit(Fn&& fn) {
        fn(*this);
        for (auto& c : children_) c->visit(fn);
    }

private:
    std::string name_;
    Transform local_;
    bool dirty_ = true;
    std::shared_ptr<SceneNode> parent_;                 // LEAK-HERE
    std::vector<std::shared_ptr<SceneNode>> children_;  // LEAK-HERE
};

class Level {
public:
    void load(int propCount) {
        root_ = std::make_shared<SceneNode>("root");
        auto props = std::make_shared<SceneNode>("props");
        root_->addChild(props);
        for (int i = 0; i < propCount; ++i) {
            auto crate = std::make_shared<SceneNode>("crate_" + std::to_string(i));
            Transform t;
            t.position = Vec3{float(i) * 2.0f, 0.0f, 0.0f};
            crate->setLocal(t);
            props->addChild(crate);
        }
    }

    void unload() { root_.reset(); }

    size_t countNodes() {
        size_t n = 0;
        if (root_) root_->visit([&n](SceneNode&) { ++n; });
        return n;
    }

private:
    std::shared_ptr<SceneNode> root_;
};

float clampFov(float fov) { return std::min(120.0f, std::max(30.0f, fov)); }

} // namespace engine

int main() {
    engine::Level level;
    for (int round = 0; round < 100; ++round) {
        level.load(32 + round % 7);
        if (level.countNodes() == 0) return 1;
        level.unload();
    }
    return engine::clampFov(90.0f) > 0 ? 0 : 1;
}
