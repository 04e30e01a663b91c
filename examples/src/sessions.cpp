#include <memory>
#include <set>
#include <string>
#include <vector>

namespace shop {

// Bug: every Session registers itself and never leaves; after it is gone the
// registry holds a dangling pointer that broadcast() will dereference.
class Session {
public:
  explicit Session(std::string User) : User(std::move(User)) { Live.insert(this); }
  ~Session() { flush(); }
  static void broadcast(const std::string &Msg) {
    for (Session *S : Live)
      S->Outbox.push_back(Msg);
  }

private:
  void flush() { Outbox.clear(); }
  std::string User;
  std::vector<std::string> Outbox;
  static std::set<Session *> Live;
};
std::set<Session *> Session::Live;

// Fine: an observer that unregisters itself when it dies.
class PriceWatcher {
public:
  PriceWatcher() { Watchers.insert(this); }
  ~PriceWatcher() { Watchers.erase(this); }

private:
  static std::set<PriceWatcher *> Watchers;
};
std::set<PriceWatcher *> PriceWatcher::Watchers;

// Bug: shared_from_this() in a static list keeps every Connection alive
// until the program exits.
class Connection : public std::enable_shared_from_this<Connection> {
public:
  void open() { Open.push_back(shared_from_this()); }

private:
  static std::vector<std::shared_ptr<Connection>> Open;
};
std::vector<std::shared_ptr<Connection>> Connection::Open;

} // namespace shop
