// CORPUS-FLAGS: -DASIO_STANDALONE -pthread
// CORPUS-PACKAGES: libasio-dev
//
// Standalone Asio: a line-based TCP echo/chat server with sessions that keep
// themselves alive through shared_from_this() captured in completion
// handlers, a room that tracks participants and removes them on leave, a
// heartbeat timer, strands, a signal set for graceful shutdown, a resolver
// based client and a thread pool for blocking work.

#include <asio.hpp>
#include <asio/buffer.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ip/udp.hpp>
#include <asio/read_until.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>
#include <asio/strand.hpp>
#include <asio/streambuf.hpp>
#include <asio/thread_pool.hpp>
#include <asio/post.hpp>
#include <asio/dispatch.hpp>
#include <asio/write.hpp>
#include <asio/connect.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/bind_executor.hpp>
#include <asio/use_future.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace chat {

using asio::ip::tcp;
using namespace std::chrono_literals;

class participant {
public:
  virtual ~participant() = default;
  virtual void deliver(const std::string &msg) = 0;
  virtual std::string name() const = 0;
};

using participant_ptr = std::shared_ptr<participant>;

// The room holds the participants that are currently connected; sessions
// leave() on error or close, so the set never outlives the connections.
class room {
public:
  void join(participant_ptr p) {
    participants_.insert(p);
    for (const auto &msg : recent_)
      p->deliver(msg);
  }

  void leave(const participant_ptr &p) { participants_.erase(p); }

  void deliver(const std::string &msg) {
    recent_.push_back(msg);
    while (recent_.size() > max_recent)
      recent_.pop_front();
    for (const auto &p : participants_)
      p->deliver(msg);
  }

  std::size_t size() const { return participants_.size(); }

private:
  static constexpr std::size_t max_recent = 100;
  std::set<participant_ptr> participants_;
  std::deque<std::string> recent_;
};

class session : public participant,
                public std::enable_shared_from_this<session> {
public:
  session(tcp::socket socket, room &r)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), room_(r) {
    asio::error_code ec;
    auto ep = socket_.remote_endpoint(ec);
    name_ = ec ? std::string("unknown") : ep.address().to_string() + ":" +
                                              std::to_string(ep.port());
  }

  void start() {
    room_.join(shared_from_this());
    do_read();
    arm_idle_timer();
  }

  void deliver(const std::string &msg) override {
    bool writing = !write_queue_.empty();
    write_queue_.push_back(msg + "\n");
    if (!writing)
      do_write();
  }

  std::string name() const override { return name_; }

private:
  void do_read() {
    auto self = shared_from_this();
    asio::async_read_until(
        socket_, read_buf_, '\n',
        [this, self](const asio::error_code &ec, std::size_t n) {
          if (ec) {
            stop();
            return;
          }
          std::string line(asio::buffers_begin(read_buf_.data()),
                           asio::buffers_begin(read_buf_.data()) + n - 1);
          read_buf_.consume(n);
          last_activity_ = std::chrono::steady_clock::now();
          room_.deliver(name_ + ": " + line);
          do_read();
        });
  }

  void do_write() {
    auto self(shared_from_this());
    asio::async_write(socket_, asio::buffer(write_queue_.front()),
                      [this, self](const asio::error_code &ec, std::size_t) {
                        if (ec) {
                          stop();
                          return;
                        }
                        write_queue_.pop_front();
                        if (!write_queue_.empty())
                          do_write();
                      });
  }

  void arm_idle_timer() {
    timer_.expires_after(30s);
    timer_.async_wait([self = shared_from_this()](const asio::error_code &ec) {
      if (ec == asio::error::operation_aborted)
        return;
      auto idle = std::chrono::steady_clock::now() - self->last_activity_;
      if (idle > 60s)
        self->stop();
      else
        self->arm_idle_timer();
    });
  }

  void stop() {
    if (stopped_)
      return;
    stopped_ = true;
    room_.leave(shared_from_this());
    asio::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  room &room_;
  asio::streambuf read_buf_;
  std::deque<std::string> write_queue_;
  std::string name_;
  bool stopped_ = false;
  std::chrono::steady_clock::time_point last_activity_ =
      std::chrono::steady_clock::now();
};

class server {
public:
  server(asio::io_context &io, const tcp::endpoint &ep)
      : io_(io), acceptor_(io, ep) {
    do_accept();
  }

  void close() {
    asio::error_code ec;
    acceptor_.close(ec);
  }

private:
  void do_accept() {
    acceptor_.async_accept(
        asio::make_strand(io_),
        [this](const asio::error_code &ec, tcp::socket socket) {
          if (!acceptor_.is_open())
            return;
          if (!ec)
            std::make_shared<session>(std::move(socket), room_)->start();
          do_accept();
        });
  }

