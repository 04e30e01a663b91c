// A class template's members live in its specializations: the values of a
// map declared in the template (`std::unordered_map<std::string, Stats>
// stats_;`) belong to the objects of `Sched<std::deque<int>>` that main()
// declares, not to the template's pattern, which has no objects. What grows
// inside those values (`st.history.push_back(j)`) is the specialization's.
// Clean twin: the same template trims its history past a size.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <deque>
#include <string>
#include <unordered_map>

struct Stats {
  std::deque<int> history;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: member 'Stats::history' of an object owned by 'S' in 'main' only grows: elements are added in 'Sched::record' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+19]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+21]]:42: note: 'Stats' objects are values of 'Sched<std::deque<int>>::stats_', which nothing ever removes an entry from, so they live as long as it{{$}}
  // CHECK-MESSAGES: :[[@LINE+46]]:26: note: 'S' is declared in 'main' outside its loops, so it lives as long as the program{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:19: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
};

template <typename Queue> class Sched {
public:
  void submit(int J) { pending_.push_back(J); }
  void tick() {
    while (!pending_.empty()) {
      record(pending_.front());
      pending_.pop_front();
    }
  }

private:
  void record(int J) {
    Stats &st = stats_["all"];
    st.history.push_back(J);
  }
  Queue pending_;
  std::unordered_map<std::string, Stats> stats_;
};

struct Window {
  std::deque<int> recent;
};

template <typename Queue> class Trimmed {
public:
  void submit(int J) { pending_.push_back(J); }
  void tick() {
    while (!pending_.empty()) {
      Window &W = windows_["all"];
      W.recent.push_back(pending_.front());
      if (W.recent.size() > 64)
        W.recent.pop_front();
      pending_.pop_front();
    }
  }

private:
  Queue pending_;
  std::unordered_map<std::string, Window> windows_;
};

int main() {
  Sched<std::deque<int>> S;
  Trimmed<std::deque<int>> T;
  for (;;) {
    for (int I = 0; I < 50; ++I) {
      S.submit(I);
      T.submit(I);
    }
    S.tick();
    T.tick();
  }
}

