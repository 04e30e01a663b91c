// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Voice::noteOn binds a shared_ptr to itself (obtained via the base-class selfAs<Voice>() helper) into std::bind and stores it as the tick of its own by-value BlockClock member, so after the Engine reaps the finished voice the voice still owns a callable that owns the voice.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace audio {

constexpr std::size_t kBlockFrames = 64;
constexpr double kTwoPi = 6.283185307179586;

struct AudioBuffer {
  std::vector<float> left = std::vector<float>(kBlockFrames);
  std::vector<float> right = std::vector<float>(kBlockFrames);
  void clear() {
    std::fill(left.begin(), left.end(), 0.f);
    std::fill(right.begin(), right.end(), 0.f);
  }
};

class BlockClock {
public:
  using Tick = std::function<void(std::uint64_t)>;
  void every(unsigned blocks, Tick tick) {
    period_ = blocks ? blocks : 1;
    tick_ = std::move(tick); // LEAK-HERE
  }
  void advance() {
    ++counter_;
    if (tick_ && counter_ % period_ == 0) tick_(counter_);
  }

private:
  unsigned period_ = 1;
  std::uint64_t counter_ = 0;
  Tick tick_; // LEAK-HERE
};

class SoundSource : public std::enable_shared_from_this<SoundSource> {
public:
  virtual ~SoundSource() = default;
  virtual void render(AudioBuffer& out) = 0;
  virtual bool finished() const = 0;

protected:
  template <class Derived>
  std::shared_ptr<Derived> selfAs() {
    return std::static_pointer_cast<Derived>(shared_from_this());
  }
};

class Voice : public SoundSource {
public:
  static int live;
  Voice(int midiNote, float velocity)
      : freq_(440.0 * std::pow(2.0, (midiNote - 69) / 12.0)), gain_(velocity) {
    ++live;
  }
  ~Voice() override { --live; }

  void noteOn() {
    auto self = selfAs<Voice>();
    lfo_.every(4, std::bind(&Voice::updateLfo, self, std::placeholders::_1)); // LEAK-HERE
  }
  void noteOff() { releasing_ = true; }

  void render(AudioBuffer& out) override {
    lfo_.advance();
    const double step = kTwoPi * freq_ * (1.0 + vibrato_) / 48000.0;
    for (std::size_t i = 0; i < kBlockFrames; ++i) {
      float s = static_cast<float>(std::sin(phase_)) * gain_ * envelope_;
      out.left[i] += s;
      out.right[i] += s;
      phase_ += step;
    }
    if (releasing_) envelope_ = std::max(0.f, envelope_ - 0.25f);
  }
  bool finished() const override { return releasing_ && envelope_ <= 0.f; }

private:
  void updateLfo(std::uint64_t block) { vibrato_ = 0.01 * std::sin(static_cast<double>(block) * 0.3); }

  double freq_;
  float gain_;
  float envelope_ = 1.f;
  double phase_ = 0;
  double vibrato_ = 0;
  bool releasing_ = false;
  BlockClock lfo_;
};
int Voice::live = 0;

class VoiceAllocator {
public:
  std::shared_ptr<Voice> allocate(int note, float velocity) {
    auto v = std::make_shared<Voice>(note, velocity);
    v->noteOn();
    return v;
  }
};

class Engine {
public:
  void play(std::shared_ptr<SoundSource> src) { active_.push_back(std::move(src)); }
  void processBlock(AudioBuffer& out) {
    out.clear();
    for (auto& src : active_) src->render(out);
    active_.erase(std::remove_if(active_.begin(), active_.end(),
                                 [](const std::shared_ptr<SoundSource>& s) { return s->finished(); }),
                  active_.end());
  }
  std::size_t activeCount() const { return active_.size(); }

private:
  std::vector<std::shared_ptr<SoundSource>> active_;
};

} // namespace audio

int main() {
  audio::Engine engine;
  audio::VoiceAllocator alloc;
  audio::AudioBuffer block;
  double peak = 0;
  for (int bar = 1; bar <= 4; ++bar) {
    for (int beat = 0; beat < 16; ++beat) {
      auto voice = alloc.allocate(60 + beat % 12, 0.5f);
      engine.play(voice);
      for (int b = 0; b < 8; ++b) {
        engine.processBlock(block);
        for (float s : block.left) peak = std::max(peak, static_cast<double>(std::fabs(s)));
      }
      voice->noteOff();
      for (int b = 0; b < 8; ++b) engine.processBlock(block);
    }
    std::printf("bar %d: active=%zu live voices=%d\n", bar, engine.activeCount(), audio::Voice::live);
    std::fflush(stdout);
  }
  std::printf("peak=%.3f\n", peak);
  return 0;
}
