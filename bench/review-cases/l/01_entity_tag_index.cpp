// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Projectile::onSpawn hands shared_from_this() (via the indexUnder helper) to the singleton TagIndex, whose buckets keep every projectile alive because nothing on the despawn path ever removes it.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace engine {

struct Vec2 {
    float x = 0, y = 0;
};

class Entity : public std::enable_shared_from_this<Entity> {
public:
    explicit Entity(std::string name) : name_(std::move(name)) { ++s_live; }
    virtual ~Entity() { --s_live; }

    virtual void onSpawn() {}
    virtual void onDespawn() {}
    virtual void update(float dt) = 0;

    const std::string& name() const { return name_; }
    static int liveCount() { return s_live; }

private:
    std::string name_;
    static inline int s_live = 0;
};

// Lets gameplay code query "all entities with tag X" without walking the world.
class TagIndex {
public:
    static TagIndex& instance() {
        static TagIndex index;
        return index;
    }

    void add(const std::string& tag, std::shared_ptr<Entity> e) {
        buckets_[tag].push_back(std::move(e));  // LEAK-HERE
    }

    void remove(const std::string& tag, const Entity* e) {
        auto it = buckets_.find(tag);
        if (it == buckets_.end()) return;
        auto& v = it->second;
        v.erase(std::remove_if(v.begin(), v.end(),
                               [e](const std::shared_ptr<Entity>& p) { return p.get() == e; }),
                v.end());
    }

    std::size_t count(const std::string& tag) const {
        auto it = buckets_.find(tag);
        return it == buckets_.end() ? 0 : it->second.size();
    }

private:
    TagIndex() = default;
    std::unordered_map<std::string, std::vector<std::shared_ptr<Entity>>> buckets_;  // LEAK-HERE
};

template <class T>
void indexUnder(const std::string& tag, T& obj) {
    std::shared_ptr<Entity> handle = obj.shared_from_this();  // LEAK-HERE
    TagIndex::instance().add(tag, handle);  // LEAK-HERE
}

class Projectile : public Entity {
public:
    Projectile(Vec2 pos, Vec2 vel) : Entity("projectile"), pos_(pos), vel_(vel) {}

    void onSpawn() override { indexUnder("projectile", *this); }

    void onDespawn() override {
        // stop simulating; the physics world drops its proxy here
        vel_ = {};
    }

    void update(float dt) override {
        pos_.x += vel_.x * dt;
        pos_.y += vel_.y * dt;
        ttl_ -= dt;
    }

    bool expired() const { return ttl_ <= 0.f; }

private:
    Vec2 pos_;
    Vec2 vel_;
    float ttl_ = 0.05f;
};

class World {
public:
    template <class T, class... Args>
    std::shared_ptr<T> spawn(Args&&... args) {
        auto e = std::make_shared<T>(std::forward<Args>(args)...);
        entities_.push_back(e);
        e->onSpawn();
        return e;
    }

    void despawn(const std::shared_ptr<Entity>& e) {
        e->onDespawn();
        entities_.erase(std::remove(entities_.begin(), entities_.end(), e), entities_.end());
    }

    void tick(float dt) {
        for (auto& e : entities_) e->update(dt);
    }

    std::size_t size() const { return entities_.size(); }

private:
    std::vector<std::shared_ptr<Entity>> entities_;
};

void fireWeapon(World& world, int frame) {
    Vec2 muzzle{static_cast<float>(frame % 7), 1.f};
    Vec2 velocity{0.f, 40.f};
    auto shot = world.spawn<Projectile>(muzzle, velocity);
    for (int i = 0; i < 4 && !shot->expired(); ++i) world.tick(0.016f);
    world.despawn(shot);
}

}  // namespace engine

int main() {
    engine::World world;
    int baseline = engine::Entity::liveCount();
    for (int frame = 1; frame <= 3000; ++frame) {
        engine::fireWeapon(world, frame);
        if (frame % 1000 == 0) {
            std::printf("frame %d: world=%zu live entities=%d indexed projectiles=%zu\n", frame,
                        world.size(), engine::Entity::liveCount(),
                        engine::TagIndex::instance().count("projectile"));
        }
    }
    std::printf("baseline %d, final live %d\n", baseline, engine::Entity::liveCount());
    return 0;
}
