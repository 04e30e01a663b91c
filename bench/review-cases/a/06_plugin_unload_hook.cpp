// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: loadPlugin() gives each Plugin an unload hook lambda that captures the plugin's own shared_ptr and stores it in the plugin, so unloading from the host never frees the plugin.
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <map>
#include <algorithm>

namespace host {

struct PluginManifest {
    std::string id;
    std::string version;
    std::vector<std::string> provides;
};

PluginManifest parseManifest(const std::string& spec) {
    PluginManifest m;
    auto at = spec.find('@');
    m.id = spec.substr(0, at);
    m.version = at == std::string::npos ? "0.0.0" : spec.substr(at + 1);
    m.provides.push_back(m.id + ".main");
    return m;
}

class Plugin {
public:
    explicit Plugin(PluginManifest m) : manifest_(std::move(m)) {}

    void setOnUnload(std::function<void()> fn) { onUnload_ = std::move(fn); } // LEAK-HERE
    void unload() {
        if (onUnload_) onUnload_();
    }
    void releaseResources() { scratch_.clear(); scratch_.shrink_to_fit(); }
    void warmUp() { scratch_.assign(4096, 0); }
    const PluginManifest& manifest() const { return manifest_; }

private:
    PluginManifest manifest_;
    std::vector<unsigned char> scratch_;
    std::function<void()> onUnload_; // LEAK-HERE
};

std::shared_ptr<Plugin> loadPlugin(const std::string& spec) {
    auto plugin = std::make_shared<Plugin>(parseManifest(spec));
    plugin->warmUp();
    plugin->setOnUnload([plugin]() { plugin->releaseResources(); }); // LEAK-HERE
    return plugin;
}

class PluginHost {
public:
    void load(const std::string& spec) {
        auto p = loadPlugin(spec);
        loaded_[p->manifest().id] = p;
    }
    void unload(const std::string& id) {
        auto it = loaded_.find(id);
        if (it == loaded_.end()) return;
        it->second->unload();
        loaded_.erase(it);
    }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (auto& kv : loaded_) out.push_back(kv.first);
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    std::map<std::string, std::shared_ptr<Plugin>> loaded_;
};

} // namespace host

int main() {
    host::PluginHost h;
    for (int round = 0; round < 30; ++round) {
        h.load("codec-opus@1.3." + std::to_string(round));
        h.load("fmt-json@2.0");
        for (const auto& id : h.ids()) h.unload(id);
    }
    return 0;
}
