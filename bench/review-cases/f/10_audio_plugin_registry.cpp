// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: InstanceRegistry<T> records `this` in a function-local static map on construction but erases it in its destructor (and blocks copies), so the static map only ever holds the plugin instances that are currently alive.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

template <typename Derived>
class InstanceRegistry {
public:
    using Map = std::unordered_map<std::uint32_t, Derived*>;

    static Map& instances() {
        static Map map;
        return map;
    }
    static Derived* find(std::uint32_t handle) {
        auto it = instances().find(handle);
        return it == instances().end() ? nullptr : it->second;
    }

    std::uint32_t handle() const { return handle_; }

protected:
    InstanceRegistry() : handle_(nextHandle()) {
        instances().emplace(handle_, static_cast<Derived*>(this));
    }
    ~InstanceRegistry() { instances().erase(handle_); }
    InstanceRegistry(const InstanceRegistry&) = delete;
    InstanceRegistry& operator=(const InstanceRegistry&) = delete;

private:
    static std::uint32_t nextHandle() {
        static std::uint32_t n = 0;
        return ++n;
    }
    std::uint32_t handle_;
};

class AudioPlugin : public InstanceRegistry<AudioPlugin> {
public:
    explicit AudioPlugin(std::string name) : name_(std::move(name)) {}
    virtual ~AudioPlugin() = default;
    virtual void process(float* samples, std::size_t n) = 0;
    void setParameter(int id, float v) {
        if (id >= 0 && static_cast<std::size_t>(id) < params_.size()) params_[id] = v;
    }
    const std::string& name() const { return name_; }

protected:
    std::vector<float> params_ = std::vector<float>(16, 0.f);

private:
    std::string name_;
};

class GainPlugin : public AudioPlugin {
public:
    GainPlugin() : AudioPlugin("gain") { params_[0] = 1.f; }
    void process(float* s, std::size_t n) override {
        for (std::size_t i = 0; i < n; ++i) s[i] *= params_[0];
    }
};

class DelayPlugin : public AudioPlugin {
public:
    DelayPlugin() : AudioPlugin("delay"), line_(48000, 0.f) {}
    void process(float* s, std::size_t n) override {
        for (std::size_t i = 0; i < n; ++i) {
            float d = line_[pos_];
            line_[pos_] = s[i];
            pos_ = (pos_ + 1) % line_.size();
            s[i] += 0.4f * d;
        }
    }

private:
    std::vector<float> line_;
    std::size_t pos_ = 0;
};

using PluginPtr = std::unique_ptr<AudioPlugin>;

PluginPtr instantiate(const std::string& kind) {
    if (kind == "delay") return std::make_unique<DelayPlugin>();
    return std::make_unique<GainPlugin>();
}

// Host-side automation arrives with a plugin handle from the UI thread.
void applyAutomation(std::uint32_t handle, int param, float value) {
    if (AudioPlugin* p = AudioPlugin::find(handle)) p->setParameter(param, value);
}

class Track {
public:
    std::uint32_t insert(const std::string& kind) {
        PluginPtr p = instantiate(kind);
        std::uint32_t h = p->handle();
        chain_.push_back(std::move(p));
        return h;
    }
    void removeLast() {
        if (!chain_.empty()) chain_.pop_back();
    }
    void render(std::vector<float>& buf) {
        for (auto& p : chain_) p->process(buf.data(), buf.size());
    }

private:
    std::vector<PluginPtr> chain_;
};

int main() {
    Track track;
    std::vector<float> block(256);
    for (int i = 0; i < 100000; ++i) {
        for (std::size_t k = 0; k < block.size(); ++k) block[k] = std::sin(0.01f * (i + k));
        std::uint32_t h = track.insert(i % 2 ? "gain" : "delay");
        applyAutomation(h, 0, 0.8f);
        track.render(block);
        if (i % 4 != 3) track.removeLast();  // user auditions plugins and removes most of them
        if (i % 1000 == 999) while (AudioPlugin::instances().size() > 8) track.removeLast();
    }
    std::printf("live plugins=%zu\n", AudioPlugin::instances().size());
    return 0;
}
