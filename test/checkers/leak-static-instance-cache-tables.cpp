// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
//
// Callables that capture `this` inside the value of a function-local static:
// a table of tokens whose std::function fields are [this] lambdas keeps the
// first object's `this`; every later object's calls go to that one.

#include <any>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Token {
  std::string Open;
  bool Inline;
  std::function<void(const std::string &)> Action;
};

// --- Positive: lambdas in the brace initialiser of a static vector ---------

class MarkdownParser {
public:
  const std::vector<Token> &tokens() {
    static const std::vector<Token> Tokens = {
        // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: function-local static 'Tokens' holds a callable that captures 'this' of the first 'MarkdownParser' that initialises it; calls through any other 'MarkdownParser' use that one, which dangles once it is destroyed [leak-static-instance-cache]
        {"**", true, [this](const std::string &S) { bold(S); }},
        // CHECK-MESSAGES: :[[@LINE-1]]:23: note: 'this' is captured here
        {"__", true, [this](const std::string &S) { italic(S); }},
    };
    // CHECK-MESSAGES: :[[@LINE-6]]:37: note: make it a per-instance member of 'MarkdownParser' or build it on each call (no automatic fix: the callable is inside its value)
    return Tokens;
  }

private:
  void bold(const std::string &);
  void italic(const std::string &);
};

// --- Positive: a map of handlers, a pair, a bind inside a table -------------

class Dispatcher {
public:
  void run(const std::string &Name) {
    static std::map<std::string, std::function<void()>> Handlers{
        // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: function-local static 'Handlers' holds a callable that captures 'this' of the first 'Dispatcher'
        {"start", std::bind(&Dispatcher::start, this)},
        // CHECK-MESSAGES: :[[@LINE-1]]:49: note: 'this' is captured here
    };
    // CHECK-MESSAGES: :[[@LINE-5]]:57: note: make it a per-instance member of 'Dispatcher' or build it on each call (no automatic fix: the callable is inside its value)
    Handlers[Name]();
  }
  void start();
};

// A user aggregate with a constructor taking the callable by std::function.
class Command {
public:
  Command(std::string Name, std::function<void()> Run)
      : Name(std::move(Name)), Run(std::move(Run)) {}
  std::string Name;
  std::function<void()> Run;
};

class Shell : public std::enable_shared_from_this<Shell> {
public:
  void help() {
    static const Command Commands[] = {
        // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: function-local static 'Commands' holds a callable that captures shared_from_this() of the first 'Shell' that initialises it; calls through any other 'Shell' use that one, which stays alive until the program exits
        Command("quit", [Self = shared_from_this()] { Self->quit(); }),
        // CHECK-MESSAGES: :[[@LINE-1]]:26: note: shared_from_this() is captured here
    };
    // CHECK-MESSAGES: :[[@LINE-5]]:26: note: make it a per-instance member of 'Shell' or build it on each call (no automatic fix: the callable is inside its value)
    (void)Commands;
  }
  void quit();
};

// --- Negative: called on the spot, handed to a function, no `this` ----------

int compute(const std::function<int()> &F) { return F(); }

class Quiet {
public:
  int once() {
    // The lambda runs once to compute the value; nothing keeps it.
    static const int Value = [this] { return Base * 2; }();
    // Handed to a function that only calls it.
    static const int Other = compute([this] { return Base + 1; });
    // Captures nothing of the object.
    static const std::vector<Token> Plain = {
        {"*", true, [](const std::string &) {}},
    };
    // A static std::any holding an int.
    static std::any Box = std::make_any<int>(3);
    (void)Plain;
    (void)Box;
    return Value + Other;
  }
  int Base = 1;
};

// A user class whose constructor takes the callable as a template parameter
// (it may only call it): not evidence of storage.
struct RunsOnce {
  template <class F> explicit RunsOnce(F Fn) { Fn(); }
};

class Init {
public:
  void setUp() {
    static RunsOnce Token([this] { ready(); });
  }
  void ready();
};

// Per-instance tables are the fix: quiet.
class FixedParser {
public:
  void initTokens() {
    Tokens = {{"**", true, [this](const std::string &S) { bold(S); }}};
  }

private:
  void bold(const std::string &);
  std::vector<Token> Tokens;
};
