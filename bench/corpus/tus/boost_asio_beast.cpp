// CORPUS-FLAGS: -pthread
// CORPUS-PACKAGES: libboost-dev
//
// Boost.Asio + Boost.Beast: an HTTP/1.1 server whose connections upgrade to
// WebSocket. Sessions keep themselves alive with shared_from_this() bound
// into completion handlers (beast::bind_front_handler), a shared state
// object tracks the open WebSocket sessions by raw pointer and sessions
// remove themselves in their destructor; broadcasts hand weak_ptrs to the
// strand. Also an HTTP client, a periodic timer and a resolver.

#include <boost/asio.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/config.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

namespace app {

class websocket_session;

// Shared server state: the document root and the set of live WebSocket
// sessions. Sessions join on accept and leave in their destructor.
class shared_state {
public:
  explicit shared_state(std::string doc_root) : doc_root_(std::move(doc_root)) {}

  const std::string &doc_root() const noexcept { return doc_root_; }

  void join(websocket_session *session) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.insert(session);
  }

  void leave(websocket_session *session) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(session);
  }

  void send(std::string message);

private:
  std::string const doc_root_;
  std::mutex mutex_;
  std::unordered_set<websocket_session *> sessions_;
};

void fail(beast::error_code ec, char const *what) {
  if (ec == net::error::operation_aborted || ec == websocket::error::closed)
    return;
  std::cerr << what << ": " << ec.message() << "\n";
}

