// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libboost-dev
//
// Boost containers and utilities as a cache/registry layer: an LRU cache
// built on Boost.MultiIndex (sequenced + hashed index), interned strings
// through Boost.Flyweight (library-provided static factory), intrusive
// lists with auto-unlink hooks (objects leave the list when destroyed),
// a circular_buffer of recent events, a bimap of session ids, a
// lock-free SPSC queue, object_pool, property_tree configuration, and a
// Boost.Graph dependency graph with a topological sort.

#include <boost/bimap.hpp>
#include <boost/bimap/unordered_set_of.hpp>
#include <boost/circular_buffer.hpp>
#include <boost/container/flat_map.hpp>
#include <boost/container/small_vector.hpp>
#include <boost/flyweight.hpp>
#include <boost/flyweight/hashed_factory.hpp>
#include <boost/flyweight/refcounted.hpp>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <boost/intrusive/list.hpp>
#include <boost/intrusive/set.hpp>
#include <boost/intrusive_ptr.hpp>
#include <boost/lockfree/spsc_queue.hpp>
#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index/sequenced_index.hpp>
#include <boost/multi_index_container.hpp>
#include <boost/pool/object_pool.hpp>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>

#include <atomic>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace cache {

namespace mi = boost::multi_index;

template <typename Key, typename Value> class LruCache {
public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  void put(const Key &k, Value v) {
    auto &by_key = items_.template get<1>();
    auto it = by_key.find(k);
    if (it != by_key.end()) {
      by_key.modify(it, [&](Entry &e) { e.value = std::move(v); });
      touch(items_.template project<0>(it));
      return;
    }
    items_.push_front(Entry{k, std::move(v)});
    if (items_.size() > capacity_)
      items_.pop_back();
  }

  const Value *get(const Key &k) {
    auto &by_key = items_.template get<1>();
    auto it = by_key.find(k);
    if (it == by_key.end())
      return nullptr;
    auto seq = items_.template project<0>(it);
    touch(seq);
    return &seq->value;
  }

  std::size_t size() const { return items_.size(); }

private:
  struct Entry {
    Key key;
    Value value;
  };
  using Container = mi::multi_index_container<
      Entry, mi::indexed_by<mi::sequenced<>,
                            mi::hashed_unique<mi::member<Entry, Key, &Entry::key>>>>;

  void touch(typename Container::iterator it) { items_.relocate(items_.begin(), it); }

  std::size_t capacity_;
  Container items_;
};

// Interned header names: boost::flyweight shares equal values through a
// library-managed factory with reference counting.
using HeaderName = boost::flyweight<std::string, boost::flyweights::hashed_factory<>,
                                    boost::flyweights::refcounted>;

struct Request {
  std::vector<std::pair<HeaderName, std::string>> headers;
};

// Connections enlist themselves in the server's intrusive list and leave it
// automatically when they are destroyed (auto_unlink).
using AutoUnlinkHook =
    boost::intrusive::list_base_hook<boost::intrusive::link_mode<boost::intrusive::auto_unlink>>;

class Connection : public AutoUnlinkHook {
public:
  explicit Connection(int fd) : fd_(fd) {}
  int fd() const { return fd_; }

private:
  int fd_;
};

class ConnectionList {
public:
  void add(Connection &c) { list_.push_back(c); }
  std::size_t count() const { return list_.size(); }
  template <typename F> void for_each(F f) {
    for (auto &c : list_)
      f(c);
  }

private:
  boost::intrusive::list<Connection, boost::intrusive::constant_time_size<false>> list_;
};

class Job : public boost::intrusive_ref_counter<Job, boost::thread_safe_counter> {
public:
  explicit Job(std::string name) : name(std::move(name)) {}
  std::string name;
};

class Sessions {
public:
  void open(const std::string &sid, int user) { map_.insert({sid, user}); }
  void close(const std::string &sid) { map_.left.erase(sid); }
  bool user_online(int user) const { return map_.right.count(user) > 0; }

private:
  using Map = boost::bimap<boost::bimaps::unordered_set_of<std::string>,
                           boost::bimaps::unordered_set_of<int>>;
  Map map_;
};

struct Module {
  std::string name;
};

std::vector<std::string> load_order(const std::vector<std::pair<int, int>> &deps,
                                    const std::vector<std::string> &names) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Module>;
  Graph g(names.size());
  for (std::size_t i = 0; i < names.size(); ++i)
    g[i].name = names[i];
  for (const auto &d : deps)
    boost::add_edge(static_cast<std::size_t>(d.first), static_cast<std::size_t>(d.second), g);
  std::vector<Graph::vertex_descriptor> order;
  boost::topological_sort(g, std::back_inserter(order));
  std::vector<std::string> out;
  for (auto v : order)
    out.push_back(g[v].name);
  return out;
}

} // namespace cache

int main() {
  cache::LruCache<std::string, int> lru(3);
  for (const char *k : {"a", "b", "c", "a", "d"})
    lru.put(k, static_cast<int>(lru.size()));
  std::cout << (lru.get("b") == nullptr) << " " << lru.size() << "\n";

  cache::Request req;
  req.headers.emplace_back(cache::HeaderName("Content-Type"), "text/plain");
  req.headers.emplace_back(cache::HeaderName("Content-Type"), "application/json");

  cache::ConnectionList conns;
  {
    cache::Connection a(3), b(4);
    conns.add(a);
    conns.add(b);
    std::cout << conns.count() << "\n";
  }
  std::cout << conns.count() << "\n"; // 0: both unlinked themselves

  boost::intrusive_ptr<cache::Job> job(new cache::Job("reindex"));
  auto job2 = job;

  cache::Sessions sessions;
  sessions.open("s1", 42);
  sessions.close("s1");

  boost::circular_buffer<std::string> recent(64);
  for (int i = 0; i < 100; ++i)
    recent.push_back("event " + std::to_string(i));

  boost::lockfree::spsc_queue<int, boost::lockfree::capacity<1024>> q;
  std::atomic<bool> done{false};
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i)
      while (!q.push(i)) {
      }
    done = true;
  });
  long sum = 0;
  int v;
  while (!done || !q.empty())
    while (q.pop(v))
      sum += v;
  producer.join();

  boost::object_pool<cache::Module> pool;
  cache::Module *m = pool.construct();
  m->name = "pooled";
  pool.destroy(m);

  boost::container::flat_map<std::string, int> flat{{"x", 1}, {"y", 2}};
  boost::container::small_vector<int, 4> small{1, 2, 3};

  boost::property_tree::ptree pt;
  std::istringstream json(R"({"server":{"port":8080,"hosts":["a","b"]}})");
  boost::property_tree::read_json(json, pt);
  int port = pt.get<int>("server.port", 80);
  for (const auto &h : pt.get_child("server.hosts"))
    std::cout << h.second.get_value<std::string>() << " ";

  auto order = cache::load_order({{0, 1}, {1, 2}, {0, 2}}, {"core", "net", "http"});
  std::cout << port << " " << sum << " " << recent.size() << " " << flat.size()
            << small.size() << " " << order.front() << " " << job->use_count() << "\n";
}
