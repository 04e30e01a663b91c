// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: catch2
//
// Catch2 v2 (single header) with CATCH_CONFIG_MAIN, so Catch's own
// implementation (test registry, reporters, listeners, context singletons)
// is in the TU. Tests cover an LRU cache, an event emitter with
// unsubscribe handles, and a shared_ptr tree with weak parents; uses
// SECTIONs, GENERATEs, matchers, BDD macros, a fixture, a custom listener
// and a StringMaker specialisation.

#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#include <catch2/catch.hpp>

#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace lib {

template <typename K, typename V> class LruCache {
public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  void put(const K &k, V v) {
    auto it = index_.find(k);
    if (it != index_.end()) {
      it->second->second = std::move(v);
      items_.splice(items_.begin(), items_, it->second);
      return;
    }
    items_.emplace_front(k, std::move(v));
    index_[k] = items_.begin();
    if (items_.size() > capacity_) {
      index_.erase(items_.back().first);
      items_.pop_back();
    }
  }

  const V *get(const K &k) {
    auto it = index_.find(k);
    if (it == index_.end())
      return nullptr;
    items_.splice(items_.begin(), items_, it->second);
    return &it->second->second;
  }

  std::size_t size() const { return items_.size(); }

private:
  std::size_t capacity_;
  std::list<std::pair<K, V>> items_;
  std::unordered_map<K, typename std::list<std::pair<K, V>>::iterator> index_;
};

class Emitter {
public:
  using Handler = std::function<void(const std::string &)>;

  class Subscription {
  public:
    Subscription(Emitter *e, int id) : e_(e), id_(id) {}
    Subscription(Subscription &&o) noexcept : e_(o.e_), id_(o.id_) { o.e_ = nullptr; }
    Subscription(const Subscription &) = delete;
    ~Subscription() {
      if (e_)
        e_->handlers_.erase(id_);
    }

  private:
    Emitter *e_;
    int id_;
  };

  Subscription on(Handler h) {
    handlers_.emplace(next_, std::move(h));
    return Subscription(this, next_++);
  }

  void emit(const std::string &s) {
    for (auto &kv : handlers_)
      kv.second(s);
  }

  std::size_t listeners() const { return handlers_.size(); }

private:
  std::map<int, Handler> handlers_;
  int next_ = 0;
};

struct TreeNode : std::enable_shared_from_this<TreeNode> {
  explicit TreeNode(std::string n) : name(std::move(n)) {}
  std::shared_ptr<TreeNode> add(std::string n) {
    auto c = std::make_shared<TreeNode>(std::move(n));
    c->parent = weak_from_this();
    children.push_back(c);
    return c;
  }
  std::string name;
  std::weak_ptr<TreeNode> parent;
  std::vector<std::shared_ptr<TreeNode>> children;
};

} // namespace lib

namespace Catch {
template <> struct StringMaker<lib::TreeNode> {
  static std::string convert(const lib::TreeNode &n) {
    return "TreeNode(" + n.name + ", " + std::to_string(n.children.size()) + " children)";
  }
};
} // namespace Catch

struct TimingListener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseStarting(Catch::TestCaseInfo const &info) override {
    current_ = info.name;
  }
  void testCaseEnded(Catch::TestCaseStats const &) override { current_.clear(); }

private:
  std::string current_;
};
CATCH_REGISTER_LISTENER(TimingListener)

TEST_CASE("LRU cache evicts the least recently used entry", "[lru]") {
  lib::LruCache<std::string, int> cache(2);
  cache.put("a", 1);
  cache.put("b", 2);

  SECTION("touching an entry protects it") {
    REQUIRE(cache.get("a") != nullptr);
    cache.put("c", 3);
    CHECK(cache.get("b") == nullptr);
    CHECK(*cache.get("a") == 1);
  }
  SECTION("overwriting keeps the size") {
    cache.put("a", 10);
    CHECK(cache.size() == 2);
    CHECK(*cache.get("a") == 10);
  }
}

TEST_CASE("LRU cache size never exceeds capacity", "[lru]") {
  auto capacity = GENERATE(1u, 2u, 8u, 64u);
  lib::LruCache<int, int> cache(capacity);
  for (int i = 0; i < 200; ++i)
    cache.put(i % 97, i);
  REQUIRE(cache.size() <= capacity);
}

SCENARIO("subscriptions end with their handle", "[emitter]") {
  GIVEN("an emitter with one subscriber") {
    lib::Emitter e;
    std::vector<std::string> got;
    {
      auto sub = e.on([&got](const std::string &s) { got.push_back(s); });
      WHEN("an event is emitted") {
        e.emit("x");
        THEN("the subscriber sees it") { REQUIRE(got.size() == 1); }
      }
    }
    WHEN("the handle is gone") {
      e.emit("y");
      THEN("nobody is listening") {
        CHECK(e.listeners() == 0);
        CHECK_THAT(got, Catch::Matchers::Equals(std::vector<std::string>{}) ||
                            Catch::Matchers::VectorContains(std::string("x")));
      }
    }
  }
}

class TreeFixture {
protected:
  TreeFixture() : root(std::make_shared<lib::TreeNode>("root")) {
    leaf = root->add("a")->add("b");
  }
  std::shared_ptr<lib::TreeNode> root;
  std::shared_ptr<lib::TreeNode> leaf;
};

TEST_CASE_METHOD(TreeFixture, "tree parents are weak", "[tree]") {
  std::weak_ptr<lib::TreeNode> weak_root = root;
  REQUIRE(leaf->parent.lock()->parent.lock() == root);
  CHECK_THAT(leaf->name, Catch::Matchers::StartsWith("b"));
  INFO("root is " << Catch::StringMaker<lib::TreeNode>::convert(*root));
  root.reset();
  CHECK(weak_root.expired());
  CHECK(leaf->parent.expired());
}

TEST_CASE("exceptions and approximations", "[misc]") {
  CHECK_THROWS_AS(std::vector<int>{}.at(1), std::out_of_range);
  CHECK_NOTHROW(std::string("abc").substr(1));
  CHECK(0.1 + 0.2 == Approx(0.3).epsilon(1e-12));
  REQUIRE_THAT(std::string("hello world"),
               Catch::Matchers::Contains("world") && !Catch::Matchers::EndsWith("x"));
}

TEST_CASE("cache benchmark", "[!benchmark]") {
  BENCHMARK("put/get 1000") {
    lib::LruCache<int, int> cache(128);
    for (int i = 0; i < 1000; ++i) {
      cache.put(i % 200, i);
      (void)cache.get(i % 150);
    }
    return cache.size();
  };
}
