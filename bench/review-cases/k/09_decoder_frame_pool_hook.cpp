// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: StreamDecoder::open installs a backpressure hook into its own pool_'s listeners_, and detail::bind_member captures the shared_ptr from shared_from_this() by value, so every decoder owns a callback that owns the decoder and none is freed after an ABR switch or end of playback.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace video {

struct Frame {
  int slot = 0;
  std::int64_t pts = 0;
  std::vector<std::uint8_t> pixels;
};

class FramePool {
 public:
  using RecycleListener = std::function<void(int slot)>;

  FramePool(std::size_t slots, std::size_t bytes) {
    for (std::size_t i = 0; i < slots; ++i) {
      auto f = std::make_unique<Frame>();
      f->slot = static_cast<int>(i);
      f->pixels.resize(bytes);
      free_.push_back(f.get());
      frames_.push_back(std::move(f));
    }
  }

  Frame* acquire() {
    if (free_.empty()) return nullptr;
    Frame* f = free_.back();
    free_.pop_back();
    return f;
  }

  void release(Frame* f) {
    free_.push_back(f);
    for (auto& listener : listeners_) listener(f->slot);
  }

  void add_recycle_listener(RecycleListener l) { listeners_.push_back(std::move(l)); }  // LEAK-HERE
  std::size_t available() const { return free_.size(); }

 private:
  std::vector<std::unique_ptr<Frame>> frames_;
  std::vector<Frame*> free_;
  std::vector<RecycleListener> listeners_;  // LEAK-HERE
};

struct TrackInfo {
  int track_id = 0;
  std::string codec;
  int width = 0;
  int height = 0;
};

namespace detail {
template <class T>
std::function<void(int)> bind_member(std::shared_ptr<T> obj, void (T::*fn)(int)) {
  return [obj, fn](int arg) { ((*obj).*fn)(arg); };  // LEAK-HERE
}
}  // namespace detail

class StreamDecoder : public std::enable_shared_from_this<StreamDecoder> {
 public:
  static std::shared_ptr<StreamDecoder> open(const TrackInfo& track) {
    std::shared_ptr<StreamDecoder> dec(new StreamDecoder(track));
    dec->install_backpressure();
    return dec;
  }
  ~StreamDecoder() { --live_; }
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  void push_packet(std::int64_t pts) {
    backlog_.push_back(pts);
    drain_backlog();
  }

  Frame* pop_frame() {
    if (ready_.empty()) return nullptr;
    Frame* f = ready_.front();
    ready_.pop_front();
    return f;
  }

  void return_frame(Frame* f) { pool_.release(f); }

  void on_frame_recycled(int slot) {
    last_recycled_ = slot;
    if (stalled_) drain_backlog();
  }

  int decoded() const { return decoded_; }
  static int live() { return live_; }

 private:
  explicit StreamDecoder(const TrackInfo& t)
      : track_(t), pool_(slots_for(t), static_cast<std::size_t>(t.width * t.height / 256)) {
    ++live_;
  }

  static std::size_t slots_for(const TrackInfo& t) { return t.height >= 1080 ? 6 : 4; }

  static FramePool::RecycleListener make_backpressure_hook(const std::shared_ptr<StreamDecoder>& dec) {
    return detail::bind_member(dec, &StreamDecoder::on_frame_recycled);
  }

  void install_backpressure() {
    auto self = shared_from_this();
    pool_.add_recycle_listener(make_backpressure_hook(self));  // LEAK-HERE
  }

  void drain_backlog() {
    stalled_ = false;
    while (!backlog_.empty()) {
      Frame* f = pool_.acquire();
      if (!f) {
        stalled_ = true;
        return;
      }
      f->pts = backlog_.front();
      backlog_.pop_front();
      f->pixels[0] = static_cast<std::uint8_t>(f->pts);
      ready_.push_back(f);
      ++decoded_;
    }
  }

  TrackInfo track_;
  FramePool pool_;  // LEAK-HERE
  std::deque<std::int64_t> backlog_;
  std::deque<Frame*> ready_;
  bool stalled_ = false;
  int last_recycled_ = -1;
  int decoded_ = 0;
  static int live_;
};
int StreamDecoder::live_ = 0;

class Player {
 public:
  void play_item(int item, int renditions) {
    for (int r = 0; r < renditions; ++r) {
      TrackInfo t{item * 10 + r, "h264", 640 << (r % 2), 360 << (r % 2)};
      video_ = StreamDecoder::open(t);  // ABR switch replaces the decoder
      for (std::int64_t pts = 0; pts < 30; ++pts) {
        video_->push_packet(pts);
        if (Frame* f = video_->pop_frame()) {
          ++presented_;
          video_->return_frame(f);
        }
      }
    }
    video_.reset();
  }
  long presented() const { return presented_; }

 private:
  std::shared_ptr<StreamDecoder> video_;
  long presented_ = 0;
};

}  // namespace video

int main() {
  video::Player player;
  for (int item = 1; item <= 120; ++item) {
    player.play_item(item, 3);
    if (item % 30 == 0)
      std::printf("items=%d presented=%ld live_decoders=%d\n", item, player.presented(),
                  video::StreamDecoder::live());
  }
  std::fflush(stdout);
  return 0;
}
