// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
//
// Singletons that own entities through shared_ptr entries. A removal
// through an iterator or a reference into an entry (`auto &V =
// It->second; V.erase(...)`) releases them, as `Buckets[Tag].erase(...)`
// does; a removal in a function nothing in the program calls releases
// nothing (positive, with a note at it). Twins: the reference removal
// called from the entity's despawn, an iterator removal called the same way.

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

class Entity : public std::enable_shared_from_this<Entity> {
public:
  virtual ~Entity() = default;
  virtual void spawn() = 0;
  virtual void despawn() = 0;
};

template <int Kind> class TagIndex {
public:
  static TagIndex &instance() {
    static TagIndex I;
    return I;
  }
  void add(const std::string &Tag, std::shared_ptr<Entity> E) {
    Buckets[Tag].push_back(std::move(E));
  }
  // Through a reference into the entry.
  void remove(const std::string &Tag, const Entity *E) {
    auto It = Buckets.find(Tag);
    if (It == Buckets.end())
      return;
    auto &V = It->second;
    V.erase(std::remove_if(V.begin(), V.end(),
                           [E](const std::shared_ptr<Entity> &P) {
                             return P.get() == E;
                           }),
            V.end());
  }
  // Through the iterator.
  void drop(const std::string &Tag) {
    auto It = Buckets.find(Tag);
    if (It != Buckets.end())
      It->second.clear();
  }

  std::unordered_map<std::string, std::vector<std::shared_ptr<Entity>>>
      Buckets;

private:
  TagIndex() = default;
};

// --- Positive: the removal exists, but nothing calls it ----------------------
class Graveyard {
public:
  static Graveyard &instance() {
    static Graveyard G;
    return G;
  }
  void add(std::shared_ptr<Entity> E) { Dead.push_back(std::move(E)); }
  void remove(const Entity *E) {
    auto It = std::find_if(Dead.begin(), Dead.end(),
                           [E](const auto &P) { return P.get() == E; });
    if (It != Dead.end())
      Dead.erase(It);
  }

private:
  Graveyard() = default;
  std::vector<std::shared_ptr<Entity>> Dead;
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: singleton member 'Graveyard::Dead' holds shared_from_this() of 'Projectile'; every 'Projectile' put in it stays alive until the program exits [leak-static-instance-cache]
};
class Projectile : public Entity {
public:
  void spawn() override {}
  void despawn() override { Graveyard::instance().add(shared_from_this()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:55: note: shared_from_this() is passed to 'Graveyard::add' here
  // CHECK-MESSAGES: :[[@LINE-18]]:56: note: 'Graveyard::add' stores it here
  // CHECK-MESSAGES: :[[@LINE-14]]:7: note: this removal would release them, but nothing calls 'Graveyard::remove'
  // CHECK-MESSAGES: :[[@LINE-10]]:40: note: hold std::weak_ptr<Projectile> instead, or keep the cache in each object keyed by value, so that 'Projectile' objects can be destroyed
};

// --- Clean: despawn removes through the reference ----------------------------
class Shell : public Entity {
public:
  void spawn() override { TagIndex<1>::instance().add("shell", shared_from_this()); }
  void despawn() override { TagIndex<1>::instance().remove("shell", this); }
};

// --- Clean: despawn removes through the iterator -----------------------------
class Flare : public Entity {
public:
  void spawn() override { TagIndex<2>::instance().add("flare", shared_from_this()); }
  void despawn() override { TagIndex<2>::instance().drop("flare"); }
};

int main() {
  std::vector<std::shared_ptr<Entity>> All = {std::make_shared<Projectile>(),
                                              std::make_shared<Shell>(),
                                              std::make_shared<Flare>()};
  for (auto &E : All) {
    E->spawn();
    E->despawn();
  }
}
