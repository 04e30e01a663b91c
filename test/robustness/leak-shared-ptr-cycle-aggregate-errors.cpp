// Broken code around aggregates whose lists of values the cycle check reads
// (code/AggregateInits.h): a list with an unknown name in it, a list with
// a missing value, a local made by `new` of a class whose constructor does
// not parse, an aggregate with an unknown field type, and a local built from
// an undeclared call in a class that does not parse (its initialiser has no
// type: this crashed once). The check must not
// crash (a list with errors, or with no type, sets nothing), must not
// report a cycle built on a recovery expression, and must not edit a file
// that does not compile. A cycle clang recovers exactly is still real.
//
// RUN: not %clang_tidy -checks='-*,leak-shared-ptr-cycle' %s -- -std=c++20 > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not='[leak-' --implicit-check-not='Stack dump'
// RUN: cp %s %t.cpp
// RUN: not %clang_tidy -checks='-*,leak-shared-ptr-cycle' --fix %t.cpp -- -std=c++20 > /dev/null 2>&1
// RUN: diff %s %t.cpp
//
// CHECK-DAG: error: {{.*}}[clang-diagnostic-error]
// CHECK-DAG: :[[# @LINE + 8]]:28: warning: 'Pin::Up' completes a shared_ptr ownership cycle{{.*}}[leak-shared-ptr-cycle]

#include <memory>
#include <mutex>
#include <vector>

struct Board : std::enable_shared_from_this<Board> {
  struct Pin {
    std::shared_ptr<Board> Up;
    int Slot;
  };
  void pin(int Slot) { Pins.push_back(std::shared_ptr<Pin>(new Pin{shared_from_this(), Slot})) }
  void bad(int Slot) { Pins.push_back(std::shared_ptr<Pin>(new Pin{Unknown(), Slot})); }
  void half() { Pin P{shared_from_this(), }; Pin Q{, 1}; }
  std::vector<std::shared_ptr<Pin>> Pins;
};

struct Table : std::enable_shared_from_this<Table> {
  using Ptr = std::shared_ptr<Table>;
  static Ptr make(int P) {
    Ptr Fresh(new Table(P));
    return Fresh;
  }
  explicit Table(int P) : P(P) }
  int P;
};

class Guarded : public std::enable_shared_from_this<Guarded> {
  using Ptr = std::shared_ptr<Guarded>;
  static Ptr make(int P) {
    std::lock_guard<std::mutex> Lock(mutex());
  }
  explicit Guarded(int P) : P(P) }
};

struct Odd {
  struct Cell { Missing M; std::shared_ptr<Odd> Back; };
  void f() { Cell C{{}, nullptr}; Cells.push_back(C); }
  std::vector<Cell> Cells;
};