class websocket_session
    : public std::enable_shared_from_this<websocket_session> {
public:
  websocket_session(tcp::socket &&socket, std::shared_ptr<shared_state> state)
      : ws_(std::move(socket)), state_(std::move(state)) {}

  ~websocket_session() { state_->leave(this); }

  template <class Body, class Allocator>
  void run(http::request<Body, http::basic_fields<Allocator>> req) {
    ws_.set_option(
        websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(
        websocket::stream_base::decorator([](websocket::response_type &res) {
          res.set(http::field::server,
                  std::string(BOOST_BEAST_VERSION_STRING) + " app-ws");
        }));
    ws_.async_accept(req, beast::bind_front_handler(&websocket_session::on_accept,
                                                    shared_from_this()));
  }

  void send(std::shared_ptr<std::string const> const &ss) {
    net::post(ws_.get_executor(),
              beast::bind_front_handler(&websocket_session::on_send,
                                        shared_from_this(), ss));
  }

private:
  void on_accept(beast::error_code ec) {
    if (ec)
      return fail(ec, "accept");
    state_->join(this);
    ws_.async_read(buffer_, beast::bind_front_handler(&websocket_session::on_read,
                                                      shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec)
      return fail(ec, "read");
    state_->send(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    ws_.async_read(buffer_, beast::bind_front_handler(&websocket_session::on_read,
                                                      shared_from_this()));
  }

  void on_send(std::shared_ptr<std::string const> const &ss) {
    queue_.push_back(ss);
    if (queue_.size() > 1)
      return;
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&websocket_session::on_write,
                                              shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec)
      return fail(ec, "write");
    queue_.erase(queue_.begin());
    if (!queue_.empty())
      ws_.async_write(net::buffer(*queue_.front()),
                      beast::bind_front_handler(&websocket_session::on_write,
                                                shared_from_this()));
  }

  beast::flat_buffer buffer_;
  websocket::stream<beast::tcp_stream> ws_;
  std::shared_ptr<shared_state> state_;
  std::vector<std::shared_ptr<std::string const>> queue_;
};

void shared_state::send(std::string message) {
  auto const ss = std::make_shared<std::string const>(std::move(message));
  std::vector<std::weak_ptr<websocket_session>> v;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    v.reserve(sessions_.size());
    for (auto p : sessions_)
      v.emplace_back(p->weak_from_this());
  }
  for (auto const &wp : v)
    if (auto sp = wp.lock())
      sp->send(ss);
}

beast::string_view mime_type(beast::string_view path) {
  using beast::iequals;
  auto const ext = [&path] {
    auto const pos = path.rfind(".");
    if (pos == beast::string_view::npos)
      return beast::string_view{};
    return path.substr(pos);
  }();
  if (iequals(ext, ".htm") || iequals(ext, ".html"))
    return "text/html";
  if (iequals(ext, ".css"))
    return "text/css";
  if (iequals(ext, ".js"))
    return "application/javascript";
  if (iequals(ext, ".json"))
    return "application/json";
  if (iequals(ext, ".png"))
    return "image/png";
  return "application/text";
}

std::string path_cat(beast::string_view base, beast::string_view path) {
  if (base.empty())
    return std::string(path);
  std::string result(base);
  char constexpr path_separator = '/';
  if (result.back() == path_separator)
    result.resize(result.size() - 1);
  result.append(path.data(), path.size());
  return result;
}

template <class Body, class Allocator, class Send>
void handle_request(beast::string_view doc_root,
                    http::request<Body, http::basic_fields<Allocator>> &&req,
                    Send &&send) {
  auto const bad_request = [&req](beast::string_view why) {
    http::response<http::string_body> res{http::status::bad_request,
                                          req.version()};
    res.set(http::field::server, BOOST_BEAST_VERSION_STRING);
    res.set(http::field::content_type, "text/html");
    res.keep_alive(req.keep_alive());
    res.body() = std::string(why);
    res.prepare_payload();
    return res;
  };
  auto const not_found = [&req](beast::string_view target) {
    http::response<http::string_body> res{http::status::not_found,
                                          req.version()};
    res.set(http::field::server, BOOST_BEAST_VERSION_STRING);
    res.set(http::field::content_type, "text/html");
    res.keep_alive(req.keep_alive());
    res.body() = "The resource '" + std::string(target) + "' was not found.";
    res.prepare_payload();
    return res;
  };

  if (req.method() != http::verb::get && req.method() != http::verb::head)
    return send(bad_request("Unknown HTTP-method"));
  if (req.target().empty() || req.target()[0] != '/' ||
      req.target().find("..") != beast::string_view::npos)
    return send(bad_request("Illegal request-target"));

  std::string path = path_cat(doc_root, req.target());
  if (req.target().back() == '/')
    path.append("index.html");

  beast::error_code ec;
  http::file_body::value_type body;
  body.open(path.c_str(), beast::file_mode::scan, ec);
  if (ec == beast::errc::no_such_file_or_directory)
    return send(not_found(req.target()));
  if (ec)
    return send(bad_request(ec.message()));

  auto const size = body.size();
  if (req.method() == http::verb::head) {
    http::response<http::empty_body> res{http::status::ok, req.version()};
    res.set(http::field::server, BOOST_BEAST_VERSION_STRING);
    res.set(http::field::content_type, mime_type(path));
    res.content_length(size);
    res.keep_alive(req.keep_alive());
    return send(std::move(res));
  }
  http::response<http::file_body> res{
      std::piecewise_construct, std::make_tuple(std::move(body)),
      std::make_tuple(http::status::ok, req.version())};
  res.set(http::field::server, BOOST_BEAST_VERSION_STRING);
  res.set(http::field::content_type, mime_type(path));
  res.content_length(size);
  res.keep_alive(req.keep_alive());
  return send(std::move(res));
}

class http_session : public std::enable_shared_from_this<http_session> {
public:
  http_session(tcp::socket &&socket, std::shared_ptr<shared_state> state)
      : stream_(std::move(socket)), state_(std::move(state)) {}

  void run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&http_session::do_read,
                                            shared_from_this()));
  }

private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(10000);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, parser_->get(),
                     beast::bind_front_handler(&http_session::on_read,
                                               shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      return;
    }
    if (ec)
      return fail(ec, "read");

    if (websocket::is_upgrade(parser_->get())) {
      std::make_shared<websocket_session>(stream_.release_socket(), state_)
          ->run(parser_->release());
      return;
    }

    handle_request(state_->doc_root(), parser_->release(), send_lambda{*this});
  }

  // Keeps the response alive in res_ until the write completes; the write
  // handler owns the session, the session owns only the message.
  struct send_lambda {
    http_session &self_;

    template <bool isRequest, class Body, class Fields>
    void operator()(http::message<isRequest, Body, Fields> &&msg) const {
      auto sp = std::make_shared<http::message<isRequest, Body, Fields>>(
          std::move(msg));
      self_.res_ = sp;
      http::async_write(self_.stream_, *sp,
                        [self = self_.shared_from_this(),
                         close = sp->need_eof()](beast::error_code ec,
                                                 std::size_t) {
                          self->on_write(close, ec);
                        });
    }
  };

  void on_write(bool close, beast::error_code ec) {
    if (ec)
      return fail(ec, "write");
    res_ = nullptr;
    if (close) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
      return;
    }
    do_read();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<shared_state> state_;
  boost::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<void> res_;
};

