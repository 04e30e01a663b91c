// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// Stores that real code spells as map entries and through accessors:
// `emplace(key, node)` and `try_emplace` of a local (the library's
// forwarding reference writes nothing into it), `insert({key, node})` and
// `insert(std::make_pair(key, node))` (the entry's value owns the node),
// and `feed->observers().add(view)` where `observers()` returns
// `*registry_` of a unique_ptr member. Twins: a weak back edge, a local
// swapped before the store (it may hold another object), and an accessor
// handing out what a non-owning pointer points to.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

// --- Positive: emplace of a local whose constructor keeps the cache --------
namespace emplace_local {
class Cache;
class Texture {
public:
  Texture(std::string Path, std::shared_ptr<Cache> Owner)
      : Path(std::move(Path)), Owner(std::move(Owner)) {}

private:
  std::string Path;
  std::shared_ptr<Cache> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Texture::Owner' completes a shared_ptr ownership cycle; the 'Cache' it points to owns the 'Texture' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+13]]:51: note: 'Cache::Entries' owns 'Texture' objects through 'std::map<std::string, std::shared_ptr<Texture>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+8]]:27: note: the 'Texture' is stored in 'Entries' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:46: note: 'Owner' is set to shared_from_this() here, through 'emplace_local::Texture::Texture'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: make it a std::weak_ptr: 'std::weak_ptr<Cache> Owner;'{{$}}
};
class Cache : public std::enable_shared_from_this<Cache> {
public:
  void load(const std::string &Path) {
    auto T = std::make_shared<Texture>(Path, shared_from_this());
    Entries.emplace(Path, T);
  }

private:
  std::map<std::string, std::shared_ptr<Texture>> Entries;
};
} // namespace emplace_local

// --- Positive: insert of a pair made for the store ---------------------------
namespace insert_pair {
struct Room;
struct Member {
  std::shared_ptr<Room> In;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Member::In' completes a shared_ptr ownership cycle; the 'Room' it points to owns the 'Member' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+16]]:42: note: 'Room::Members' owns 'Member' objects through 'std::map<int, std::shared_ptr<Member>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+8]]:20: note: the 'Member' is stored in 'Members' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:13: note: 'In' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Room> In;'{{$}}
};
struct Room : std::enable_shared_from_this<Room> {
  void join(int Id) {
    auto M = std::make_shared<Member>();
    M->In = shared_from_this();
    Members.insert({Id, M});
  }
  void rejoin(int Id) {
    auto M = std::make_shared<Member>();
    M->In = shared_from_this();
    Members.insert(std::make_pair(Id, M));
  }
  std::map<int, std::shared_ptr<Member>> Members;
};
} // namespace insert_pair

// --- Positive: a store through an accessor to a unique_ptr's object ----------
namespace pointee_accessor {
struct Observer {
  virtual ~Observer() = default;
};
class Registry {
public:
  void add(std::shared_ptr<Observer> O) { All.push_back(std::move(O)); }

private:
  std::vector<std::shared_ptr<Observer>> All;
};
class Feed {
public:
  Feed() : Reg(std::make_unique<Registry>()) {}
  Registry &observers() { return *Reg; }

private:
  std::unique_ptr<Registry> Reg;
};
class View : public Observer {
public:
  explicit View(std::shared_ptr<Feed> F) : Source(std::move(F)) {}

private:
  std::shared_ptr<Feed> Source;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'View::Source' completes a shared_ptr ownership cycle; the 'Feed' it points to owns the 'View' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-9]]:29: note: 'Feed::Reg' owns 'Registry' objects through 'std::unique_ptr<Registry>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-18]]:42: note: 'Registry::All' owns 'Observer' objects through 'std::vector<std::shared_ptr<Observer>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:22: note: the 'View' is stored in 'All' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:35: note: 'Source' is set to 'F' here, through 'pointee_accessor::View::View'{{$}}
  // CHECK-MESSAGES: :[[@LINE-6]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Feed> Source;'{{$}}
};
std::shared_ptr<View> watch(const std::shared_ptr<Feed> &F) {
  auto V = std::make_shared<View>(F);
  F->observers().add(V);
  return V;
}
} // namespace pointee_accessor

// --- Clean: the entry's back edge is weak -------------------------------------
namespace weak_back_edge {
class Cache;
class Texture {
public:
  explicit Texture(std::weak_ptr<Cache> Owner) : Owner(std::move(Owner)) {}

private:
  std::weak_ptr<Cache> Owner;
};
class Cache : public std::enable_shared_from_this<Cache> {
public:
  void load(const std::string &Path) {
    auto T = std::make_shared<Texture>(weak_from_this());
    Entries.emplace(Path, T);
  }

private:
  std::map<std::string, std::shared_ptr<Texture>> Entries;
};
} // namespace weak_back_edge

