// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: PhysicsBody::attach() stores shared_from_this() in the PhysicsWorld singleton's body table, and Scene::despawn() only puts the body to sleep and drops the scene's reference, so every projectile ever spawned stays alive in the singleton.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace engine {

using EntityId = std::uint64_t;

struct Vec3 {
    float x = 0, y = 0, z = 0;
    Vec3& operator+=(const Vec3& o) { x += o.x; y += o.y; z += o.z; return *this; }
};
inline Vec3 operator*(const Vec3& v, float s) { return {v.x * s, v.y * s, v.z * s}; }

class PhysicsBody;
using BodyPtr = std::shared_ptr<PhysicsBody>;
using BodyTable = std::unordered_map<EntityId, BodyPtr>;

class PhysicsWorld {
public:
    static PhysicsWorld& instance() {
        static PhysicsWorld world;
        return world;
    }

    BodyTable& bodies() { return bodies_; }
    std::size_t bodyCount() const { return bodies_.size(); }
    void setGravity(const Vec3& g) { gravity_ = g; }
    const Vec3& gravity() const { return gravity_; }
    void step(float dt);

private:
    PhysicsWorld() = default;
    Vec3 gravity_{0.f, -9.81f, 0.f};
    BodyTable bodies_;  // LEAK-HERE
};

class PhysicsBody : public std::enable_shared_from_this<PhysicsBody> {
public:
    PhysicsBody(EntityId id, float mass) : id_(id), mass_(mass) {}

    // Called once the body is fully configured so the solver can see it.
    void attach() {
        BodyTable& table = PhysicsWorld::instance().bodies();
        table.emplace(id_, shared_from_this());  // LEAK-HERE
    }

    // Scene calls this on despawn; the solver skips sleeping bodies.
    void sleep() { sleeping_ = true; velocity_ = Vec3{}; }
    bool sleeping() const { return sleeping_; }

    void reserveContacts(std::size_t n) { contacts_.reserve(n); }
    void setVelocity(const Vec3& v) { velocity_ = v; }
    EntityId id() const { return id_; }

    void integrate(float dt, const Vec3& g) {
        velocity_ += g * (dt * (mass_ > 0.f ? 1.f : 0.f));
        position_ += velocity_ * dt;
        if (position_.y < 0.f) {
            contacts_.push_back(position_);
            position_.y = 0.f;
        }
    }

private:
    EntityId id_;
    float mass_;
    bool sleeping_ = false;
    Vec3 position_;
    Vec3 velocity_;
    std::vector<Vec3> contacts_;
};

void PhysicsWorld::step(float dt) {
    for (auto& kv : bodies_) {
        if (!kv.second->sleeping())
            kv.second->integrate(dt, gravity_);
    }
}

class Scene {
public:
    EntityId spawnProjectile(const Vec3& muzzleVelocity) {
        auto body = makeBody(0.05f);
        body->setVelocity(muzzleVelocity);
        body->attach();
        const EntityId id = body->id();
        live_.emplace(id, std::move(body));
        order_.push_back(id);
        return id;
    }

    void despawn(EntityId id) {
        auto it = live_.find(id);
        if (it == live_.end())
            return;
        it->second->sleep();
        live_.erase(it);
    }

    void expireOldest(std::size_t keep) {
        while (order_.size() > keep) {
            despawn(order_.front());
            order_.pop_front();
        }
    }

    std::size_t liveCount() const { return live_.size(); }

private:
    BodyPtr makeBody(float mass) {
        auto b = std::make_shared<PhysicsBody>(nextId_++, mass);
        b->reserveContacts(32);
        return b;
    }

    EntityId nextId_ = 1;
    std::unordered_map<EntityId, BodyPtr> live_;
    std::deque<EntityId> order_;
};

}  // namespace engine

int main() {
    engine::Scene scene;
    auto& world = engine::PhysicsWorld::instance();
    for (int frame = 0; frame < 100000; ++frame) {
        if (frame % 3 == 0)
            scene.spawnProjectile({1.f, 5.f, 0.f});
        scene.expireOldest(200);
        world.step(1.f / 60.f);
        if (frame % 10000 == 0)
            std::printf("frame %d live=%zu world=%zu\n", frame, scene.liveCount(),
                        world.bodyCount());
    }
    return 0;
}
