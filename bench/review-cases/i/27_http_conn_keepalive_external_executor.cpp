// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The shared_from_this() capture goes into main's external Executor, which moves each task out of its queue, runs it once and destroys it; the owned HttpParser only holds a raw `this`, so nothing the connection owns keeps it alive.
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace net {

// Stand-in for an io_context owned by main.
class Executor {
 public:
  void post(std::function<void()> task) { queue_.push_back(std::move(task)); }
  size_t run() {
    size_t n = 0;
    while (!queue_.empty()) {
      auto task = std::move(queue_.front());
      queue_.pop_front();
      task();
      ++n;
    }
    return n;
  }

 private:
  std::deque<std::function<void()>> queue_;
};

struct HttpRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;
  bool keep_alive() const {
    auto it = headers.find("connection");
    return it == headers.end() || it->second != "close";
  }
};

class HttpParser {
 public:
  using OnRequest = std::function<void(HttpRequest&&)>;
  void set_on_request(OnRequest cb) { on_request_ = std::move(cb); }

  void feed(const std::string& chunk) {
    buf_ += chunk;
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) != std::string::npos) {
      HttpRequest req;
      std::string head = buf_.substr(0, end);
      buf_.erase(0, end + 4);
      size_t sp1 = head.find(' '), sp2 = head.find(' ', sp1 + 1);
      req.method = head.substr(0, sp1);
      req.target = head.substr(sp1 + 1, sp2 - sp1 - 1);
      if (head.find("Connection: close") != std::string::npos) req.headers["connection"] = "close";
      if (on_request_) on_request_(std::move(req));
    }
  }

 private:
  std::string buf_;
  OnRequest on_request_;
};

// Fake socket: a script of inbound chunks.
struct Socket {
  std::vector<std::string> inbound;
  size_t next = 0;
  std::string written;
  bool read_some(std::string& out) {
    if (next >= inbound.size()) return false;
    out = inbound[next++];
    return true;
  }
};

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(Executor& ex, Socket sock) : ex_(ex), sock_(std::move(sock)) {
    ++live_;
    parser_.set_on_request([this](HttpRequest&& r) { on_request(std::move(r)); });
  }
  ~HttpConnection() { --live_; }

  void start() { do_read(); }
  static int live() { return live_; }

 private:
  void do_read() {
    auto self = shared_from_this();
    ex_.post([self, this] {
      std::string chunk;
      if (!sock_.read_some(chunk)) return;  // peer closed: last ref dies with this task
      parser_.feed(chunk);
      if (keep_alive_) do_read();
    });
  }

  void on_request(HttpRequest&& r) {
    ++served_;
    keep_alive_ = r.keep_alive();
    std::string body = r.method + " " + r.target + " #" + std::to_string(served_);
    sock_.written += "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }

  Executor& ex_;
  Socket sock_;
  HttpParser parser_;
  int served_ = 0;
  bool keep_alive_ = true;
  static int live_;
};
int HttpConnection::live_ = 0;

class Acceptor {
 public:
  explicit Acceptor(Executor& ex) : ex_(ex) {}
  void accept(Socket s) {
    auto conn = std::make_shared<HttpConnection>(ex_, std::move(s));
    conn->start();
    ++accepted_;
  }
  int accepted() const { return accepted_; }

 private:
  Executor& ex_;
  int accepted_ = 0;
};

}  // namespace net

int main() {
  net::Executor io;
  net::Acceptor acceptor(io);
  const int baseline = net::HttpConnection::live();
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 4; ++i) {
      net::Socket s;
      s.inbound.push_back("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HT");
      s.inbound.push_back("TP/1.1\r\nHost: x\r\n\r\n");
      if (i % 2) s.inbound.push_back("GET /bye HTTP/1.1\r\nConnection: close\r\n\r\n");
      acceptor.accept(std::move(s));
    }
    std::printf("round %d: before run live=%d", round, net::HttpConnection::live());
    size_t tasks = io.run();
    std::printf(", ran %zu tasks, after run live=%d (baseline %d)\n", tasks,
                net::HttpConnection::live(), baseline);
  }
  return 0;
}
