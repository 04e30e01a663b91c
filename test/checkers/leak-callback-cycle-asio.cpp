// The asio keep-alive idiom with the real library: handlers that hold
// shared_from_this() and are handed to sockets, timers, strands and post()
// live only until the operation completes. Only the callback kept in the
// session's own member is a cycle.
//
// REQUIRES: asio
// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17

#include <array>
#include <asio.hpp>
#include <functional>
#include <memory>

class Session : public std::enable_shared_from_this<Session> {
public:
  explicit Session(asio::io_context &Io)
      : socket_(Io), timer_(Io), strand_(asio::make_strand(Io)) {}

  void start() {
    onClose_ = [self = shared_from_this()] { self->close(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Session::onClose_' stores a callback holding 'self', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: onClose_ = [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->close(); };
    doRead();
  }

private:
  void doRead() {
    auto self = shared_from_this();
    socket_.async_read_some(asio::buffer(buffer_),
                            [this, self](std::error_code Ec, std::size_t N) {
                              if (!Ec)
                                doWrite(N);
                            });
    timer_.expires_after(std::chrono::seconds(30));
    timer_.async_wait([self](const std::error_code &Ec) {
      if (!Ec)
        self->close();
    });
  }
  void doWrite(std::size_t N) {
    asio::async_write(socket_, asio::buffer(buffer_, N),
                      [self = shared_from_this()](std::error_code Ec,
                                                  std::size_t) {
                        if (!Ec)
                          self->doRead();
                      });
    asio::post(strand_, [self = shared_from_this()] { self->log(); });
    asio::post(socket_.get_executor(),
               std::bind(&Session::log, shared_from_this()));
  }
  void log() {}
  void close() {
    asio::error_code Ignored;
    socket_.close(Ignored);
  }

  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  asio::strand<asio::io_context::executor_type> strand_;
  std::array<char, 1024> buffer_{};
  std::function<void()> onClose_;
};

int main() {
  asio::io_context Io;
  std::make_shared<Session>(Io)->start();
  Io.run();
}
