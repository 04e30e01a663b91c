// Options: ReportTypeCycles also reports cycles of the type graph that no
// code in the translation unit closes, marked as such; ContainerTypes adds
// owning containers, OwnerTypes shared-owner pointers of other libraries.
// Defaults are written back by --dump-config.
//
// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
// RUN: %check_leaklint --check-suffix=TYPES %s leak-shared-ptr-cycle %t-types -- \
// RUN:   --config="{CheckOptions: {leak-shared-ptr-cycle.ReportTypeCycles: true}}" -- -std=c++17
// RUN: %check_leaklint --check-suffix=CONTAINERS %s leak-shared-ptr-cycle %t-containers -- \
// RUN:   --config="{CheckOptions: {leak-shared-ptr-cycle.ContainerTypes: 'app::Bag'}}" -- -std=c++17
// RUN: %check_leaklint --check-suffix=OWNERS %s leak-shared-ptr-cycle %t-owners -- \
// RUN:   --config="{CheckOptions: {leak-shared-ptr-cycle.OwnerTypes: 'lib::RefPtr'}}" -- -std=c++17
// RUN: %clang_tidy -checks='-*,leak-shared-ptr-cycle' --dump-config %s -- -std=c++17 | FileCheck --check-prefix=DUMP %s
// DUMP-DAG: leak-shared-ptr-cycle.ReportTypeCycles: 'false'
// DUMP-DAG: leak-shared-ptr-cycle.OwnerTypes: ''
// DUMP-DAG: leak-shared-ptr-cycle.ContainerTypes: 'absl::flat_hash_map;{{.*}}'

#include <memory>
#include <vector>

// A tree: the type graph has a cycle, the code never closes it.
// An in-house container owns the shared_ptrs in its fields by default; the
// ContainerTypes option only renames it a collection.
struct Dir {
  std::vector<std::shared_ptr<Dir>> Subdirs;
  // CHECK-MESSAGES-TYPES: :[[@LINE-1]]:37: warning: 'Dir::Subdirs' is part of a shared_ptr ownership cycle in the type graph; no code in this translation unit was seen linking objects both ways (type-level cycle) [leak-shared-ptr-cycle]
  std::shared_ptr<Dir> Link;
};
void addSub(const std::shared_ptr<Dir> &D) {
  D->Subdirs.push_back(std::make_shared<Dir>());
}

namespace app {
// An in-house container, owning only once ContainerTypes names it.
template <typename T> class Bag {
public:
  void push_back(T V) { Items.push_back(std::move(V)); }

private:
  std::vector<T> Items;
};

class Team : public std::enable_shared_from_this<Team> {
public:
  void hire(const std::shared_ptr<class Member> &M);

private:
  Bag<std::shared_ptr<Member>> Members;
};
class Member {
public:
  std::shared_ptr<Team> Employer;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Member::Employer' completes a shared_ptr ownership cycle; the 'Team' it points to owns the 'Member' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-6]]:32: note: 'Team::Members' owns 'Member' objects through 'Bag<std::shared_ptr<Member>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+21]]:21: note: the 'Member' is stored in 'Members' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+19]]:17: note: 'Employer' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Team> Employer;'{{$}}
  // CHECK-MESSAGES-OWNERS: :[[@LINE-6]]:25: warning: 'Member::Employer' completes a shared_ptr ownership cycle; the 'Team' it points to owns the 'Member' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES-OWNERS: :[[@LINE-11]]:32: note: 'Team::Members' owns 'Member' objects through 'Bag<std::shared_ptr<Member>>'{{$}}
  // CHECK-MESSAGES-OWNERS: :[[@LINE+16]]:21: note: the 'Member' is stored in 'Members' here{{$}}
  // CHECK-MESSAGES-OWNERS: :[[@LINE+14]]:17: note: 'Employer' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES-OWNERS: :[[@LINE-10]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Team> Employer;'{{$}}
  // CHECK-MESSAGES-TYPES: :[[@LINE-11]]:25: warning: 'Member::Employer' completes a shared_ptr ownership cycle; the 'Team' it points to owns the 'Member' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES-TYPES: :[[@LINE-16]]:32: note: 'Team::Members' owns 'Member' objects through 'Bag<std::shared_ptr<Member>>'{{$}}
  // CHECK-MESSAGES-TYPES: :[[@LINE+11]]:21: note: the 'Member' is stored in 'Members' here{{$}}
  // CHECK-MESSAGES-TYPES: :[[@LINE+9]]:17: note: 'Employer' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES-TYPES: :[[@LINE-15]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Team> Employer;'{{$}}
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE-16]]:25: warning: 'Member::Employer' completes a shared_ptr ownership cycle; the 'Team' it points to owns the 'Member' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE-21]]:32: note: 'Team::Members' owns 'Member' objects through 'Bag<std::shared_ptr<Member>>'{{$}}
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE+6]]:21: note: the 'Member' is stored in 'Members' here{{$}}
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE+4]]:17: note: 'Employer' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE-20]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Team> Employer;'{{$}}
};
void Team::hire(const std::shared_ptr<Member> &M) {
  M->Employer = shared_from_this();
  Members.push_back(M);
}
} // namespace app

// Another library's shared owner, an owner only once OwnerTypes names it.
namespace lib {
template <class T> class RefPtr {
public:
  RefPtr() = default;
  explicit RefPtr(T *P) : P(P) {}
  T *operator->() const { return P; }

private:
  T *P = nullptr;
};
} // namespace lib
struct Child;
struct Parent : std::enable_shared_from_this<Parent> {
  lib::RefPtr<Child> Kid;
  void make();
};
struct Child {
  std::shared_ptr<Parent> Up;
  // CHECK-MESSAGES-OWNERS: :[[@LINE-1]]:27: warning: 'Child::Up' completes a shared_ptr ownership cycle; the 'Parent' it points to owns the 'Child' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES-OWNERS: :[[@LINE-6]]:22: note: 'Parent::Kid' owns 'Child' objects through 'lib::RefPtr<Child>'{{$}}
  // CHECK-MESSAGES-OWNERS: :[[@LINE+7]]:9: note: the 'Child' is stored in 'Kid' here{{$}}
  // CHECK-MESSAGES-OWNERS: :[[@LINE+5]]:11: note: 'Up' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES-OWNERS: :[[@LINE-5]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Parent> Up;'{{$}}
};
void Parent::make() {
  auto *C = new Child;
  C->Up = shared_from_this();
  Kid = lib::RefPtr<Child>(C);
}
