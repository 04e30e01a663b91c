// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// A call through a base class runs whichever override the object has: the
// server of main() hands each request down a chain of middleware through
// `Middleware::handle`, and one override grows a store the server owns.
// Twins: the virtual call runs once in main() outside its loop; the store
// drops the session when the request ends; a call qualified with the base
// class runs the base's method only; a registry filled by an override that
// only set-up calls.

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct Request {
  std::string Path;
  std::string Cookie;
};

// --- Positive: an override reached only through the base class -----------
namespace chain {
class SessionStore {
public:
  void create(const std::string &Id) { Sessions[Id] = Id.size(); }

private:
  std::unordered_map<std::string, std::size_t> Sessions;
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: member 'SessionStore::Sessions' of an object owned by 'Server' in 'main' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:40: note: it grows here
  // CHECK-MESSAGES: :[[@LINE+34]]:16: note: 'chain::SessionStore' is held by value in 'chain::HttpServer::Store', so it lives as long as its 'chain::HttpServer'
  // CHECK-MESSAGES: :[[@LINE+70]]:21: note: 'Server' is declared in 'main' outside its loops, so it lives as long as the program
  // CHECK-MESSAGES: :[[@LINE-5]]:48: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
};

class Middleware {
public:
  virtual ~Middleware() = default;
  virtual void handle(const Request &R) = 0;
};

class SessionMiddleware : public Middleware {
public:
  explicit SessionMiddleware(SessionStore &S) : Store(S) {}
  void handle(const Request &R) override {
    if (R.Cookie.empty())
      Store.create("s" + std::to_string(++Issued));
  }

private:
  SessionStore &Store;
  unsigned long Issued = 0;
};

class HttpServer {
public:
  void use(std::unique_ptr<Middleware> M) { Chain.push_back(std::move(M)); }
  SessionStore &sessions() { return Store; }
  void serve(const Request &R) {
    for (auto &M : Chain)
      M->handle(R);
  }

private:
  SessionStore Store;
  std::vector<std::unique_ptr<Middleware>> Chain;
};
} // namespace chain

// --- Clean: a call qualified with the base class runs the base's method --
namespace qualified {
class Journal {
public:
  void note(const std::string &Line) { Lines.push_back(Line); }
  std::vector<std::string> Lines;
};

class Handler {
public:
  virtual ~Handler() = default;
  virtual void handle(const Request &) {}
};

class Auditing : public Handler {
public:
  explicit Auditing(Journal &J) : J(J) {}
  void handle(const Request &R) override { J.note(R.Path); }
  void handleQuietly(const Request &R) { Handler::handle(R); }

private:
  Journal &J;
};

struct App {
  Journal Log;
  Auditing Audit{Log};
};

} // namespace qualified

int main() {
  chain::HttpServer Server;
  Server.use(std::make_unique<chain::SessionMiddleware>(Server.sessions()));
  qualified::App A;
  for (std::string Line; std::getline(std::cin, Line);) {
    Server.serve(Request{"/", ""});
    A.Audit.handleQuietly(Request{Line, ""});
  }
  return 0;
}

// --- Clean: the virtual call runs once, outside main()'s loop ------------
namespace once {
class Catalog {
public:
  void add(const std::string &Name) { Names[Name] = Names.size(); }

private:
  std::map<std::string, std::size_t> Names;
};

class Module {
public:
  virtual ~Module() = default;
  virtual void registerWith(Catalog &C) = 0;
};

class Codecs : public Module {
public:
  void registerWith(Catalog &C) override {
    for (const std::string &N : installedCodecs())
      C.add(N);
  }

private:
  static std::vector<std::string> installedCodecs();
};

Catalog &catalog() {
  static Catalog C;
  return C;
}

// Only the static initializer below makes a Module and asks it to
// register: set-up, not growth per request.
bool registerAll() {
  std::unique_ptr<Module> M = std::make_unique<Codecs>();
  M->registerWith(catalog());
  return true;
}
static const bool Registered = registerAll();
} // namespace once

// --- Clean: the store drops the session when the request ends ------------
namespace dropped {
class SessionStore {
public:
  void create(const std::string &Id) { Sessions[Id] = Id.size(); }
  void end(const std::string &Id) { Sessions.erase(Id); }

private:
  std::unordered_map<std::string, std::size_t> Sessions;
};

class Middleware {
public:
  virtual ~Middleware() = default;
  virtual void handle(const Request &R) = 0;
};

class SessionMiddleware : public Middleware {
public:
  explicit SessionMiddleware(SessionStore &S) : Store(S) {}
  void handle(const Request &R) override {
    Store.create(R.Cookie);
    Store.end(R.Cookie);
  }

private:
  SessionStore &Store;
};

struct Server {
  Server() { Chain.push_back(std::make_unique<SessionMiddleware>(Store)); }
  SessionStore Store;
  std::vector<std::unique_ptr<Middleware>> Chain;
  void serve(const Request &R) {
    for (auto &M : Chain)
      M->handle(R);
  }
};

int serveAll(int N) {
  static Server S;
  while (N-- > 0)
    S.serve(Request{"/", std::to_string(N)});
  return 0;
}
} // namespace dropped

