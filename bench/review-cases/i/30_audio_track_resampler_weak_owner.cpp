// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: AudioTrack owns its Resampler through a by-value ProcessingChain, but the Resampler's back edge to the track is a weak_ptr locked on use, and the shared FilterKernel children have no edge back, so there is no ownership cycle.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace media {

// Immutable, shared among many tracks (a DAG, no back edge).
struct FilterKernel {
  std::vector<float> taps;
  explicit FilterKernel(size_t n) : taps(n) {
    ++live;
    for (size_t i = 0; i < n; ++i) taps[i] = 1.0f / static_cast<float>(n);
  }
  ~FilterKernel() { --live; }
  static int live;
};
int FilterKernel::live = 0;

class AudioTrack;

class Resampler {
 public:
  Resampler(int in_rate, int out_rate, std::shared_ptr<const FilterKernel> k)
      : in_rate_(in_rate), out_rate_(out_rate), kernel_(std::move(k)) {
    ++live;
  }
  ~Resampler() { --live; }

  void bind_owner(std::weak_ptr<AudioTrack> owner) { owner_ = std::move(owner); }
  std::vector<float> process(const std::vector<float>& in);
  static int live;

 private:
  int in_rate_;
  int out_rate_;
  std::shared_ptr<const FilterKernel> kernel_;
  std::weak_ptr<AudioTrack> owner_;
};
int Resampler::live = 0;

struct ProcessingChain {
  std::shared_ptr<Resampler> resampler;
  std::shared_ptr<const FilterKernel> eq;
  float gain = 1.0f;
};

class AudioTrack : public std::enable_shared_from_this<AudioTrack> {
 public:
  explicit AudioTrack(std::string name) : name_(std::move(name)) { ++live; }
  ~AudioTrack() { --live; }

  void configure(ProcessingChain chain) {
    chain.resampler->bind_owner(weak_from_this());
    chain_ = std::move(chain);
  }
  std::vector<float> render(const std::vector<float>& pcm) {
    auto out = chain_.resampler->process(pcm);
    for (auto& s : out) s *= chain_.gain;
    return out;
  }
  void report_underrun(size_t missing) { underruns_ += missing; }
  size_t underruns() const { return underruns_; }
  static int live;

 private:
  std::string name_;
  ProcessingChain chain_;
  size_t underruns_ = 0;
};
int AudioTrack::live = 0;

std::vector<float> Resampler::process(const std::vector<float>& in) {
  size_t out_n = in.size() * static_cast<size_t>(out_rate_) / static_cast<size_t>(in_rate_);
  std::vector<float> out(out_n);
  const auto& taps = kernel_->taps;
  for (size_t i = 0; i < out_n; ++i) {
    size_t src = i * static_cast<size_t>(in_rate_) / static_cast<size_t>(out_rate_);
    float acc = 0.0f;
    for (size_t t = 0; t < taps.size() && src + t < in.size(); ++t) acc += taps[t] * in[src + t];
    out[i] = acc;
  }
  if (out_n < 480) {
    if (auto track = owner_.lock()) track->report_underrun(480 - out_n);
  }
  return out;
}

std::shared_ptr<AudioTrack> open_track(const std::string& name, int in_rate,
                                       const std::shared_ptr<const FilterKernel>& kernel) {
  auto track = std::make_shared<AudioTrack>(name);
  ProcessingChain chain;
  chain.resampler = std::make_shared<Resampler>(in_rate, 48000, kernel);
  chain.eq = kernel;
  chain.gain = 0.8f;
  track->configure(std::move(chain));
  return track;
}

}  // namespace media

int main() {
  std::vector<float> pcm(441);
  for (size_t i = 0; i < pcm.size(); ++i) pcm[i] = std::sin(0.05f * static_cast<float>(i));

  for (int session = 0; session < 5; ++session) {
    auto kernel = std::make_shared<const media::FilterKernel>(16);
    std::vector<std::shared_ptr<media::AudioTrack>> mix;
    for (int t = 0; t < 4; ++t)
      mix.push_back(media::open_track("track" + std::to_string(t), t % 2 ? 44100 : 48000, kernel));
    size_t frames = 0, underruns = 0;
    for (auto& track : mix) {
      frames += track->render(pcm).size();
      underruns += track->underruns();
    }
    mix.clear();
    kernel.reset();
    std::printf("session %d: frames=%zu underruns=%zu live tracks=%d resamplers=%d kernels=%d\n",
                session, frames, underruns, media::AudioTrack::live, media::Resampler::live,
                media::FilterKernel::live);
  }
  return 0;
}
