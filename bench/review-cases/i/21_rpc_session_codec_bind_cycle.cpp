// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: RpcSession owns its FrameCodec through codec_, and the codec's on_frame_ handler is a std::bind holding shared_from_this(), so session -> codec -> handler -> session is never broken even after close().
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace rpc {

struct Frame {
  uint32_t stream_id = 0;
  std::string payload;
};

// Length-prefixed framing: "<len>:<payload>" repeated.
class FrameCodec {
 public:
  using FrameHandler = std::function<void(const Frame&)>;
  using ErrorHandler = std::function<void(const std::string&)>;

  explicit FrameCodec(size_t max_frame) : max_frame_(max_frame) {}

  void set_on_frame(FrameHandler h) { on_frame_ = std::move(h); }
  void set_on_error(ErrorHandler h) { on_error_ = std::move(h); }

  void feed(const std::string& bytes) {
    buffer_ += bytes;
    for (;;) {
      auto colon = buffer_.find(':');
      if (colon == std::string::npos) return;
      size_t len = std::stoul(buffer_.substr(0, colon));
      if (len > max_frame_) {
        if (on_error_) on_error_("frame too large");
        buffer_.clear();
        return;
      }
      if (buffer_.size() < colon + 1 + len) return;
      Frame f;
      f.stream_id = next_stream_++;
      f.payload = buffer_.substr(colon + 1, len);
      buffer_.erase(0, colon + 1 + len);
      if (on_frame_) on_frame_(f);
    }
  }

 private:
  size_t max_frame_;
  std::string buffer_;
  uint32_t next_stream_ = 1;
  FrameHandler on_frame_;  // LEAK-HERE
  ErrorHandler on_error_;
};

class Dispatcher {
 public:
  using Method = std::function<std::string(const std::string&)>;
  void add(const std::string& name, Method m) { methods_[name] = std::move(m); }
  std::string invoke(const std::string& line) const {
    auto sp = line.find(' ');
    std::string name = line.substr(0, sp);
    std::string arg = sp == std::string::npos ? "" : line.substr(sp + 1);
    auto it = methods_.find(name);
    return it == methods_.end() ? "ERR unknown " + name : it->second(arg);
  }

 private:
  std::map<std::string, Method> methods_;
};

struct SessionOptions {
  size_t max_frame = 1024;
  std::string peer;
};

std::unique_ptr<FrameCodec> make_codec(const SessionOptions& opts) {
  size_t limit = opts.max_frame < 64 ? 64 : opts.max_frame;
  return std::make_unique<FrameCodec>(limit);
}

class RpcSession : public std::enable_shared_from_this<RpcSession> {
 public:
  static std::shared_ptr<RpcSession> create(const Dispatcher& d, SessionOptions opts) {
    std::shared_ptr<RpcSession> s(new RpcSession(d, std::move(opts)));
    s->start();
    return s;
  }

  ~RpcSession() { --live_; }

  void on_bytes(const std::string& bytes) {
    if (!closed_) codec_->feed(bytes);
  }
  void close() { closed_ = true; }
  size_t replies() const { return replies_; }
  static int live() { return live_; }

 private:
  RpcSession(const Dispatcher& d, SessionOptions opts) : dispatcher_(d), opts_(std::move(opts)) {
    ++live_;
  }

  void start() {
    auto codec = make_codec(opts_);
    auto self = shared_from_this();
    using std::placeholders::_1;
    codec->set_on_frame(std::bind(&RpcSession::handle_frame, self, _1));  // LEAK-HERE
    codec->set_on_error([this](const std::string& why) {
      last_error_ = why;
      closed_ = true;
    });
    codec_ = std::move(codec);  // LEAK-HERE
  }

  void handle_frame(const Frame& f) {
    std::string reply = dispatcher_.invoke(f.payload);
    ++replies_;
    if (reply.rfind("ERR", 0) == 0) last_error_ = reply;
  }

  const Dispatcher& dispatcher_;
  SessionOptions opts_;
  std::unique_ptr<FrameCodec> codec_;  // LEAK-HERE
  std::string last_error_;
  size_t replies_ = 0;
  bool closed_ = false;
  static int live_;
};

int RpcSession::live_ = 0;

std::string encode(const std::string& body) { return std::to_string(body.size()) + ":" + body; }

}  // namespace rpc

int main() {
  rpc::Dispatcher dispatcher;
  dispatcher.add("echo", [](const std::string& a) { return a; });
  dispatcher.add("len", [](const std::string& a) { return std::to_string(a.size()); });

  for (int round = 0; round < 5; ++round) {
    for (int c = 0; c < 4; ++c) {
      rpc::SessionOptions opts;
      opts.peer = "10.0.0." + std::to_string(c);
      auto session = rpc::RpcSession::create(dispatcher, opts);
      session->on_bytes(rpc::encode("echo hello"));
      session->on_bytes(rpc::encode("len abcdef") + rpc::encode("nope x"));
      session->close();
    }
    std::printf("round %d: live sessions = %d\n", round, rpc::RpcSession::live());
    std::fflush(stdout);
  }
  return 0;
}
