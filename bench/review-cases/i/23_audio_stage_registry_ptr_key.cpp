// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Every Stage puts shared_from_this() into the singleton StageRegistry keyed by its own address cast to uintptr_t; the only erase is in ~Stage(), which can never run while the registry holds the strong reference.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace audio {

class Stage;

// Control surfaces address stages by an opaque integer handle.
class StageRegistry {
 public:
  static StageRegistry& instance() {
    static StageRegistry registry;
    return registry;
  }
  ~StageRegistry() {
    // Stages call remove() from their destructors; drain into a local first.
    auto doomed = std::move(stages_);
    doomed.clear();
  }
  void add(uintptr_t handle, std::shared_ptr<Stage> stage) {
    stages_[handle] = std::move(stage);  // LEAK-HERE
  }
  void remove(uintptr_t handle) { stages_.erase(handle); }
  std::shared_ptr<Stage> find(uintptr_t handle) const {
    auto it = stages_.find(handle);
    return it == stages_.end() ? nullptr : it->second;
  }
  size_t size() const { return stages_.size(); }

 private:
  std::unordered_map<uintptr_t, std::shared_ptr<Stage>> stages_;  // LEAK-HERE
};

class Stage : public std::enable_shared_from_this<Stage> {
 public:
  explicit Stage(std::string name) : name_(std::move(name)) { ++live_; }
  virtual ~Stage() {
    StageRegistry::instance().remove(handle());
    --live_;
  }
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;

  uintptr_t handle() const { return reinterpret_cast<uintptr_t>(this); }
  void attach() {
    auto self = shared_from_this();
    StageRegistry::instance().add(handle(), self);  // LEAK-HERE
  }
  virtual void set_param(float v) = 0;
  virtual void process(std::vector<float>& buf) = 0;
  const std::string& name() const { return name_; }
  static int live() { return live_; }

 private:
  std::string name_;
  static int live_;
};
int Stage::live_ = 0;

class GainStage : public Stage {
 public:
  explicit GainStage(float db) : Stage("gain") { set_param(db); }
  void set_param(float db) override { gain_ = std::pow(10.0f, db / 20.0f); }
  void process(std::vector<float>& buf) override {
    for (auto& s : buf) s *= gain_;
  }

 private:
  float gain_ = 1.0f;
};

class OnePoleLowPass : public Stage {
 public:
  explicit OnePoleLowPass(float alpha) : Stage("lowpass"), alpha_(alpha) {}
  void set_param(float a) override { alpha_ = a; }
  void process(std::vector<float>& buf) override {
    for (auto& s : buf) {
      state_ += alpha_ * (s - state_);
      s = state_;
    }
  }

 private:
  float alpha_;
  float state_ = 0.0f;
};

template <typename T, typename... Args>
std::shared_ptr<T> make_stage(Args&&... args) {
  auto stage = std::make_shared<T>(std::forward<Args>(args)...);
  stage->attach();
  return stage;
}

class Pipeline {
 public:
  void append(std::shared_ptr<Stage> s) { stages_.push_back(std::move(s)); }
  std::vector<uintptr_t> handles() const {
    std::vector<uintptr_t> out;
    for (auto& s : stages_) out.push_back(s->handle());
    return out;
  }
  void run(std::vector<float>& buf) {
    for (auto& s : stages_) s->process(buf);
  }

 private:
  std::vector<std::shared_ptr<Stage>> stages_;
};

// What an OSC/MIDI control message handler does.
bool apply_control(uintptr_t handle, float value) {
  if (auto stage = StageRegistry::instance().find(handle)) {
    stage->set_param(value);
    return true;
  }
  return false;
}

Pipeline build_track_chain(float gain_db) {
  Pipeline p;
  p.append(make_stage<GainStage>(gain_db));
  p.append(make_stage<OnePoleLowPass>(0.2f));
  return p;
}

}  // namespace audio

int main() {
  std::vector<float> block(256);
  for (int track = 0; track < 6; ++track) {
    audio::Pipeline chain = audio::build_track_chain(-6.0f);
    auto handles = chain.handles();
    audio::apply_control(handles.front(), -3.0f);
    for (size_t i = 0; i < block.size(); ++i) block[i] = std::sin(0.01f * static_cast<float>(i));
    chain.run(block);
    std::printf("track %d done: live stages=%d registry=%zu\n", track, audio::Stage::live(),
                audio::StageRegistry::instance().size());
  }
  return 0;
}
