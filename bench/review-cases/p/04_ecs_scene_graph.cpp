// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Parents own children through Transform::children_ (EntityHandle = shared_ptr) but the child-to-parent edge is an EntityRef wrapping weak_ptr, so despawning a root frees the whole subtree.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace engine {

class Entity;
class EntityHandle;

// Non-owning reference; lock() before use.
class EntityRef {
 public:
  EntityRef() = default;
  explicit EntityRef(std::weak_ptr<Entity> e) : ptr_(std::move(e)) {}
  EntityHandle lock() const;
  bool expired() const { return ptr_.expired(); }

 private:
  std::weak_ptr<Entity> ptr_;
};

// Value-type handle handed out to gameplay code.
class EntityHandle {
 public:
  EntityHandle() = default;
  explicit EntityHandle(std::shared_ptr<Entity> e) : ptr_(std::move(e)) {}
  Entity* operator->() const { return ptr_.get(); }
  Entity& operator*() const { return *ptr_; }
  explicit operator bool() const { return static_cast<bool>(ptr_); }
  bool operator==(const EntityHandle& o) const { return ptr_ == o.ptr_; }
  EntityRef ref() const { return EntityRef(ptr_); }

 private:
  std::shared_ptr<Entity> ptr_;
};

inline EntityHandle EntityRef::lock() const { return EntityHandle(ptr_.lock()); }

struct Vec3 {
  float x = 0, y = 0, z = 0;
  Vec3 operator+(const Vec3& o) const { return {x + o.x, y + o.y, z + o.z}; }
  Vec3 operator*(float s) const { return {x * s, y * s, z * s}; }
};

class Component {
 public:
  virtual ~Component() = default;
  virtual void update(Entity&, float) {}
};

class Transform : public Component {
 public:
  Vec3 local;
  Vec3 world;

  void setParent(const EntityHandle& p) { parent_ = p.ref(); }
  EntityHandle parent() const { return parent_.lock(); }
  void addChild(EntityHandle c) { children_.push_back(std::move(c)); }
  const std::vector<EntityHandle>& children() const { return children_; }

 private:
  EntityRef parent_;
  std::vector<EntityHandle> children_;
};

struct Velocity : Component {
  Vec3 v;
  explicit Velocity(Vec3 vel) : v(vel) {}
};

struct Lifetime : Component {
  float remaining;
  explicit Lifetime(float secs) : remaining(secs) {}
};

class Entity : public std::enable_shared_from_this<Entity> {
 public:
  Entity(uint32_t id, std::string name) : id_(id), name_(std::move(name)) {}

  template <typename T, typename... Args>
  T& add(Args&&... args) {
    auto c = std::make_unique<T>(std::forward<Args>(args)...);
    T& ref = *c;
    components_[std::type_index(typeid(T))] = std::move(c);
    return ref;
  }
  template <typename T>
  T* get() {
    auto it = components_.find(std::type_index(typeid(T)));
    return it == components_.end() ? nullptr : static_cast<T*>(it->second.get());
  }
  Transform& transform() { return *get<Transform>(); }
  EntityHandle handle() { return EntityHandle(shared_from_this()); }
  uint32_t id() const { return id_; }

 private:
  uint32_t id_;
  std::string name_;
  std::unordered_map<std::type_index, std::unique_ptr<Component>> components_;
};

class Scene {
 public:
  EntityHandle spawn(std::string name, Vec3 pos) {
    auto e = std::make_shared<Entity>(next_id_++, std::move(name));
    e->add<Transform>().local = pos;
    EntityHandle h = e->handle();
    roots_.push_back(h);
    return h;
  }

  // Moves `child` from the root list under `parent` in the scene graph.
  void reparent(const EntityHandle& child, const EntityHandle& parent) {
    roots_.erase(std::remove(roots_.begin(), roots_.end(), child), roots_.end());
    child->transform().setParent(parent);
    parent->transform().addChild(child);
  }

  void tick(float dt) {
    std::vector<EntityHandle> expired;
    for (auto& root : roots_) {
      if (auto* vel = root->get<Velocity>()) root->transform().local = root->transform().local + vel->v * dt;
      if (auto* life = root->get<Lifetime>()) {
        life->remaining -= dt;
        if (life->remaining <= 0) expired.push_back(root);
      }
      propagate(*root, Vec3{});
    }
    for (auto& e : expired) roots_.erase(std::remove(roots_.begin(), roots_.end(), e), roots_.end());
  }

  size_t rootCount() const { return roots_.size(); }

 private:
  static void propagate(Entity& e, const Vec3& parent_world) {
    Transform& t = e.transform();
    t.world = parent_world + t.local;
    for (const auto& child : t.children()) propagate(*child, t.world);
  }

  uint32_t next_id_ = 1;
  std::vector<EntityHandle> roots_;
};

EntityHandle fireProjectile(Scene& scene, Vec3 muzzle, Vec3 dir) {
  EntityHandle bullet = scene.spawn("bullet", muzzle);
  bullet->add<Velocity>(dir * 40.0f);
  bullet->add<Lifetime>(0.06f);

  EntityHandle trail = scene.spawn("bullet.trail", Vec3{0, 0, -0.2f});
  scene.reparent(trail, bullet);
  EntityHandle sparks = scene.spawn("bullet.sparks", Vec3{0, 0.1f, 0});
  scene.reparent(sparks, bullet);
  return bullet;
}

}  // namespace engine

int main() {
  using namespace engine;
  Scene scene;
  EntityHandle player = scene.spawn("player", Vec3{0, 1.8f, 0});

  const float dt = 1.0f / 60.0f;
  for (int frame = 0; frame < 5000; ++frame) {
    if (frame % 2 == 0) fireProjectile(scene, player->transform().world, Vec3{0, 0, 1});
    scene.tick(dt);
  }
  std::printf("live roots after 5000 frames: %zu\n", scene.rootCount());
  return 0;
}
