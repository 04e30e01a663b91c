// Broken code around what leak-callback-cycle reads: undeclared names in
// captures and callbacks, shared_from_this() without its base, incomplete
// and unknown member types, a broken store in an owned object's method, a
// bind of the wrong arity, a truncated class, and (in a translation unit of
// its own, since nothing after a fatal error is parsed) a missing header.
// The check must not crash, must not report a callback built on a recovery
// expression, and must not edit a file that does not compile. The errors
// are checked in any order (ERRORS-DAG); the warnings in order (WARN), so
// that no other warning can hide between two of them. A cycle whose
// capture and store clang resolves exactly is still real: the valid Session,
// and Retry and Timer, where only an unrelated name is missing.
//
// RUN: rm -rf %t && split-file --leading-lines %s %t
// RUN: not %clang_tidy -checks='-*,leak-callback-cycle' %t/errors.cpp -- -std=c++17 -ferror-limit=0 > %t/errors.out 2>&1
// RUN: FileCheck %s --check-prefix=ERRORS --input-file=%t/errors.out --implicit-check-not='Stack dump'
// RUN: FileCheck %s --check-prefix=WARN --input-file=%t/errors.out --implicit-check-not='[leak-' --implicit-check-not='Stack dump'
// RUN: cp %t/errors.cpp %t/errors.fix.cpp
// RUN: not %clang_tidy -checks='-*,leak-callback-cycle' --fix %t/errors.fix.cpp -- -std=c++17 -ferror-limit=0 > /dev/null 2>&1
// RUN: diff %t/errors.cpp %t/errors.fix.cpp
// RUN: not %clang_tidy -checks='-*,leak-callback-cycle' %t/missing-header.cpp -- -std=c++17 > %t/missing-header.out 2>&1
// RUN: FileCheck %s --check-prefix=HEADER --input-file=%t/missing-header.out --implicit-check-not='[leak-' --implicit-check-not='Stack dump'
// RUN: cp %t/missing-header.cpp %t/missing-header.fix.cpp
// RUN: not %clang_tidy -checks='-*,leak-callback-cycle' --fix %t/missing-header.fix.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: diff %t/missing-header.cpp %t/missing-header.fix.cpp

//--- errors.cpp
#include <functional>
#include <memory>
#include <utility>
#include <vector>

// Valid: the check still runs.
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() {
    onTimeout_ = [self = shared_from_this()] { self->close(); };
    // WARN: :[[# @LINE - 1]]:5: warning: 'Session::onTimeout_' stores a callback holding 'self', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  }
  void close() {}

private:
  std::function<void()> onTimeout_;
};

