// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Every Voice adds this to a static registry in all of its constructors and removes it in its destructor, so the registry only ever contains live voices.
#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_set>
#include <vector>
#include <string>

namespace audio {

class Voice {
public:
    explicit Voice(float freqHz, float gain = 0.5f) : freq_(freqHz), gain_(gain) { enroll(); }
    Voice(const Voice& o) : freq_(o.freq_), gain_(o.gain_), phase_(o.phase_) { enroll(); }
    Voice& operator=(const Voice& o) {
        freq_ = o.freq_;
        gain_ = o.gain_;
        phase_ = o.phase_;
        return *this;
    }
    ~Voice() {
        std::lock_guard<std::mutex> lk(registryMutex());
        registry().erase(this);
    }

    void render(std::vector<float>& out, float sampleRate) {
        for (auto& s : out) {
            s += gain_ * std::sin(phase_);
            phase_ += 2.0f * 3.14159265f * freq_ / sampleRate;
        }
    }
    void silence() { gain_ = 0.0f; }

    static void silenceAll() {
        std::lock_guard<std::mutex> lk(registryMutex());
        for (Voice* v : registry()) v->silence();
    }
    static size_t liveCount() {
        std::lock_guard<std::mutex> lk(registryMutex());
        return registry().size();
    }

private:
    void enroll() {
        std::lock_guard<std::mutex> lk(registryMutex());
        registry().insert(this);
    }
    static std::unordered_set<Voice*>& registry() {
        static std::unordered_set<Voice*> voices;
        return voices;
    }
    static std::mutex& registryMutex() {
        static std::mutex m;
        return m;
    }

    float freq_;
    float gain_;
    float phase_ = 0.0f;
};

float noteToHz(int midi) { return 440.0f * std::pow(2.0f, (midi - 69) / 12.0f); }

class Synth {
public:
    void noteOn(int midi) { voices_.emplace_back(noteToHz(midi)); }
    void noteOffAll() { voices_.clear(); }
    void process(std::vector<float>& block) {
        std::fill(block.begin(), block.end(), 0.0f);
        for (auto& v : voices_) v.render(block, 48000.0f);
    }

private:
    std::vector<Voice> voices_;
};

} // namespace audio

int main() {
    audio::Synth synth;
    std::vector<float> block(256);
    for (int bar = 0; bar < 10000; ++bar) {
        synth.noteOn(60 + bar % 12);
        synth.noteOn(64 + bar % 12);
        synth.process(block);
        if (bar % 50 == 49) audio::Voice::silenceAll();
        synth.noteOffAll();
    }
    return audio::Voice::liveCount() == 0 ? 0 : 1;
}