class listener : public std::enable_shared_from_this<listener> {
public:
  listener(net::io_context &ioc, tcp::endpoint endpoint,
           std::shared_ptr<shared_state> const &state)
      : ioc_(ioc), acceptor_(net::make_strand(ioc)), state_(state) {
    beast::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) {
      fail(ec, "open");
      return;
    }
    acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    acceptor_.bind(endpoint, ec);
    if (ec) {
      fail(ec, "bind");
      return;
    }
    acceptor_.listen(net::socket_base::max_listen_connections, ec);
  }

  void run() { do_accept(); }

private:
  void do_accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&listener::on_accept,
                                                     shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec)
      fail(ec, "accept");
    else
      std::make_shared<http_session>(std::move(socket), state_)->run();
    do_accept();
  }

  net::io_context &ioc_;
  tcp::acceptor acceptor_;
  std::shared_ptr<shared_state> state_;
};

// One-shot HTTP GET client.
class http_client : public std::enable_shared_from_this<http_client> {
public:
  explicit http_client(net::io_context &ioc)
      : resolver_(net::make_strand(ioc)), stream_(net::make_strand(ioc)) {}

  void run(char const *host, char const *port, char const *target,
           std::function<void(http::response<http::string_body>)> done) {
    done_ = std::move(done);
    req_.version(11);
    req_.method(http::verb::get);
    req_.target(target);
    req_.set(http::field::host, host);
    req_.set(http::field::user_agent, BOOST_BEAST_VERSION_STRING);
    resolver_.async_resolve(host, port,
                            beast::bind_front_handler(&http_client::on_resolve,
                                                      shared_from_this()));
  }

private:
  void on_resolve(beast::error_code ec, tcp::resolver::results_type results) {
    if (ec)
      return fail(ec, "resolve");
    stream_.expires_after(std::chrono::seconds(30));
    stream_.async_connect(results,
                          beast::bind_front_handler(&http_client::on_connect,
                                                    shared_from_this()));
  }

  void on_connect(beast::error_code ec, tcp::resolver::results_type::endpoint_type) {
    if (ec)
      return fail(ec, "connect");
    http::async_write(stream_, req_,
                      beast::bind_front_handler(&http_client::on_write,
                                                shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec)
      return fail(ec, "write");
    http::async_read(stream_, buffer_, res_,
                     beast::bind_front_handler(&http_client::on_read,
                                               shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec)
      return fail(ec, "read");
    if (done_)
      done_(std::move(res_));
    done_ = nullptr;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  }

  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::empty_body> req_;
  http::response<http::string_body> res_;
  std::function<void(http::response<http::string_body>)> done_;
};

// Periodically broadcasts a tick to every WebSocket session.
class ticker : public std::enable_shared_from_this<ticker> {
public:
  ticker(net::io_context &ioc, std::shared_ptr<shared_state> state)
      : timer_(ioc), state_(std::move(state)) {}

  void start() { schedule(); }
  void stop() { timer_.cancel(); }

private:
  void schedule() {
    timer_.expires_after(std::chrono::seconds(5));
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec)
        return;
      self->state_->send("tick " + std::to_string(++self->count_));
      self->schedule();
    });
  }

  net::steady_timer timer_;
  std::shared_ptr<shared_state> state_;
  unsigned long count_ = 0;
};

} // namespace app

int main(int argc, char *argv[]) {
  auto const address = net::ip::make_address(argc > 1 ? argv[1] : "0.0.0.0");
  auto const port =
      static_cast<unsigned short>(argc > 2 ? std::atoi(argv[2]) : 8080);
  auto const threads = std::max<int>(1, argc > 3 ? std::atoi(argv[3]) : 2);

  net::io_context ioc{threads};
  auto state = std::make_shared<app::shared_state>(argc > 4 ? argv[4] : ".");
  std::make_shared<app::listener>(ioc, tcp::endpoint{address, port}, state)
      ->run();

  auto tick = std::make_shared<app::ticker>(ioc, state);
  tick->start();

  std::make_shared<app::http_client>(ioc)->run(
      "127.0.0.1", "8080", "/", [](http::response<http::string_body> res) {
        std::cout << res.result_int() << " " << res.body().size() << "\n";
      });

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code const &, int) {
    tick->stop();
    ioc.stop();
  });

  std::vector<std::thread> v;
  v.reserve(threads - 1);
  for (auto i = threads - 1; i > 0; --i)
    v.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto &t : v)
    t.join();
  return EXIT_SUCCESS;
}
