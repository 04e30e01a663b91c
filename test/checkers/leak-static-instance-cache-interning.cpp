// Interning tables: a static map keyed by an enumeration that keeps one
// shared object per key (`cache()[profile_] = shared_from_this()`) owns at
// most one object per enumerator, by design. Its twin keyed by a string
// keeps one object per name a caller makes up, and is reported.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <map>
#include <memory>
#include <mutex>
#include <string>

// --- Clean: one table per profile, interned ----------------------------------
enum class Profile { Baseline, Main, High };

class QuantTable : public std::enable_shared_from_this<QuantTable> {
public:
  using Ptr = std::shared_ptr<QuantTable>;
  static Ptr forProfile(Profile P) {
    std::lock_guard<std::mutex> Lock(mutex());
    auto It = cache().find(P);
    if (It != cache().end())
      return It->second;
    Ptr Fresh(new QuantTable(P));
    return Fresh->publish();
  }

private:
  explicit QuantTable(Profile P) : P(P) {}
  Ptr publish() {
    Ptr Self = shared_from_this();
    cache()[P] = Self;
    return Self;
  }
  static std::mutex &mutex() {
    static std::mutex M;
    return M;
  }
  static std::map<Profile, Ptr> &cache() {
    static std::map<Profile, Ptr> Tables;
    return Tables;
  }
  Profile P;
};

// --- Positive: the same table keyed by a name ---------------------------------
class Dictionary : public std::enable_shared_from_this<Dictionary> {
public:
  using Ptr = std::shared_ptr<Dictionary>;
  static Ptr named(const std::string &Name) {
    auto It = cache().find(Name);
    if (It != cache().end())
      return It->second;
    Ptr Fresh(new Dictionary(Name));
    return Fresh->publish();
  }

private:
  explicit Dictionary(std::string Name) : Name(std::move(Name)) {}
  Ptr publish() {
    Ptr Self = shared_from_this();
    cache()[Name] = Self;
    return Self;
  }
  static std::map<std::string, Ptr> &cache() {
    static std::map<std::string, Ptr> Dictionaries;
    // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: function-local static 'Dictionaries' holds shared_from_this() of 'Dictionary'; every 'Dictionary' put in it stays alive until the program exits [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE-6]]:21: note: shared_from_this() is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE-3]]:39: note: hold std::weak_ptr<Dictionary> instead, or keep the cache in each object keyed by value, so that 'Dictionary' objects can be destroyed{{$}}
    return Dictionaries;
  }
  std::string Name;
};
