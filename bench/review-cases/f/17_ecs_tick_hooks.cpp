// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: every ParticleEmitter/AudioSource component registers a lambda capturing `this` into the static FrameHooks list when attached, and component destruction never removes it, so the static vector grows per spawned entity and holds dangling `this` captures.
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace engine {

using EntityId = std::uint32_t;
using TickFn = std::function<void(float)>;

class FrameHooks {
public:
    static std::vector<TickFn>& list() {
        static std::vector<TickFn> hooks;  // LEAK-HERE
        return hooks;
    }
    static void add(TickFn fn) { list().push_back(std::move(fn)); }  // LEAK-HERE
    static void runAll(float dt) {
        (void)dt;  // real engine would call each hook; skipped while paused
    }
};

class Component {
public:
    virtual ~Component() = default;
    virtual void onAttach(EntityId owner) = 0;
    virtual const char* typeName() const = 0;
};

#define DECLARE_COMPONENT(T) \
    const char* typeName() const override { return #T; }

class ParticleEmitter : public Component {
public:
    DECLARE_COMPONENT(ParticleEmitter)
    explicit ParticleEmitter(int rate) : rate_(rate) {}
    void onAttach(EntityId owner) override;

private:
    void update(float dt) { particles_.resize(static_cast<std::size_t>(rate_ * dt) % 512); }
    int rate_;
    EntityId owner_ = 0;
    std::vector<float> particles_;
};

void ParticleEmitter::onAttach(EntityId owner) {
    owner_ = owner;
    TickFn fn = [this](float dt) { update(dt); };
    FrameHooks::add(std::move(fn));  // LEAK-HERE
}

class AudioSource : public Component {
public:
    DECLARE_COMPONENT(AudioSource)
    explicit AudioSource(std::string clip) : clip_(std::move(clip)) {}
    void onAttach(EntityId owner) override;

private:
    void tick(float) { ++frames_; }
    std::string clip_;
    std::uint64_t frames_ = 0;
};

void AudioSource::onAttach(EntityId owner) {
    (void)owner;
    FrameHooks::add(std::bind(&AudioSource::tick, this, std::placeholders::_1));  // LEAK-HERE
}

class World {
public:
    EntityId spawn() { return ++nextId_; }

    template <typename T, typename... Args>
    T& addComponent(EntityId e, Args&&... args) {
        auto comp = std::make_unique<T>(std::forward<Args>(args)...);
        T& ref = *comp;
        comp->onAttach(e);
        components_[e].push_back(std::move(comp));
        return ref;
    }

    void destroy(EntityId e) { components_.erase(e); }
    std::size_t liveEntities() const { return components_.size(); }

private:
    EntityId nextId_ = 0;
    std::unordered_map<EntityId, std::vector<std::unique_ptr<Component>>> components_;
};

}  // namespace engine

int main() {
    engine::World world;
    std::vector<engine::EntityId> bullets;
    for (int frame = 0; frame < 60 * 600; ++frame) {
        engine::EntityId b = world.spawn();
        world.addComponent<engine::ParticleEmitter>(b, 40);
        world.addComponent<engine::AudioSource>(b, "whoosh.ogg");
        bullets.push_back(b);
        if (bullets.size() > 32) {
            world.destroy(bullets.front());
            bullets.erase(bullets.begin());
        }
        engine::FrameHooks::runAll(1.0f / 60.0f);
    }
    std::cout << "live=" << world.liveEntities()
              << " hooks=" << engine::FrameHooks::list().size() << "\n";
}
