// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: ModelEndpoint::start() registers std::bind(&ModelEndpoint::onWeightsChanged, shared_from_this(), _1) in the listener list of the WeightWatcher it owns by value, and there is no unsubscribe, so every endpoint replaced during a rollout stays alive with its loaded tensors.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace serving {

class WeightWatcher {
public:
    using Listener = std::function<void(const std::string& checkpoint)>;

    explicit WeightWatcher(std::string dir) : dir_(std::move(dir)) {}

    void subscribe(Listener l) { listeners_.push_back(std::move(l)); }  // LEAK-HERE

    void scan(std::uint64_t generation) {
        if (generation == lastGeneration_) return;
        lastGeneration_ = generation;
        const std::string ckpt = dir_ + "/ckpt-" + std::to_string(generation);
        for (auto& l : listeners_) l(ckpt);
    }

private:
    std::string dir_;
    std::uint64_t lastGeneration_ = 0;
    std::vector<Listener> listeners_;  // LEAK-HERE
};

struct Tensor {
    std::vector<float> data;
};

class ModelEndpoint : public std::enable_shared_from_this<ModelEndpoint> {
public:
    ModelEndpoint(std::string name, int version)
        : name_(std::move(name)), version_(version), watcher_("/models/" + name_) {}

    void start() {
        using namespace std::placeholders;
        watcher_.subscribe(std::bind(&ModelEndpoint::onWeightsChanged, shared_from_this(), _1));  // LEAK-HERE
        watcher_.scan(1);
    }

    float predict(const std::vector<float>& x) const {
        float acc = 0.f;
        for (std::size_t i = 0; i < x.size() && i < weights_.data.size(); ++i) acc += x[i] * weights_.data[i];
        return acc;
    }

    void poll(std::uint64_t generation) { watcher_.scan(generation); }
    int version() const { return version_; }

private:
    void onWeightsChanged(const std::string& checkpoint) {
        weights_.data.assign(4096, static_cast<float>(checkpoint.size()) * 0.001f);
        ++reloads_;
    }

    std::string name_;
    int version_;
    Tensor weights_;
    int reloads_ = 0;
    WeightWatcher watcher_;
};

class Router {
public:
    void deploy(const std::string& name, int version) {
        auto ep = std::make_shared<ModelEndpoint>(name, version);
        ep->start();
        live_ = std::move(ep);  // old version is retired
    }
    float infer(const std::vector<float>& x) { return live_ ? live_->predict(x) : 0.f; }

private:
    std::shared_ptr<ModelEndpoint> live_;
};

}  // namespace serving

int main() {
    serving::Router router;
    std::vector<float> features(64, 0.5f);
    double sum = 0;
    for (int v = 1; v <= 5000; ++v) {
        router.deploy("ranker", v);  // canary rollout: a new version every cycle
        for (int q = 0; q < 4; ++q) sum += router.infer(features);
    }
    std::printf("sum=%f\n", sum);
    return 0;
}
