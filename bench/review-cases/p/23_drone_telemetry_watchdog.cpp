// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each TelemetryLink registers a heartbeat-expiry lambda capturing `this` in the thread_local HeartbeatWatchdog, and closing the link only suspends the entry, so the watchdog keeps one entry (and a dangling link pointer) per link ever opened.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace uav {

using Millis = uint64_t;

class HeartbeatWatchdog {
 public:
  using Handle = uint32_t;
  using ExpiryFn = std::function<void(Millis now)>;

  Handle watch(uint8_t sysId, Millis timeout, Millis now, ExpiryFn onExpire) {
    Handle h = next_++;
    entries_.emplace(h, Entry{sysId, timeout, now, true, false, std::move(onExpire)});  // LEAK-HERE
    return h;
  }
  void feed(Handle h, Millis now) {
    auto it = entries_.find(h);
    if (it != entries_.end()) { it->second.lastSeen = now; it->second.tripped = false; }
  }
  void suspend(Handle h) {
    auto it = entries_.find(h);
    if (it != entries_.end()) it->second.armed = false;
  }
  void poll(Millis now) {
    for (auto& kv : entries_) {
      Entry& e = kv.second;
      if (!e.armed || e.tripped || now - e.lastSeen < e.timeout) continue;
      e.tripped = true;
      e.onExpire(now);
    }
  }
  size_t watched() const { return entries_.size(); }

 private:
  struct Entry {
    uint8_t sysId;
    Millis timeout;
    Millis lastSeen;
    bool armed;
    bool tripped;
    ExpiryFn onExpire;
  };
  std::map<Handle, Entry> entries_;  // LEAK-HERE
  Handle next_ = 1;
};

// One watchdog per I/O thread; links are always serviced on the thread that opened them.
HeartbeatWatchdog& ioWatchdog() {
  thread_local HeartbeatWatchdog wd;  // LEAK-HERE
  return wd;
}

enum class MsgId : uint8_t { Heartbeat = 0, Attitude = 30, GpsRaw = 24, BatteryStatus = 147 };

struct Frame {
  uint8_t sysId;
  MsgId msg;
  std::vector<uint8_t> payload;
};

class TelemetryLink {
 public:
  TelemetryLink(uint8_t sysId, std::string endpoint) : sysId_(sysId), endpoint_(std::move(endpoint)) {}

  void open(Millis now) {
    watchHandle_ = ioWatchdog().watch(sysId_, 1500, now, [this](Millis t) { onHeartbeatLost(t); });  // LEAK-HERE
    state_ = State::Connected;
  }
  void close() {
    ioWatchdog().suspend(watchHandle_);
    state_ = State::Closed;
  }

  void onFrame(const Frame& f, Millis now) {
    ++framesIn_;
    bytesIn_ += f.payload.size();
    if (f.msg == MsgId::Heartbeat) {
      ioWatchdog().feed(watchHandle_, now);
      if (state_ == State::Lost) state_ = State::Connected;
    }
  }

  bool lost() const { return state_ == State::Lost; }
  uint64_t framesIn() const { return framesIn_; }

 private:
  enum class State { Idle, Connected, Lost, Closed };
  void onHeartbeatLost(Millis) { state_ = State::Lost; ++lossEvents_; }

  uint8_t sysId_;
  std::string endpoint_;
  HeartbeatWatchdog::Handle watchHandle_ = 0;
  State state_ = State::Idle;
  uint64_t framesIn_ = 0, bytesIn_ = 0, lossEvents_ = 0;
};

class GroundStation {
 public:
  void connect(uint8_t sysId, Millis now) {
    auto link = std::make_unique<TelemetryLink>(sysId, "udp://10.0.0." + std::to_string(sysId) + ":14550");
    link->open(now);
    links_[sysId] = std::move(link);
  }
  // Radio dropouts: tear the link down and dial again.
  void reconnect(uint8_t sysId, Millis now) {
    auto it = links_.find(sysId);
    if (it != links_.end()) it->second->close();
    connect(sysId, now);
  }
  void deliver(const Frame& f, Millis now) {
    auto it = links_.find(f.sysId);
    if (it != links_.end()) it->second->onFrame(f, now);
  }
  bool isLost(uint8_t sysId) const { auto it = links_.find(sysId); return it != links_.end() && it->second->lost(); }

 private:
  std::unordered_map<uint8_t, std::unique_ptr<TelemetryLink>> links_;
};

}  // namespace uav

int main() {
  uav::GroundStation gcs;
  const uint8_t fleet = 12;
  uav::Millis now = 0;
  for (uint8_t id = 1; id <= fleet; ++id) gcs.connect(id, now);
  size_t reconnects = 0;
  for (int tick = 0; tick < 60000; ++tick) {
    now += 50;
    uint8_t id = static_cast<uint8_t>(1 + tick % fleet);
    bool radioFade = (tick * 7919) % 97 < 3;  // occasional drone drops out of range
    if (!radioFade) gcs.deliver(uav::Frame{id, uav::MsgId::Heartbeat, std::vector<uint8_t>(9, 0)}, now);
    gcs.deliver(uav::Frame{id, uav::MsgId::Attitude, std::vector<uint8_t>(28, 1)}, now);
    uav::ioWatchdog().poll(now);
    if (gcs.isLost(id) || tick % 40 == 0) {
      gcs.reconnect(id, now);
      ++reconnects;
    }
  }
  std::printf("reconnects=%zu watchdog entries=%zu\n", reconnects, uav::ioWatchdog().watched());
  return 0;
}
