// Rounds that main() counts, each draining a batch in a callee: a scheduler
// main() declares runs a few rounds, and each round runs every job queued
// since (`while (!Pending.empty())`), so what it records per job grows with
// the jobs, not with the rounds. The same rule holds for a batch loop in
// main() itself (leak-unbounded-container-main-locals.cpp); here the batch
// sits in a method main's loop calls, two calls down.
// Clean twins: the drain run once, outside main's loops; rounds that only
// count per key (a map keyed by pipeline: each round's batch may bring the
// same keys); a history trimmed past a size.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <deque>
#include <map>
#include <string>
#include <vector>

struct Job {
  std::string Pipeline;
  int Id;
};

// --- Positive: a history appended per job, rounds drain a queue -----------
class Scheduler {
public:
  void submit(Job J) { Pending.push_back(std::move(J)); }
  int runOnce() { return drain(); }

private:
  int drain() {
    int Ran = 0;
    while (!Pending.empty()) {
      record(Pending.front());
      Pending.pop_front();
      ++Ran;
    }
    return Ran;
  }
  void record(const Job &J) { History.push_back(J.Id); }
  std::deque<Job> Pending;
  std::vector<int> History;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: member 'Scheduler::History' of 'Ci' in 'main' only grows: elements are added in 'Scheduler::record' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:31: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+57]]:13: note: 'Ci' is declared in 'main' outside its loops, so it lives as long as the program{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
};

// --- Clean: the same drain, run once at start-up ---------------------------
class Loader {
public:
  void submit(Job J) { Pending.push_back(std::move(J)); }
  void load() {
    while (!Pending.empty()) {
      Ids.push_back(Pending.front().Id);
      Pending.pop_front();
    }
  }

private:
  std::deque<Job> Pending;
  std::vector<int> Ids;
};

// --- Clean: rounds that count per pipeline ----------------------------------
class Counter {
public:
  void submit(Job J) { Pending.push_back(std::move(J)); }
  void runOnce() {
    while (!Pending.empty()) {
      ++Runs[Pending.front().Pipeline];
      Pending.pop_front();
    }
  }

private:
  std::deque<Job> Pending;
  std::map<std::string, int> Runs;
};

// --- Clean: a history trimmed past a size -----------------------------------
class Window {
public:
  void submit(Job J) { Pending.push_back(std::move(J)); }
  void runOnce() {
    while (!Pending.empty()) {
      Recent.push_back(Pending.front().Id);
      if (Recent.size() > 64)
        Recent.pop_front();
      Pending.pop_front();
    }
  }

private:
  std::deque<Job> Pending;
  std::deque<int> Recent;
};

std::string pipelineOf(int I);

int main() {
  Scheduler Ci;
  Loader Boot;
  Counter Totals;
  Window Last;
  for (int I = 0; I < 8; ++I)
    Boot.submit(Job{pipelineOf(I), I});
  Boot.load();
  for (int Round = 0; Round < 6; ++Round) {
    for (int I = 0; I < 50; ++I) {
      Job J{pipelineOf(I), Round * 50 + I};
      Ci.submit(J);
      Totals.submit(J);
      Last.submit(J);
    }
    Ci.runOnce();
    Totals.runOnce();
    Last.runOnce();
  }
  return 0;
}
