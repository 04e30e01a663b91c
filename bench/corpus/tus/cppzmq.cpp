// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: cppzmq-dev libzmq3-dev
//
// cppzmq 4.9: a ROUTER/DEALER load-balancing broker with a worker pool,
// a PUB/SUB market-data fan-out whose subscriber tracks topics and
// unsubscribes, a REQ client with retry (lazy pirate), multipart messages
// (zmq_addon.hpp), zmq::poll, and a heartbeat table of workers that
// expires dead workers.

#include <zmq.hpp>
#include <zmq_addon.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace broker {

using clock = std::chrono::steady_clock;

// Ready workers, with expiry. Workers are removed when they expire or are
// handed a request; the queue holds at most the number of live workers.
class WorkerQueue {
public:
  void ready(const std::string &id) {
    erase(id);
    queue_.push_back({id, clock::now() + ttl_});
  }

  bool empty() const { return queue_.empty(); }

  std::string next() {
    auto id = queue_.front().id;
    queue_.pop_front();
    return id;
  }

  void purge() {
    auto now = clock::now();
    while (!queue_.empty() && queue_.front().expiry < now)
      queue_.pop_front();
  }

private:
  struct Entry {
    std::string id;
    clock::time_point expiry;
  };

  void erase(const std::string &id) {
    for (auto it = queue_.begin(); it != queue_.end(); ++it)
      if (it->id == id) {
        queue_.erase(it);
        return;
      }
  }

  std::chrono::seconds ttl_{3};
  std::deque<Entry> queue_;
};

void run_broker(zmq::context_t &ctx, std::atomic<bool> &stop) {
  zmq::socket_t frontend(ctx, zmq::socket_type::router);
  zmq::socket_t backend(ctx, zmq::socket_type::router);
  frontend.bind("inproc://frontend");
  backend.bind("inproc://backend");

  WorkerQueue workers;
  while (!stop) {
    std::array<zmq::pollitem_t, 2> items = {
        {{backend.handle(), 0, ZMQ_POLLIN, 0},
         {frontend.handle(), 0, ZMQ_POLLIN, 0}}};
    zmq::poll(items.data(), workers.empty() ? 1 : 2,
              std::chrono::milliseconds(1000));

    if (items[0].revents & ZMQ_POLLIN) {
      zmq::multipart_t msg(backend);
      std::string worker_id = msg.popstr();
      msg.pop(); // empty delimiter
      workers.ready(worker_id);
      std::string first = msg.peekstr(0);
      if (first != "READY" && first != "HEARTBEAT")
        msg.send(frontend);
    }
    if (items[1].revents & ZMQ_POLLIN) {
      zmq::multipart_t msg(frontend);
      msg.pushstr("");
      msg.pushstr(workers.next());
      msg.send(backend);
    }
    workers.purge();
  }
}

void run_worker(zmq::context_t &ctx, int n, std::atomic<bool> &stop) {
  zmq::socket_t sock(ctx, zmq::socket_type::dealer);
  std::string id = "worker-" + std::to_string(n);
  sock.set(zmq::sockopt::routing_id, id);
  sock.set(zmq::sockopt::linger, 0);
  sock.connect("inproc://backend");

  std::array<zmq::const_buffer, 2> ready = {zmq::str_buffer(""),
                                            zmq::str_buffer("READY")};
  zmq::send_multipart(sock, ready);

  while (!stop) {
    zmq::pollitem_t item{sock.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, std::chrono::milliseconds(1000));
    if (!(item.revents & ZMQ_POLLIN)) {
      std::array<zmq::const_buffer, 2> hb = {zmq::str_buffer(""),
                                             zmq::str_buffer("HEARTBEAT")};
      zmq::send_multipart(sock, hb, zmq::send_flags::dontwait);
      continue;
    }
    std::vector<zmq::message_t> parts;
    auto got = zmq::recv_multipart(sock, std::back_inserter(parts));
    if (!got)
      continue;
    // [empty][client id][empty][request]
    const std::string reply = "echo:" + parts.back().to_string();
    parts.back().rebuild(reply.data(), reply.size());
    zmq::send_multipart(sock, parts);
  }
}

// Subscriber that keeps its topic set in sync with the socket filters.
class MarketData {
public:
  MarketData(zmq::context_t &ctx, const std::string &endpoint)
      : sock_(ctx, zmq::socket_type::sub) {
    sock_.set(zmq::sockopt::rcvtimeo, 100);
    sock_.connect(endpoint);
  }

  void subscribe(const std::string &topic) {
    if (topics_.insert(topic).second)
      sock_.set(zmq::sockopt::subscribe, topic);
  }

  void unsubscribe(const std::string &topic) {
    if (topics_.erase(topic))
      sock_.set(zmq::sockopt::unsubscribe, topic);
  }

  void poll_once() {
    zmq::multipart_t msg;
    if (!msg.recv(sock_))
      return;
    std::string topic = msg.popstr();
    last_[topic] = msg.popstr();
    for (auto it = last_.begin(); it != last_.end();)
      it = topics_.count(it->first) ? std::next(it) : last_.erase(it);
  }

  std::string last(const std::string &topic) const {
    auto it = last_.find(topic);
    return it == last_.end() ? std::string() : it->second;
  }

private:
  zmq::socket_t sock_;
  std::set<std::string> topics_;
  std::map<std::string, std::string> last_;
};

// Lazy-pirate client: on timeout, close and reopen the socket and retry.
class Client {
public:
  Client(zmq::context_t &ctx, std::string endpoint)
      : ctx_(ctx), endpoint_(std::move(endpoint)) {
    reconnect();
  }

  std::string request(const std::string &body, int retries = 3) {
    for (int attempt = 0; attempt < retries; ++attempt) {
      sock_->send(zmq::buffer(body), zmq::send_flags::none);
      zmq::pollitem_t item{sock_->handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&item, 1, std::chrono::milliseconds(2500));
      if (item.revents & ZMQ_POLLIN) {
        zmq::message_t reply;
        if (sock_->recv(reply, zmq::recv_flags::none))
          return reply.to_string();
      }
      reconnect();
    }
    return {};
  }

private:
  void reconnect() {
    sock_ = std::make_unique<zmq::socket_t>(ctx_, zmq::socket_type::req);
    sock_->set(zmq::sockopt::linger, 0);
    sock_->connect(endpoint_);
  }

  zmq::context_t &ctx_;
  std::string endpoint_;
  std::unique_ptr<zmq::socket_t> sock_;
};

} // namespace broker

int main() {
  zmq::context_t ctx(1);
  std::atomic<bool> stop{false};

  std::thread broker_thread(broker::run_broker, std::ref(ctx), std::ref(stop));
  std::vector<std::thread> workers;
  for (int i = 0; i < 3; ++i)
    workers.emplace_back(broker::run_worker, std::ref(ctx), i, std::ref(stop));

  broker::Client client(ctx, "inproc://frontend");
  std::cout << client.request("hello") << "\n";

  zmq::socket_t pub(ctx, zmq::socket_type::pub);
  pub.bind("inproc://md");
  broker::MarketData md(ctx, "inproc://md");
  md.subscribe("EURUSD");
  md.subscribe("GBPUSD");
  std::array<zmq::const_buffer, 2> tick = {zmq::str_buffer("EURUSD"),
                                           zmq::str_buffer("1.0842")};
  zmq::send_multipart(pub, tick);
  md.poll_once();
  md.unsubscribe("GBPUSD");
  std::cout << md.last("EURUSD") << "\n";

  stop = true;
  broker_thread.join();
  for (auto &w : workers)
    w.join();
  ctx.shutdown();
}
