// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The VideoDecoder's own watchdog Timer stores a callback that captures only weak_from_this() and locks it when it fires, so the decoder -> timer -> callback path holds no strong reference back to the decoder.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace video {

using Clock = uint64_t;  // milliseconds, driven by the main loop

class Timer {
 public:
  using Callback = std::function<void()>;
  void arm(Clock when, Callback cb) {
    deadline_ = when;
    cb_ = std::move(cb);
    armed_ = true;
  }
  void cancel() { armed_ = false; }
  void poll(Clock now) {
    if (armed_ && now >= deadline_) {
      armed_ = false;
      Callback cb = std::move(cb_);  // the callback may re-arm us
      if (cb) cb();
    }
  }

 private:
  Clock deadline_ = 0;
  Callback cb_;
  bool armed_ = false;
};

struct Packet {
  uint64_t pts = 0;
  std::vector<uint8_t> data;
  bool keyframe = false;
};

struct Frame {
  uint64_t pts = 0;
  int width = 0, height = 0;
};

class VideoDecoder : public std::enable_shared_from_this<VideoDecoder> {
 public:
  VideoDecoder(std::string codec, int w, int h) : codec_(std::move(codec)), w_(w), h_(h) { ++live_; }
  ~VideoDecoder() { --live_; }

  void start(Clock now) { rearm_watchdog(now); }

  void submit(Packet p, Clock now) {
    if (!seen_key_ && !p.keyframe) return;
    seen_key_ = true;
    queue_.push_back(std::move(p));
    rearm_watchdog(now);
  }

  void tick(Clock now) {
    while (!queue_.empty()) {
      frames_.push_back(Frame{queue_.front().pts, w_, h_});
      queue_.pop_front();
    }
    watchdog_.poll(now);
  }

  size_t decoded() const { return frames_.size(); }
  int stalls() const { return stalls_; }
  static int live() { return live_; }

 private:
  void rearm_watchdog(Clock now) {
    std::weak_ptr<VideoDecoder> weak = weak_from_this();
    watchdog_.arm(now + kStallMs, [weak, now] {
      if (auto self = weak.lock()) self->on_stall(now);
    });
  }

  void on_stall(Clock armed_at) {
    ++stalls_;
    seen_key_ = false;  // request a new IDR
    rearm_watchdog(armed_at + kStallMs);
  }

  static constexpr Clock kStallMs = 200;
  std::string codec_;
  int w_, h_;
  bool seen_key_ = false;
  std::deque<Packet> queue_;
  std::vector<Frame> frames_;
  Timer watchdog_;
  int stalls_ = 0;
  static int live_;
};
int VideoDecoder::live_ = 0;

std::shared_ptr<VideoDecoder> open_decoder(const std::string& codec, int w, int h, Clock now) {
  auto dec = std::make_shared<VideoDecoder>(codec, w, h);
  dec->start(now);
  return dec;
}

Packet make_packet(uint64_t pts) {
  Packet p;
  p.pts = pts;
  p.keyframe = pts % 30 == 0;
  p.data.assign(64 + pts % 17, static_cast<uint8_t>(pts));
  return p;
}

}  // namespace video

int main() {
  video::Clock now = 0;
  const int baseline = video::VideoDecoder::live();
  for (int stream = 0; stream < 5; ++stream) {
    auto dec = video::open_decoder(stream % 2 ? "hevc" : "h264", 1920, 1080, now);
    for (uint64_t pts = 0; pts < 90; ++pts) {
      now += 33;
      if (pts < 60 || pts > 75) dec->submit(video::make_packet(pts), now);  // network gap
      dec->tick(now);
    }
    size_t decoded = dec->decoded();
    int stalls = dec->stalls();
    dec.reset();
    std::printf("stream %d: decoded=%zu stalls=%d live decoders=%d (baseline %d)\n", stream,
                decoded, stalls, video::VideoDecoder::live(), baseline);
  }
  return 0;
}
