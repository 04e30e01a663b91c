// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libcaf-dev
//
// C++ Actor Framework 0.17: a key/value store actor with stateful_actor
// state, a typed counter actor, a pub/sub "room" actor that monitors its
// subscribers and drops them on down messages, request/then continuations
// capturing the requesting actor's self pointer, delayed self-sends as a
// periodic timer, an actor pool, the actor registry, and a broker-less
// CAF_MAIN with the io module loaded.

#include <caf/all.hpp>
#include <caf/io/all.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

using namespace caf;

namespace kv {

using get_atom = atom_constant<atom("get")>;
using put_atom = atom_constant<atom("put")>;
using del_atom = atom_constant<atom("del")>;
using join_atom = atom_constant<atom("join")>;
using leave_atom = atom_constant<atom("leave")>;
using publish_atom = atom_constant<atom("publish")>;
using tick_atom = atom_constant<atom("tick")>;
using inc_atom = atom_constant<atom("inc")>;

struct store_state {
  std::unordered_map<std::string, std::string> data;
  std::size_t max_keys = 100000;
  static inline const char *name = "kv-store";
};

behavior store(stateful_actor<store_state> *self) {
  return {
      [=](put_atom, const std::string &key, const std::string &value) -> bool {
        auto &d = self->state.data;
        if (d.size() >= self->state.max_keys && d.count(key) == 0)
          return false;
        d[key] = value;
        return true;
      },
      [=](get_atom, const std::string &key) -> result<std::string> {
        auto &d = self->state.data;
        auto it = d.find(key);
        if (it == d.end())
          return make_error(sec::invalid_argument, key);
        return it->second;
      },
      [=](del_atom, const std::string &key) { self->state.data.erase(key); },
  };
}

using counter_actor =
    typed_actor<replies_to<inc_atom, int>::with<int>, replies_to<get_atom>::with<int>>;

struct counter_state {
  int value = 0;
};

counter_actor::behavior_type counter(counter_actor::stateful_pointer<counter_state> self) {
  return {
      [=](inc_atom, int n) {
        self->state.value += n;
        return self->state.value;
      },
      [=](get_atom) { return self->state.value; },
  };
}

// A room: subscribers are monitored and removed when they terminate or
// leave, so the set tracks only live actors.
struct room_state {
  std::set<actor> members;
  std::vector<std::string> backlog;
};

behavior room(stateful_actor<room_state> *self) {
  self->set_down_handler([=](const down_msg &dm) {
    for (auto it = self->state.members.begin(); it != self->state.members.end();)
      if (it->address() == dm.source)
        it = self->state.members.erase(it);
      else
        ++it;
  });
  return {
      [=](join_atom, const actor &who) {
        self->monitor(who);
        self->state.members.insert(who);
        for (const auto &line : self->state.backlog)
          self->send(who, publish_atom::value, line);
      },
      [=](leave_atom, const actor &who) {
        self->demonitor(who);
        self->state.members.erase(who);
      },
      [=](publish_atom, const std::string &line) {
        auto &b = self->state.backlog;
        b.push_back(line);
        if (b.size() > 50)
          b.erase(b.begin());
        for (const auto &m : self->state.members)
          self->send(m, publish_atom::value, line);
      },
  };
}

struct listener_state {
  int received = 0;
};

behavior listener(stateful_actor<listener_state> *self, actor chat) {
  self->send(chat, join_atom::value, actor{self});
  return {
      [=](publish_atom, const std::string &line) {
        if (++self->state.received >= 3) {
          self->send(chat, leave_atom::value, actor{self});
          self->quit();
        }
        aout(self) << "listener got: " << line << std::endl;
      },
  };
}

// Periodic flush through delayed self-sends; stops on exit.
struct flusher_state {
  int flushes = 0;
};

behavior flusher(stateful_actor<flusher_state> *self, actor store_actor) {
  self->delayed_send(self, std::chrono::seconds(1), tick_atom::value);
  return {
      [=](tick_atom) {
        ++self->state.flushes;
        self->request(store_actor, std::chrono::seconds(2), get_atom::value,
                      std::string("last-flush"))
            .then([=](const std::string &v) { aout(self) << "last flush " << v << std::endl; },
                  [=](const error &) {});
        self->send(store_actor, put_atom::value, std::string("last-flush"),
                   std::to_string(self->state.flushes));
        if (self->state.flushes < 5)
          self->delayed_send(self, std::chrono::seconds(1), tick_atom::value);
        else
          self->quit();
      },
  };
}

behavior worker(event_based_actor *) {
  return {
      [](int x) { return x * x; },
  };
}

} // namespace kv

class config : public actor_system_config {
public:
  uint16_t port = 0;
  config() {
    opt_group{custom_options_, "global"}.add(port, "port,p", "set port");
  }
};

void caf_main(actor_system &sys, const config &cfg) {
  using namespace kv;
  scoped_actor self{sys};

  auto s = sys.spawn(store);
  sys.registry().put(atom("store"), s);
  self->request(s, std::chrono::seconds(1), put_atom::value, std::string("k"),
                std::string("v"))
      .receive([](bool ok) { std::cout << "put " << ok << "\n"; },
               [](const error &) {});

  auto c = sys.spawn(counter);
  self->request(c, infinite, inc_atom::value, 5)
      .receive([](int v) { std::cout << "counter " << v << "\n"; },
               [](const error &) {});

  auto chat = sys.spawn(room);
  auto l1 = sys.spawn(listener, chat);
  auto l2 = sys.spawn(listener, chat);
  for (int i = 0; i < 3; ++i)
    anon_send(chat, publish_atom::value, "message " + std::to_string(i));

  auto f = sys.spawn(flusher, s);

  auto pool = actor_pool::make(sys.dummy_execution_unit(), 4,
                               [&] { return sys.spawn(worker); },
                               actor_pool::round_robin());
  for (int i = 0; i < 8; ++i)
    self->request(pool, std::chrono::seconds(1), i)
        .receive([](int r) { std::cout << r << " "; }, [](const error &) {});
  std::cout << "\n";

  if (cfg.port != 0) {
    auto published = io::publish(s, cfg.port);
    if (!published)
      std::cerr << "publish failed: " << sys.render(published.error()) << "\n";
  }

  self->wait_for(l1, l2, f);
  sys.registry().erase(atom("store"));
  anon_send_exit(pool, exit_reason::user_shutdown);
  anon_send_exit(chat, exit_reason::user_shutdown);
  anon_send_exit(s, exit_reason::user_shutdown);
  anon_send_exit(c, exit_reason::user_shutdown);
}

CAF_MAIN(io::middleman)
