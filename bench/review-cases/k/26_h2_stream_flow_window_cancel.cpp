// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: A flow-blocked Stream parks a closure holding its own shared_from_this() in its own FlowWindow, but every exit path drops it: WINDOW_UPDATE runs and clears the waiters, and the RST_STREAM path always calls onReset which cancels them; the completion handler goes to the external EventLoop, which runs it once and drops it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace h2 {

constexpr std::size_t kMaxFrame = 16384;
constexpr long kInitialWindow = 65535;

class EventLoop {
public:
  void post(std::function<void()> fn) { queue_.push_back(std::move(fn)); }
  void runOnce() {
    auto batch = std::move(queue_);
    queue_.clear();
    for (auto& fn : batch) fn();
  }

private:
  std::deque<std::function<void()>> queue_;
};

class FlowWindow {
public:
  using Waiter = std::function<void()>;
  bool consume(std::size_t n) {
    if (static_cast<long>(n) > window_) return false;
    window_ -= static_cast<long>(n);
    return true;
  }
  void whenAvailable(Waiter w) { waiters_.push_back(std::move(w)); }
  void update(long delta) {
    window_ += delta;
    auto ready = std::move(waiters_);
    waiters_.clear();
    for (auto& w : ready) w();
  }
  void cancelAll() {
    auto dropped = std::move(waiters_);
    waiters_.clear();
  }

private:
  long window_ = kInitialWindow;
  std::vector<Waiter> waiters_;
};

class Connection;

class Stream : public std::enable_shared_from_this<Stream> {
public:
  static int live;
  Stream(std::uint32_t id, Connection& conn) : id_(id), conn_(conn) { ++live; }
  ~Stream() { --live; }

  void sendBody(std::string body) {
    pending_ = std::move(body);
    pump();
  }
  void onReset(std::uint32_t errorCode) {
    resetCode_ = errorCode;
    pending_.clear();
    window_.cancelAll();
  }
  FlowWindow& window() { return window_; }
  std::uint32_t id() const { return id_; }

private:
  static std::function<void()> resumer(std::shared_ptr<Stream> s) {
    return [s] { s->pump(); };
  }
  void parkUntilWindow() {
    auto self = shared_from_this();
    window_.whenAvailable(resumer(self));
  }
  void pump();
  void finish();

  std::uint32_t id_;
  Connection& conn_;
  std::string pending_;
  std::uint32_t resetCode_ = 0;
  FlowWindow window_;
};
int Stream::live = 0;

class Connection {
public:
  explicit Connection(EventLoop& loop) : loop_(loop) {}
  EventLoop& loop() { return loop_; }

  std::shared_ptr<Stream> openStream() {
    auto s = std::make_shared<Stream>(nextId_, *this);
    nextId_ += 2;
    streams_.emplace(s->id(), s);
    return s;
  }
  void writeFrame(std::uint32_t, const std::string& payload) { bytesOut_ += payload.size(); }
  void closeStream(std::uint32_t id) { streams_.erase(id); }

  // Frames from the peer.
  void onWindowUpdate(std::uint32_t id, long delta) {
    auto it = streams_.find(id);
    if (it != streams_.end()) it->second->window().update(delta);
  }
  void onRstStream(std::uint32_t id, std::uint32_t code) {
    auto it = streams_.find(id);
    if (it == streams_.end()) return;
    it->second->onReset(code);
    streams_.erase(it);
  }
  std::size_t openCount() const { return streams_.size(); }
  std::size_t bytesOut() const { return bytesOut_; }

private:
  EventLoop& loop_;
  std::uint32_t nextId_ = 1;
  std::size_t bytesOut_ = 0;
  std::map<std::uint32_t, std::shared_ptr<Stream>> streams_;
};

void Stream::pump() {
  while (!pending_.empty()) {
    std::size_t chunk = std::min(pending_.size(), kMaxFrame);
    if (!window_.consume(chunk)) {
      parkUntilWindow();
      return;
    }
    conn_.writeFrame(id_, pending_.substr(0, chunk));
    pending_.erase(0, chunk);
  }
  if (resetCode_ == 0) {
    auto self = shared_from_this();
    conn_.loop().post([self] { self->finish(); });
  }
}

void Stream::finish() { conn_.closeStream(id_); }

} // namespace h2

int main() {
  h2::EventLoop loop;
  h2::Connection conn(loop);
  for (int round = 1; round <= 4; ++round) {
    for (int i = 0; i < 40; ++i) {
      auto stream = conn.openStream();
      stream->sendBody(std::string(100000, 'x'));  // exceeds the initial window
      if (i % 2 == 0)
        conn.onWindowUpdate(stream->id(), 1 << 20);
      else
        conn.onRstStream(stream->id(), 0x8 /* CANCEL */);
      loop.runOnce();
    }
    std::printf("round %d: open=%zu live streams=%d bytes=%zu\n", round, conn.openCount(), h2::Stream::live,
                conn.bytesOut());
    std::fflush(stdout);
  }
  return 0;
}
