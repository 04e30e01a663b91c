// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libtbb-dev
//
// oneTBB 2021: an image-tile pipeline (parallel_pipeline), a flow graph
// with function/join/buffer nodes wired by make_edge, a memoising cache in
// a concurrent_hash_map keyed by value with an explicit size bound,
// parallel_for/reduce/sort, task_group and task_arena, a concurrent_queue
// job dispatcher, enumerable_thread_specific per-thread stats, and
// global_control.

#include <oneapi/tbb.h>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/blocked_range2d.h>
#include <oneapi/tbb/combinable.h>
#include <oneapi/tbb/concurrent_hash_map.h>
#include <oneapi/tbb/concurrent_priority_queue.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/concurrent_unordered_map.h>
#include <oneapi/tbb/concurrent_vector.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/flow_graph.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_for_each.h>
#include <oneapi/tbb/parallel_invoke.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/parallel_scan.h>
#include <oneapi/tbb/parallel_sort.h>
#include <oneapi/tbb/spin_mutex.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>
#include <oneapi/tbb/tick_count.h>

#include <atomic>
#include <cmath>
#include <functional>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

namespace work {

struct Tile {
  int id = 0;
  std::vector<float> pixels;
};

// Memoised expensive function of an integer key. The table is bounded:
// when it reaches capacity it is cleared (generation-based reset).
class FibCache {
public:
  explicit FibCache(std::size_t capacity) : capacity_(capacity) {}

  unsigned long long get(unsigned n) {
    {
      Table::const_accessor ca;
      if (table_.find(ca, n))
        return ca->second;
    }
    unsigned long long v = compute(n);
    if (table_.size() >= capacity_) {
      oneapi::tbb::spin_mutex::scoped_lock lock(reset_mutex_);
      if (table_.size() >= capacity_)
        table_.clear();
    }
    Table::accessor a;
    table_.insert(a, n);
    a->second = v;
    return v;
  }

private:
  static unsigned long long compute(unsigned n) {
    unsigned long long a = 0, b = 1;
    for (unsigned i = 0; i < n; ++i) {
      auto t = a + b;
      a = b;
      b = t;
    }
    return a;
  }

  using Table = oneapi::tbb::concurrent_hash_map<unsigned, unsigned long long>;
  std::size_t capacity_;
  Table table_;
  oneapi::tbb::spin_mutex reset_mutex_;
};

// A bounded job dispatcher: producers push, a fixed set of consumers pop.
class Dispatcher {
public:
  explicit Dispatcher(std::size_t capacity) { queue_.set_capacity(static_cast<std::ptrdiff_t>(capacity)); }

  void submit(std::function<void()> job) { queue_.push(std::move(job)); }

  void run(int consumers) {
    oneapi::tbb::task_group tg;
    for (int i = 0; i < consumers; ++i)
      tg.run([this] {
        std::function<void()> job;
        while (true) {
          queue_.pop(job);
          if (!job)
            return;
          job();
          ++done_;
        }
      });
    for (int i = 0; i < consumers; ++i)
      queue_.push(nullptr);
    tg.wait();
  }

