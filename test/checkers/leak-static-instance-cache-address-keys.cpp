// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
//
// Keys that are the object's address spelled as an integer: a cast of
// `this` to std::uintptr_t, or std::hash of `this`. The key's type says
// nothing; the stored key says it is the object's address.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>

class Shape {
public:
  double area() {
    static std::map<std::uintptr_t, double> Areas;
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: function-local static 'Areas' is keyed by 'this' of 'Shape' but its entries are not erased when their objects die; a new 'Shape' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:18: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+7]]:1: note: make it a per-instance member of 'Shape': 'std::map<std::uintptr_t, double> Areas;'{{$}}
    return Areas[reinterpret_cast<std::uintptr_t>(this)] = 1.0;
  }
  int sides() const { return Sides; }

private:
  int Sides = 3;
};
// CHECK-FIXES:      return Areas[reinterpret_cast<std::uintptr_t>(this)] = 1.0;
// CHECK-FIXES:      int Sides = 3;
// CHECK-FIXES-NEXT: std::map<std::uintptr_t, double> Areas;
// CHECK-FIXES-NEXT: };

class Session {
public:
  static std::unordered_map<std::size_t, std::string> Names;
  void name(std::string N) { Names[std::hash<const Session *>{}(this)] = N; }
  // CHECK-MESSAGES: :[[@LINE-2]]:55: warning: static member 'Session::Names' is keyed by 'this' of 'Session' but its entries are not erased when their objects die; a new 'Session' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-2]]:36: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: erase the entries of 'this' in '~Session()' (no automatic fix: its entries are not keyed by the object's address alone){{$}}
};

// Clean twins.

// The same address key, erased when the object dies.
class Erased {
public:
  ~Erased() { Ids.erase(reinterpret_cast<std::uintptr_t>(this)); }
  void track() { Ids[reinterpret_cast<std::uintptr_t>(this)] = 1; }

private:
  static std::map<std::uintptr_t, int> Ids;
};

// Integer keys that are values, not the object's address: a member read
// and the hash of a string.
class Request {
public:
  void count() {
    static std::map<long, int> ById;
    ++ById[Id];
    static std::unordered_map<std::size_t, int> ByName;
    ++ByName[std::hash<std::string>{}(Name)];
  }

private:
  long Id = 0;
  std::string Name;
};
