// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: Grain::trigger() registers its completion handler with a weak_from_this() capture that is locked on invocation, so the callback stored in the grain's own Envelope does not keep the grain alive after the engine drops it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace granular {

class WindowEnvelope {
public:
    using DoneFn = std::function<void()>;

    void configure(int lengthSamples) { length_ = lengthSamples; pos_ = 0; }
    void addDoneHandler(DoneFn fn) { done_.push_back(std::move(fn)); }

    float next() {
        if (pos_ >= length_) return 0.f;
        float x = float(pos_) / float(length_);
        float w = 0.5f - 0.5f * std::cos(6.2831853f * x);  // Hann window
        if (++pos_ == length_)
            for (auto& fn : done_) fn();
        return w;
    }

private:
    int length_ = 1;
    int pos_ = 0;
    std::vector<DoneFn> done_;
};

class Grain : public std::enable_shared_from_this<Grain> {
public:
    Grain(const std::vector<float>& source, std::size_t offset, float pitch)
        : source_(source), offset_(offset), pitch_(pitch) {}

    void trigger(int lengthSamples) {
        window_.configure(lengthSamples);
        std::weak_ptr<Grain> weak = weak_from_this();
        window_.addDoneHandler([weak] {
            if (auto self = weak.lock())
                self->finished_ = true;
        });
    }

    float render() {
        std::size_t idx = (offset_ + static_cast<std::size_t>(read_)) % source_.size();
        read_ += pitch_;
        return source_[idx] * window_.next();
    }

    bool finished() const { return finished_; }

private:
    const std::vector<float>& source_;
    std::size_t offset_;
    float pitch_;
    float read_ = 0.f;
    bool finished_ = false;
    WindowEnvelope window_;
};

class GranularEngine {
public:
    explicit GranularEngine(std::vector<float> sample) : sample_(std::move(sample)) {}

    void spawnGrain(std::size_t offset, float pitch) {
        auto g = std::make_shared<Grain>(sample_, offset, pitch);
        g->trigger(512);
        grains_.push_back(std::move(g));
    }

    float process(int frames) {
        float energy = 0.f;
        for (int i = 0; i < frames; ++i) {
            float s = 0.f;
            for (auto& g : grains_) s += g->render();
            energy += s * s;
        }
        grains_.erase(std::remove_if(grains_.begin(), grains_.end(),
                                     [](const std::shared_ptr<Grain>& g) { return g->finished(); }),
                      grains_.end());
        return energy;
    }

    std::size_t activeGrains() const { return grains_.size(); }

private:
    std::vector<float> sample_;
    std::vector<std::shared_ptr<Grain>> grains_;
};

}  // namespace granular

int main() {
    std::vector<float> sample(48000);
    for (std::size_t i = 0; i < sample.size(); ++i)
        sample[i] = std::sin(0.05f * float(i));
    granular::GranularEngine engine(std::move(sample));
    float energy = 0.f;
    for (int block = 0; block < 100000; ++block) {
        engine.spawnGrain(static_cast<std::size_t>(block * 97) % 48000, 0.5f + (block % 5) * 0.25f);
        energy += engine.process(128);
    }
    std::printf("energy %.2f grains %zu\n", energy, engine.activeGrains());
    return 0;
}