// An undeclared name in another init-capture: 'self' is still captured and
// stored exactly.
class Retry : public std::enable_shared_from_this<Retry> {
public:
  void arm() {
    onRetry_ = [self = shared_from_this(), n = MaxAttempts] { self->again(n); };
    // ERRORS-DAG: :[[# @LINE - 1]]:48: error: use of undeclared identifier 'MaxAttempts' [clang-diagnostic-error]
    // WARN: :[[# @LINE - 2]]:5: warning: 'Retry::onRetry_' stores a callback holding 'self', a shared_ptr to the 'Retry' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  }
  void again(int) {}

private:
  std::function<void()> onRetry_;
};

// An undeclared name in the stored callback's body.
class Timer : public std::enable_shared_from_this<Timer> {
public:
  void arm() {
    onFire_ = [self = shared_from_this()] { self->fire(elapsedMs); };
    // ERRORS-DAG: :[[# @LINE - 1]]:56: error: use of undeclared identifier 'elapsedMs' [clang-diagnostic-error]
    // WARN: :[[# @LINE - 2]]:5: warning: 'Timer::onFire_' stores a callback holding 'self', a shared_ptr to the 'Timer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  }
  void fire(int) {}

private:
  std::function<void()> onFire_;
};

// A capture of a variable that was never declared.
class Connection : public std::enable_shared_from_this<Connection> {
public:
  void listen() {
    handlers_.push_back([self](int c) { self->onEvent(c); });
    // ERRORS-DAG: :[[# @LINE - 1]]:26: error: use of undeclared identifier 'self' [clang-diagnostic-error]
  }
  void onEvent(int) {}

private:
  std::vector<std::function<void(int)>> handlers_;
};

// shared_from_this() without std::enable_shared_from_this.
class Plain {
public:
  void arm() {
    cb_ = [self = shared_from_this()] { self->run(); };
    // ERRORS-DAG: :[[# @LINE - 1]]:19: error: use of undeclared identifier 'shared_from_this' [clang-diagnostic-error]
  }
  void run() {}

private:
  std::function<void()> cb_;
};

// A method called through a member that points to an incomplete class.
class Button;
class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  void show() {
    ok_->onClick([self = shared_from_this()] { self->accept(); });
    // ERRORS-DAG: :[[# @LINE - 1]]:8: error: member access into incomplete type 'Button' [clang-diagnostic-error]
  }
  void accept() {}

private:
  std::unique_ptr<Button> ok_;
};

// A member of an incomplete class type.
class Toolbar : public std::enable_shared_from_this<Toolbar> {
public:
  void show() {
    save_.onClick([self = shared_from_this()] { self->save(); });
  }
  void save() {}

private:
  Button save_;
  // ERRORS-DAG: :[[# @LINE - 1]]:10: error: field has incomplete type 'Button' [clang-diagnostic-error]
};

// A lambda assigned to a member of an unknown type.
class Watcher : public std::enable_shared_from_this<Watcher> {
public:
  void watch() {
    onChange_ = [self = shared_from_this()] { self->reload(); };
  }
  void reload() {}

private:
  Callback onChange_;
  // ERRORS-DAG: :[[# @LINE - 1]]:3: error: unknown type name 'Callback' [clang-diagnostic-error]
};

// An owned object's method whose store does not compile.
class Menu {
public:
  void onSelect(std::function<void()> f) { items_.push_back(std::move(f), 0); }
  // ERRORS-DAG: :[[# @LINE - 1]]:51: error: no matching member function for call to 'push_back' [clang-diagnostic-error]

private:
  std::vector<std::function<void()>> items_;
};

class MenuBar : public std::enable_shared_from_this<MenuBar> {
public:
  void build() {
    file_->onSelect([self = shared_from_this()] { self->open(); });
  }
  void open() {}

private:
  std::unique_ptr<Menu> file_ = std::make_unique<Menu>();
};

// std::bind with more arguments than the method takes.
class Poller : public std::enable_shared_from_this<Poller> {
public:
  void start() {
    tick_ = std::bind(&Poller::poll, shared_from_this(), 1, 2);
    // ERRORS-DAG: :[[# @LINE - 1]]:13: error: no matching function for call to 'bind' [clang-diagnostic-error]
  }
  void poll() {}

private:
  std::function<void()> tick_;
};

// Truncated in the middle of a class.
// ERRORS-DAG: :[[# @LINE + 4]]:51: error: expected '}' [clang-diagnostic-error]
class Stream : public std::enable_shared_from_this<Stream> {
public:
  void open() {
    onData_ = [self = shared_from_this()] { self->
//--- missing-header.cpp
#include <functional>
#include <memory>
#include "event_loop.h"
// HEADER: :[[# @LINE - 1]]:10: error: 'event_loop.h' file not found [clang-diagnostic-error]

class Poller : public std::enable_shared_from_this<Poller> {
public:
  void start() {
    timer_.onFire([self = shared_from_this()] { self->poll(); });
    onIdle_ = [self = shared_from_this()] { self->poll(); };
  }
  void poll() {}

private:
  Timer timer_;
  std::function<void()> onIdle_;
};
