// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Voice::noteOn() registers a lambda capturing shared_from_this() in the handler list of its own Envelope member, so the voice owns a callback that owns the voice and is never freed after the synth drops it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace dsp {

class Envelope {
public:
    using Handler = std::function<void()>;

    void setAdsr(float a, float d, float s, float r) { a_ = a; d_ = d; s_ = s; r_ = r; }
    void onFinished(Handler h) { finished_.push_back(std::move(h)); }  // LEAK-HERE

    void gate(bool on) { gate_ = on; if (on) t_ = 0.f; }

    float next(float dt) {
        t_ += dt;
        if (gate_) {
            if (t_ < a_) level_ = t_ / a_;
            else level_ = std::max(s_, 1.f - (t_ - a_) / d_ * (1.f - s_));
        } else {
            level_ -= dt / r_;
            if (level_ <= 0.f && !done_) {
                level_ = 0.f;
                done_ = true;
                for (auto& h : finished_) h();
            }
        }
        return level_;
    }

private:
    float a_ = 0.01f, d_ = 0.1f, s_ = 0.7f, r_ = 0.2f;
    float t_ = 0.f, level_ = 0.f;
    bool gate_ = false, done_ = false;
    std::vector<Handler> finished_;  // LEAK-HERE
};

class Voice : public std::enable_shared_from_this<Voice> {
public:
    explicit Voice(int note) : freq_(440.f * std::pow(2.f, (note - 69) / 12.f)) {}

    void noteOn() {
        env_.setAdsr(0.005f, 0.08f, 0.6f, 0.15f);
        env_.onFinished([self = shared_from_this()] { self->active_ = false; });  // LEAK-HERE
        env_.gate(true);
    }
    void noteOff() { env_.gate(false); }
    bool active() const { return active_; }

    float render(float dt) {
        phase_ += freq_ * dt;
        if (phase_ > 1.f) phase_ -= 1.f;
        return env_.next(dt) * (phase_ < 0.5f ? 1.f : -1.f);
    }

private:
    float freq_;
    float phase_ = 0.f;
    bool active_ = true;
    Envelope env_;
};

class PolySynth {
public:
    void noteOn(int note) {
        auto v = std::make_shared<Voice>(note);
        v->noteOn();
        voices_.push_back(std::move(v));
    }

    void releaseAll() { for (auto& v : voices_) v->noteOff(); }

    float renderBlock(int frames, float sampleRate) {
        float peak = 0.f;
        for (int i = 0; i < frames; ++i) {
            float mix = 0.f;
            for (auto& v : voices_) mix += v->render(1.f / sampleRate);
            peak = std::max(peak, std::fabs(mix));
        }
        voices_.erase(std::remove_if(voices_.begin(), voices_.end(),
                                     [](const std::shared_ptr<Voice>& v) { return !v->active(); }),
                      voices_.end());
        return peak;
    }

    std::size_t voiceCount() const { return voices_.size(); }

private:
    std::vector<std::shared_ptr<Voice>> voices_;
};

}  // namespace dsp

int main() {
    dsp::PolySynth synth;
    float peak = 0.f;
    for (int block = 0; block < 50000; ++block) {
        if (block % 8 == 0) synth.noteOn(48 + block % 24);
        if (block % 8 == 4) synth.releaseAll();
        peak = std::max(peak, synth.renderBlock(64, 48000.f));
    }
    std::printf("peak %.3f, voices %zu\n", peak, synth.voiceCount());
    return 0;
}