  int done() const { return done_; }

private:
  oneapi::tbb::concurrent_bounded_queue<std::function<void()>> queue_;
  std::atomic<int> done_{0};
};

float blur_sum(const std::vector<float> &img, int w, int h) {
  return oneapi::tbb::parallel_reduce(
      oneapi::tbb::blocked_range2d<int>(1, h - 1, 1, w - 1), 0.0f,
      [&](const oneapi::tbb::blocked_range2d<int> &r, float acc) {
        for (int y = r.rows().begin(); y != r.rows().end(); ++y)
          for (int x = r.cols().begin(); x != r.cols().end(); ++x)
            acc += (img[y * w + x - 1] + img[y * w + x] + img[y * w + x + 1]) / 3.0f;
        return acc;
      },
      std::plus<float>());
}

void run_pipeline(int tiles) {
  int next = 0;
  std::vector<float> sums;
  oneapi::tbb::parallel_pipeline(
      8,
      oneapi::tbb::make_filter<void, std::shared_ptr<Tile>>(
          oneapi::tbb::filter_mode::serial_in_order,
          [&](oneapi::tbb::flow_control &fc) -> std::shared_ptr<Tile> {
            if (next >= tiles) {
              fc.stop();
              return nullptr;
            }
            auto t = std::make_shared<Tile>();
            t->id = next++;
            t->pixels.assign(256 * 256, static_cast<float>(t->id));
            return t;
          }) &
          oneapi::tbb::make_filter<std::shared_ptr<Tile>, std::shared_ptr<Tile>>(
              oneapi::tbb::filter_mode::parallel,
              [](std::shared_ptr<Tile> t) {
                for (auto &p : t->pixels)
                  p = std::sqrt(p);
                return t;
              }) &
          oneapi::tbb::make_filter<std::shared_ptr<Tile>, void>(
              oneapi::tbb::filter_mode::serial_in_order,
              [&](std::shared_ptr<Tile> t) {
                sums.push_back(blur_sum(t->pixels, 256, 256));
              }));
  std::cout << "pipeline tiles " << sums.size() << "\n";
}

void run_graph() {
  using namespace oneapi::tbb::flow;
  graph g;
  broadcast_node<int> input(g);
  function_node<int, int> square(g, unlimited, [](int v) { return v * v; });
  function_node<int, int> cube(g, unlimited, [](int v) { return v * v * v; });
  join_node<std::tuple<int, int>, queueing> join(g);
  int total = 0;
  function_node<std::tuple<int, int>, continue_msg> sum(
      g, serial, [&total](const std::tuple<int, int> &t) {
        total += std::get<0>(t) + std::get<1>(t);
        return continue_msg();
      });
  buffer_node<int> leftovers(g);

  make_edge(input, square);
  make_edge(input, cube);
  make_edge(square, input_port<0>(join));
  make_edge(cube, input_port<1>(join));
  make_edge(join, sum);

  for (int i = 1; i <= 10; ++i)
    input.try_put(i);
  g.wait_for_all();
  remove_edge(input, cube);
  std::cout << "graph total " << total << "\n";
  (void)leftovers;
}

} // namespace work

int main() {
  oneapi::tbb::global_control gc(oneapi::tbb::global_control::max_allowed_parallelism, 4);

  work::FibCache cache(1024);
  oneapi::tbb::concurrent_vector<unsigned long long> fibs;
  oneapi::tbb::parallel_for(0u, 90u, [&](unsigned n) { fibs.push_back(cache.get(n)); });

  std::vector<double> data(1 << 20);
  std::iota(data.begin(), data.end(), 0.0);
  oneapi::tbb::parallel_sort(data.begin(), data.end(), std::greater<double>());
  double total = oneapi::tbb::parallel_reduce(
      oneapi::tbb::blocked_range<std::size_t>(0, data.size()), 0.0,
      [&](const oneapi::tbb::blocked_range<std::size_t> &r, double acc) {
        for (auto i = r.begin(); i != r.end(); ++i)
          acc += data[i];
        return acc;
      },
      std::plus<double>());

  oneapi::tbb::enumerable_thread_specific<std::size_t> per_thread(0);
  oneapi::tbb::parallel_for_each(data.begin(), data.begin() + 1000,
                                 [&](double) { ++per_thread.local(); });
  std::size_t counted = per_thread.combine(std::plus<std::size_t>());

  oneapi::tbb::combinable<double> maxes([] { return 0.0; });
  oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, 1000),
                            [&](const oneapi::tbb::blocked_range<std::size_t> &r) {
                              for (auto i = r.begin(); i != r.end(); ++i)
                                maxes.local() = std::max(maxes.local(), data[i]);
                            });

  oneapi::tbb::concurrent_unordered_map<std::string, int> words;
  oneapi::tbb::parallel_invoke([&] { words.emplace("alpha", 1); },
                               [&] { words.emplace("beta", 2); });

  oneapi::tbb::concurrent_priority_queue<int> pq;
  for (int i : {5, 1, 9})
    pq.push(i);
  int top = 0;
  pq.try_pop(top);

  work::Dispatcher d(64);
  for (int i = 0; i < 100; ++i)
    d.submit([i] { volatile double x = std::sqrt(static_cast<double>(i)); (void)x; });

  oneapi::tbb::task_arena arena(2);
  arena.execute([&] { d.run(2); });

  oneapi::tbb::tick_count t0 = oneapi::tbb::tick_count::now();
  work::run_pipeline(16);
  work::run_graph();
  std::cout << total << " " << counted << " " << maxes.combine([](double a, double b) { return std::max(a, b); })
            << " " << words.size() << " " << top << " " << d.done() << " "
            << (oneapi::tbb::tick_count::now() - t0).seconds() << "\n";
}
