// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: World stores phase callbacks that capture shared_ptrs to the systems it owns (a downward edge) and the systems refer back to the World only through a raw pointer, so no stored callable owns the World.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ecs {

using Entity = std::uint32_t;
enum class Phase : std::uint8_t { Input, Physics, Render, Count };

struct Transform { float x = 0, y = 0; };
struct Velocity { float dx = 0, dy = 0; };

class World;

class System {
public:
    explicit System(World* world) : world_(world) {}
    virtual ~System() = default;
    virtual void step(float dt) = 0;

protected:
    World* world_;
};

class World : public std::enable_shared_from_this<World> {
public:
    using PhaseFn = std::function<void(float)>;

    World();
    Entity spawn(Transform t, Velocity v);
    void despawn(Entity e);
    void frame(float dt);

    std::unordered_map<Entity, Transform> transforms;
    std::unordered_map<Entity, Velocity> velocities;

private:
    template <typename S>
    void addSystem(Phase phase);

    std::vector<std::shared_ptr<System>> systems_;
    std::array<std::vector<PhaseFn>, static_cast<std::size_t>(Phase::Count)> phases_;
    Entity next_ = 1;
};

class PhysicsSystem : public System {
public:
    using System::System;
    void step(float dt) override {
        for (auto& [e, v] : world_->velocities) {
            auto& t = world_->transforms[e];
            t.x += v.dx * dt;
            t.y += v.dy * dt;
        }
    }
};

class CullingSystem : public System {
public:
    using System::System;
    void step(float) override {
        std::vector<Entity> gone;
        for (const auto& [e, t] : world_->transforms)
            if (t.x < -1000 || t.x > 1000) gone.push_back(e);
        for (auto e : gone) world_->despawn(e);
    }
};

World::World() {
    addSystem<PhysicsSystem>(Phase::Physics);
    addSystem<CullingSystem>(Phase::Render);
}

template <typename S>
void World::addSystem(Phase phase) {
    auto sys = std::make_shared<S>(this);
    systems_.push_back(sys);
    phases_[static_cast<std::size_t>(phase)].push_back([sys](float dt) { sys->step(dt); });
}

Entity World::spawn(Transform t, Velocity v) {
    Entity e = next_++;
    transforms.emplace(e, t);
    velocities.emplace(e, v);
    return e;
}

void World::despawn(Entity e) {
    transforms.erase(e);
    velocities.erase(e);
}

void World::frame(float dt) {
    for (auto& fns : phases_)
        for (auto& fn : fns) fn(dt);
}

}  // namespace ecs