// --- Clean: the local is swapped before the store ------------------------------
namespace swapped_local {
struct Room;
struct Member {
  explicit Member(std::shared_ptr<Room> R) : In(std::move(R)) {}
  std::shared_ptr<Room> In;
};
struct Room : std::enable_shared_from_this<Room> {
  void join(int Id, std::shared_ptr<Member> Spare) {
    auto M = std::make_shared<Member>(shared_from_this());
    M.swap(Spare);
    Members.emplace(Id, M);
  }
  std::map<int, std::shared_ptr<Member>> Members;
};
} // namespace swapped_local

// --- Clean: the accessor hands out what a non-owning pointer points to --------
namespace borrowed_registry {
struct Observer {
  virtual ~Observer() = default;
};
class Registry {
public:
  void add(std::shared_ptr<Observer> O) { All.push_back(std::move(O)); }

private:
  std::vector<std::shared_ptr<Observer>> All;
};
class Feed {
public:
  explicit Feed(Registry *R) : Reg(R) {}
  Registry &observers() { return *Reg; }

private:
  Registry *Reg;
};
class View : public Observer {
public:
  explicit View(std::shared_ptr<Feed> F) : Source(std::move(F)) {}

private:
  std::shared_ptr<Feed> Source;
};
void watch(const std::shared_ptr<Feed> &F) {
  F->observers().add(std::make_shared<View>(F));
}
} // namespace borrowed_registry

// --- The back edge sits in an object the stored one owns --------------------
// The view owns a link through a unique_ptr, and the link keeps the feed: the
// notes name the unique_ptr hop, and say it is the view that is stored.

namespace back_edge_hop {
struct Feed;
struct Link {
  std::shared_ptr<Feed> Source;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Link::Source' completes a shared_ptr ownership cycle; the 'Feed' it points to owns the 'Link' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+7]]:38: note: 'Feed::Views' owns 'View' objects through 'std::vector<std::shared_ptr<View>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:37: note: 'View::L' owns 'Link' objects through 'std::unique_ptr<Link>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+11]]:22: note: the 'View' is stored in 'Views' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:18: note: 'Source' is set to 'F' here{{$}}
};
struct View { std::unique_ptr<Link> L = std::make_unique<Link>(); };
struct Feed {
  std::vector<std::shared_ptr<View>> Views;
};
// CHECK-MESSAGES: :[[@LINE-11]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Feed> Source;'{{$}}
void watch(const std::shared_ptr<Feed> &F) {
  auto V = std::make_shared<View>();
  V->L->Source = F;
  F->Views.push_back(V);
}
} // namespace back_edge_hop

// --- Positive: a free function grows a member through its accessor ---------
// `W->bindings()` hands out `Bindings`: the push_back is a store into it.
namespace member_accessor {
struct Observer {
  virtual ~Observer() = default;
  virtual void changed() = 0;
};
struct Model {
  void addObserver(std::shared_ptr<Observer> O) {
    Observers.push_back(std::move(O));
  }
  std::vector<std::shared_ptr<Observer>> Observers;
};
using ModelPtr = std::shared_ptr<Model>;
struct Binding {
  std::shared_ptr<Model> Source;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Binding::Source' completes a shared_ptr ownership cycle; the 'Model' it points to owns the 'Label' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-6]]:42: note: 'Model::Observers' owns 'Observer' objects through 'std::vector<std::shared_ptr<Observer>>'
  // CHECK-MESSAGES: :[[@LINE+13]]:24: note: 'Label::Bindings' holds 'Binding' values through 'std::vector<Binding>'
  // CHECK-MESSAGES: :[[@LINE+17]]:18: note: the 'Label' is stored in 'Observers' here
  // CHECK-MESSAGES: :[[@LINE+15]]:27: note: 'Bindings' is set to 'Binding{M, Property}' here
  // CHECK-MESSAGES: :[[@LINE-6]]:26: note: make it a std::weak_ptr: 'std::weak_ptr<Model> Source;'
  // CHECK-FIXES: {{^}}  std::weak_ptr<Model> Source;{{$}}
  std::string Property;
};
class Label : public Observer {
public:
  std::vector<Binding> &bindings() { return Bindings; }
  void changed() override {}

private:
  std::vector<Binding> Bindings;
};
void bind(const std::shared_ptr<Label> &L, const ModelPtr &M,
          const std::string &Property) {
  L->bindings().push_back(Binding{M, Property});
  M->addObserver(L);
}
} // namespace member_accessor

// --- Clean: the same, with a weak back edge ----------------------------------
namespace member_accessor_weak {
struct Observer {
  virtual ~Observer() = default;
  virtual void changed() = 0;
};
struct Model {
  void addObserver(std::shared_ptr<Observer> O) {
    Observers.push_back(std::move(O));
  }
  std::vector<std::shared_ptr<Observer>> Observers;
};
struct Binding {
  std::weak_ptr<Model> Source;
  std::string Property;
};
class Label : public Observer {
public:
  std::vector<Binding> &bindings() { return Bindings; }
  void changed() override {}

private:
  std::vector<Binding> Bindings;
};
void bind(const std::shared_ptr<Label> &L, const std::shared_ptr<Model> &M,
          const std::string &Property) {
  L->bindings().push_back(Binding{M, Property});
  M->addObserver(L);
}
} // namespace member_accessor_weak