  asio::io_context &io_;
  tcp::acceptor acceptor_;
  room room_;
};

// A client that connects, sends one request and reads one line back.
class client : public std::enable_shared_from_this<client> {
public:
  client(asio::io_context &io, std::function<void(std::string)> on_reply)
      : resolver_(io), socket_(io), on_reply_(std::move(on_reply)) {}

  void run(const std::string &host, const std::string &port,
           std::string request) {
    request_ = std::move(request) + "\n";
    resolver_.async_resolve(
        host, port,
        [self = shared_from_this()](const asio::error_code &ec,
                                    tcp::resolver::results_type results) {
          if (ec)
            return self->fail(ec);
          asio::async_connect(
              self->socket_, results,
              [self](const asio::error_code &ec, const tcp::endpoint &) {
                if (ec)
                  return self->fail(ec);
                self->send();
              });
        });
  }

private:
  void send() {
    asio::async_write(socket_, asio::buffer(request_),
                      [self = shared_from_this()](const asio::error_code &ec,
                                                  std::size_t) {
                        if (ec)
                          return self->fail(ec);
                        self->receive();
                      });
  }

  void receive() {
    asio::async_read_until(
        socket_, buf_, '\n',
        [self = shared_from_this()](const asio::error_code &ec, std::size_t) {
          if (ec)
            return self->fail(ec);
          std::istream is(&self->buf_);
          std::string line;
          std::getline(is, line);
          self->on_reply_(line);
        });
  }

  void fail(const asio::error_code &ec) {
    std::cerr << "client: " << ec.message() << "\n";
  }

  tcp::resolver resolver_;
  tcp::socket socket_;
  asio::streambuf buf_;
  std::string request_;
  std::function<void(std::string)> on_reply_;
};

// UDP heartbeat broadcaster driven by a periodic timer.
class heartbeat {
public:
  heartbeat(asio::io_context &io, asio::ip::udp::endpoint target)
      : socket_(io, asio::ip::udp::v4()), timer_(io),
        target_(std::move(target)) {}

  void start() { tick(); }
  void stop() { timer_.cancel(); }

private:
  void tick() {
    payload_ = "beat " + std::to_string(++seq_);
    socket_.async_send_to(asio::buffer(payload_), target_,
                          [](const asio::error_code &, std::size_t) {});
    timer_.expires_after(1s);
    timer_.async_wait([this](const asio::error_code &ec) {
      if (!ec)
        tick();
    });
  }

  asio::ip::udp::socket socket_;
  asio::steady_timer timer_;
  asio::ip::udp::endpoint target_;
  std::string payload_;
  std::uint64_t seq_ = 0;
};

// A strand-serialised counter updated from a thread pool.
class stats {
public:
  explicit stats(asio::thread_pool &pool) : strand_(pool.get_executor()) {}

  void record(const std::string &key) {
    asio::post(strand_, [this, key] { ++counts_[key]; });
  }

  std::future<std::size_t> total() {
    return asio::post(strand_, asio::use_future([this] {
                        std::size_t sum = 0;
                        for (const auto &kv : counts_)
                          sum += kv.second;
                        return sum;
                      }));
  }

private:
  asio::strand<asio::thread_pool::executor_type> strand_;
  std::map<std::string, std::size_t> counts_;
};

} // namespace chat

int main(int argc, char **argv) {
  try {
    asio::io_context io;
    unsigned short port = argc > 1 ? static_cast<unsigned short>(std::stoi(argv[1])) : 7000;
    chat::server srv(io, {asio::ip::tcp::v4(), port});

    chat::heartbeat hb(io, {asio::ip::make_address("127.0.0.1"), 7001});
    hb.start();

    asio::thread_pool pool(4);
    chat::stats st(pool);
    for (int i = 0; i < 10; ++i)
      st.record(i % 2 ? "odd" : "even");

    auto c = std::make_shared<chat::client>(
        io, [](std::string reply) { std::cout << "reply: " << reply << "\n"; });
    c->run("127.0.0.1", std::to_string(port), "hello");

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const asio::error_code &, int) {
      srv.close();
      hb.stop();
      io.stop();
    });

    auto guard = asio::make_work_guard(io);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
      threads.emplace_back([&io] { io.run(); });
    guard.reset();
    for (auto &t : threads)
      t.join();
    std::cout << "total " << st.total().get() << "\n";
    pool.join();
  } catch (const std::exception &e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
