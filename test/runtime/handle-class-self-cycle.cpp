// A value "handle class" that stores copies of itself in its own content: a
// shared_ptr cycle with no shared_ptr spelled in the cycle's members. Reduced
// from tensor-compiler/taco 0adde48 (src/lower/tensor_path.cpp): a TensorPath
// is a handle whose only state is a shared_ptr to its Content, and its
// constructor pushed a TensorPathStep(*this, i) for every variable into
// content->steps. Each step holds a copy of the handle, so the Content owns
// itself: Path::content -> Content::steps -> Step::path -> Path::content.
// Every Path built this way is never destroyed. The real fix drops `steps`
// and builds the step on demand in getStep(), returning it by value; -DFIXED
// does the same here.
//
// leak-shared-ptr-cycle reports 'Content::steps' (the edge to make weak is in
// its element type, so there is no fix-it). Observed two ways: a counter of
// live Contents (deterministic), and LeakSanitizer on the unreachable cycles
// (repeated in a loop so no stale stack slot keeps one reachable).
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.buggy
// RUN: not env ASAN_OPTIONS=detect_leaks=1 %t.buggy > %t.buggy.out 2> %t.buggy.err
// RUN: FileCheck --check-prefix=BUGGY %s < %t.buggy.out
// RUN: FileCheck --check-prefix=LEAK %s < %t.buggy.err
// RUN: %clangxx -std=c++17 %asan_lsan -DFIXED %s -o %t.fixed
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.fixed 2>&1 | FileCheck --check-prefix=FIXED --implicit-check-not=LeakSanitizer %s
// RUN: %clang_tidy -checks='-*,leak-shared-ptr-cycle' %s -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY --implicit-check-not=warning: %s
// RUN: %clang_tidy -checks='-*,leak-shared-ptr-cycle' %s -- -std=c++17 -DFIXED 2>&1 | FileCheck --allow-empty --check-prefix=TIDY-FIXED %s
//
// BUGGY: steps built: 300{{$}}
// BUGGY-NEXT: live contents after 100 paths: 100{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// FIXED: steps built: 300{{$}}
// FIXED-NEXT: live contents after 100 paths: 0{{$}}
// TIDY-FIXED-NOT: {{warning|error}}:

#include <cstddef>
#include <cstdio>
#include <memory>
#include <utility>
#include <vector>

static int LiveContents = 0;
static int StepsBuilt = 0;

class Step;

// taco's TensorPath: a handle whose only state is one shared_ptr.
class Path {
public:
  Path(std::vector<int> Vars);
  std::size_t size() const;
#ifdef FIXED
  Step getStep(int I) const;
#else
  const Step &getStep(int I) const;
#endif

private:
  struct Content;
  std::shared_ptr<Content> content;
};

// taco's TensorPathStep: a position in a path, holding the path by value.
class Step {
public:
  Step(const Path &path, int i) : path(path), i(i) { ++StepsBuilt; }
  int index() const { return i; }

private:
  Path path;
  // TIDY-DAG: handle-class-self-cycle.cpp:[[@LINE-1]]:8: note: 'Step::path' shares the 'Content' through 'Path', a handle whose copies share its 'content'
  int i;
};

struct Path::Content {
  Content(std::vector<int> Vars) : vars(std::move(Vars)) { ++LiveContents; }
  ~Content() { --LiveContents; }
  std::vector<int> vars;
#ifndef FIXED
  std::vector<Step> steps;
  // TIDY-DAG: handle-class-self-cycle.cpp:[[@LINE-1]]:21: warning: 'Content::steps' makes a 'Content' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
  // TIDY-DAG: handle-class-self-cycle.cpp:[[@LINE-2]]:21: note: make it a std::weak_ptr (no automatic fix: it is a collection of owners; the edge to make weak is in its element type)
#endif
};

#ifndef FIXED
Path::Path(std::vector<int> Vars) : content(new Content(std::move(Vars))) {
  // LEAK-DAG: in Path::Path(std::vector<int, std::allocator<int>>) {{.*}}handle-class-self-cycle.cpp:[[@LINE-1]]:45
  for (std::size_t I = 0; I < content->vars.size(); ++I)
    content->steps.push_back(Step(*this, (int)I));
  // TIDY-DAG: handle-class-self-cycle.cpp:[[@LINE-1]]:30: note: 'steps' is set to 'Step(*this, (int)I)' here
  // LEAK-DAG: in Path::Path(std::vector<int, std::allocator<int>>) {{.*}}handle-class-self-cycle.cpp:[[@LINE-2]]:20
}

const Step &Path::getStep(int I) const { return content->steps[I]; }
#else
Path::Path(std::vector<int> Vars) : content(new Content(std::move(Vars))) {}

// The taco fix: build the step on demand and return it by value.
Step Path::getStep(int I) const { return Step(*this, I); }
#endif

std::size_t Path::size() const { return content->vars.size(); }

// Build a path, walk its steps, and drop it.
__attribute__((noinline)) static int round(int Seed) {
  Path P({Seed, Seed + 1, Seed + 2});
  int Sum = 0;
  for (std::size_t I = 0; I < P.size(); ++I)
    Sum += P.getStep((int)I).index();
  return Sum;
}

int main() {
  const int N = 100;
  int Sum = 0;
  for (int I = 0; I < N; ++I)
    Sum += round(I);
  (void)Sum;
  std::printf("steps built: %d\n", StepsBuilt);
  std::printf("live contents after %d paths: %d\n", N, LiveContents);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
