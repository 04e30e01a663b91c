// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: HwSurfaceCache::instance() keeps a binding keyed by each HevcDecoder whose reset callback captures shared_from_this(); HevcDecoder overrides attach_surfaces but not detach_surfaces, so the session's teardown call hits the no-op base and the singleton keeps every decoder alive.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace media {

struct SurfaceBinding {
  std::string codec;
  int surfaces = 0;
  std::function<void()> on_device_reset;
};

class HwSurfaceCache {
 public:
  static HwSurfaceCache& instance() {
    static HwSurfaceCache cache;
    return cache;
  }

  void bind(const void* owner, SurfaceBinding binding) {
    std::lock_guard<std::mutex> lock(mu_);
    reserved_ += binding.surfaces;
    bindings_[owner] = std::move(binding);  // LEAK-HERE
  }

  void unbind(const void* owner) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = bindings_.find(owner);
    if (it == bindings_.end()) return;
    reserved_ -= it->second.surfaces;
    bindings_.erase(it);
  }

  void device_lost() {
    std::vector<std::function<void()>> resets;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& kv : bindings_) resets.push_back(kv.second.on_device_reset);
    }
    for (auto& reset : resets) reset();
  }

  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return bindings_.size();
  }
  int reserved_surfaces() const { return reserved_; }

 private:
  HwSurfaceCache() = default;
  mutable std::mutex mu_;
  int reserved_ = 0;
  std::unordered_map<const void*, SurfaceBinding> bindings_;  // LEAK-HERE
};

struct StreamParams {
  std::string codec;
  int width = 0;
  int height = 0;
  int ref_frames = 0;
};

class DecoderBase : public std::enable_shared_from_this<DecoderBase> {
 public:
  explicit DecoderBase(StreamParams p) : params_(std::move(p)) { ++live_; }
  virtual ~DecoderBase() { --live_; }

  virtual void attach_surfaces(HwSurfaceCache& cache) { (void)cache; }
  virtual void detach_surfaces(HwSurfaceCache& cache) { (void)cache; }
  virtual int decode(const std::vector<std::uint8_t>& packet) = 0;

  void reset_state() { frames_out_ = 0; }
  const StreamParams& params() const { return params_; }
  static int live() { return live_; }

 protected:
  StreamParams params_;
  int frames_out_ = 0;

 private:
  static int live_;
};
int DecoderBase::live_ = 0;

namespace detail {

SurfaceBinding make_binding(const StreamParams& p, std::function<void()> reset) {
  SurfaceBinding b;
  b.codec = p.codec;
  b.surfaces = p.ref_frames + 2;  // DPB plus display and decode target
  b.on_device_reset = std::move(reset);
  return b;
}

void remember_owner(HwSurfaceCache& cache, const void* owner, const StreamParams& p,
                    std::function<void()> reset) {
  cache.bind(owner, make_binding(p, std::move(reset)));
}

}  // namespace detail

class HevcDecoder : public DecoderBase {
 public:
  using DecoderBase::DecoderBase;

  void attach_surfaces(HwSurfaceCache& cache) override {
    auto self = shared_from_this();
    detail::remember_owner(cache, self.get(), params_, [self] { self->reset_state(); });  // LEAK-HERE
  }

  int decode(const std::vector<std::uint8_t>& packet) override {
    if (packet.empty()) return 0;
    bool keyframe = (packet[0] & 0x7e) == 0x26;
    frames_out_ += keyframe ? 1 : (packet.size() > 4 ? 1 : 0);
    return frames_out_;
  }
};

class SoftwareDecoder : public DecoderBase {
 public:
  using DecoderBase::DecoderBase;
  int decode(const std::vector<std::uint8_t>& packet) override {
    frames_out_ += packet.empty() ? 0 : 1;
    return frames_out_;
  }
};

std::shared_ptr<DecoderBase> open_decoder(const StreamParams& p) {
  std::shared_ptr<DecoderBase> dec;
  if (p.codec == "hevc")
    dec = std::make_shared<HevcDecoder>(p);
  else
    dec = std::make_shared<SoftwareDecoder>(p);
  dec->attach_surfaces(HwSurfaceCache::instance());
  return dec;
}

class PlaybackSession {
 public:
  explicit PlaybackSession(const StreamParams& p) : decoder_(open_decoder(p)) {}
  ~PlaybackSession() { decoder_->detach_surfaces(HwSurfaceCache::instance()); }
  PlaybackSession(const PlaybackSession&) = delete;
  PlaybackSession& operator=(const PlaybackSession&) = delete;

  int play(int packets) {
    int frames = 0;
    for (int i = 0; i < packets; ++i) {
      std::vector<std::uint8_t> pkt(8 + i % 5, static_cast<std::uint8_t>(i % 3 == 0 ? 0x26 : 0x02));
      frames = decoder_->decode(pkt);
    }
    return frames;
  }

 private:
  std::shared_ptr<DecoderBase> decoder_;
};

}  // namespace media

int main() {
  using namespace media;
  long total_frames = 0;
  for (int i = 1; i <= 1000; ++i) {
    StreamParams p{i % 3 == 0 ? "vp9" : "hevc", 1920, 1080, 4 + i % 3};
    {
      PlaybackSession session(p);
      total_frames += session.play(24);
    }
    if (i % 250 == 0)
      std::printf("sessions=%d live_decoders=%d cache_bindings=%zu reserved_surfaces=%d\n", i,
                  DecoderBase::live(), HwSurfaceCache::instance().size(),
                  HwSurfaceCache::instance().reserved_surfaces());
  }
  std::printf("frames=%ld\n", total_frames);
  return 0;
}
