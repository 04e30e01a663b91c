// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Entity::Init registers a death listener capturing shared_from_this() in the HealthComponent the Entity owns by value, and the listener list is never cleared, so every spawned entity outlives its removal from the World.
#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

class World;
class Entity;
typedef std::shared_ptr<Entity> EntityPtr;
typedef std::function<void(int)> DeathListener;

class HealthComponent {
public:
    explicit HealthComponent(int hp) : mHp(hp) {}
    void AddDeathListener(DeathListener fn);
    void ApplyDamage(int amount);
    bool IsDead() const { return mHp <= 0; }

private:
    int mHp;
    std::vector<DeathListener> mOnDeath; // LEAK-HERE
};

class Entity : public std::enable_shared_from_this<Entity> {
public:
    Entity(World* world, std::string name, int hp)
        : mWorld(world), mName(std::move(name)), mHealth(hp) {}

    static EntityPtr Spawn(World* world, const std::string& name, int hp);
    HealthComponent& Health() { return mHealth; }
    const std::string& Name() const { return mName; }

private:
    void Init();
    void DropLoot(int overkill);

    World* mWorld;
    std::string mName;
    HealthComponent mHealth; // LEAK-HERE
};

class World {
public:
    void Add(const EntityPtr& e) { mEntities.push_back(e); }
    void ReapDead() {
        mEntities.erase(std::remove_if(mEntities.begin(), mEntities.end(),
                                       [](const EntityPtr& e) { return e->Health().IsDead(); }),
                        mEntities.end());
    }
    void Clear() { mEntities.clear(); }
    void SpawnLoot(const std::string& what) { mLoot.push_back(what); }
    size_t LootCount() const { return mLoot.size(); }
    const std::vector<EntityPtr>& Entities() const { return mEntities; }

private:
    std::vector<EntityPtr> mEntities;
    std::vector<std::string> mLoot;
};

void HealthComponent::AddDeathListener(DeathListener fn) {
    mOnDeath.push_back(std::move(fn)); // LEAK-HERE
}

void HealthComponent::ApplyDamage(int amount) {
    if (IsDead()) return;
    mHp -= amount;
    if (IsDead())
        for (auto& fn : mOnDeath) fn(-mHp);
}

EntityPtr Entity::Spawn(World* world, const std::string& name, int hp) {
    EntityPtr e = std::make_shared<Entity>(world, name, hp);
    e->Init();
    world->Add(e);
    return e;
}

void Entity::Init() {
    EntityPtr self = shared_from_this(); // LEAK-HERE
    mHealth.AddDeathListener([self](int overkill) { self->DropLoot(overkill); }); // LEAK-HERE
}

void Entity::DropLoot(int overkill) {
    mWorld->SpawnLoot(mName + (overkill > 10 ? ":gibs" : ":coins"));
}

int main() {
    World world;
    for (int wave = 0; wave < 3; ++wave) {
        for (int i = 0; i < 8; ++i)
            Entity::Spawn(&world, "goblin_" + std::to_string(wave) + "_" + std::to_string(i), 20 + i);
        for (auto& e : world.Entities()) e->Health().ApplyDamage(25);
        world.ReapDead();
    }
    world.Clear();
    std::cout << "loot dropped: " << world.LootCount() << "\n";
    return 0;
}
