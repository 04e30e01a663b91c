// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: plugins register `this` in the static PluginManager map from their constructor, but the Plugin base destructor unregisters it on every destruction path, so the static map only ever holds live plugins.
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace host {

class Plugin;
using PluginMap = std::map<std::string, Plugin*>;

class PluginManager {
public:
    static PluginManager& self() {
        static PluginManager mgr;
        return mgr;
    }
    void registerPlugin(const std::string& id, Plugin* p);
    void unregisterPlugin(const std::string& id, Plugin* p);
    Plugin* lookup(const std::string& id);
    std::size_t count() const { return plugins_.size(); }

private:
    std::mutex mu_;
    PluginMap plugins_;
};

void PluginManager::registerPlugin(const std::string& id, Plugin* p) {
    std::lock_guard<std::mutex> lk(mu_);
    plugins_[id] = p;
}

void PluginManager::unregisterPlugin(const std::string& id, Plugin* p) {
    std::lock_guard<std::mutex> lk(mu_);
    auto it = plugins_.find(id);
    if (it != plugins_.end() && it->second == p) plugins_.erase(it);
}

Plugin* PluginManager::lookup(const std::string& id) {
    std::lock_guard<std::mutex> lk(mu_);
    auto it = plugins_.find(id);
    return it == plugins_.end() ? nullptr : it->second;
}

class Plugin {
public:
    explicit Plugin(std::string id) : id_(std::move(id)) {
        PluginManager::self().registerPlugin(id_, this);
    }
    virtual ~Plugin() { PluginManager::self().unregisterPlugin(id_, this); }
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

    virtual std::string process(const std::string& in) = 0;
    const std::string& id() const { return id_; }

private:
    std::string id_;
};

class UpperCasePlugin : public Plugin {
public:
    using Plugin::Plugin;
    std::string process(const std::string& in) override {
        std::string out = in;
        for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
        return out;
    }
};

class ReversePlugin : public Plugin {
public:
    using Plugin::Plugin;
    std::string process(const std::string& in) override { return {in.rbegin(), in.rend()}; }
};

using Factory = std::function<std::unique_ptr<Plugin>(const std::string&)>;

// Filled once at start-up; never grows afterwards.
const std::map<std::string, Factory>& factories() {
    static const std::map<std::string, Factory> table = {
        {"upper", [](const std::string& id) { return std::make_unique<UpperCasePlugin>(id); }},
        {"reverse", [](const std::string& id) { return std::make_unique<ReversePlugin>(id); }},
    };
    return table;
}

std::unique_ptr<Plugin> loadPlugin(const std::string& kind, const std::string& instanceId) {
    auto it = factories().find(kind);
    if (it == factories().end()) return nullptr;
    return it->second(instanceId);
}

}  // namespace host

int main() {
    std::vector<std::unique_ptr<host::Plugin>> active;
    for (int req = 0; req < 50000; ++req) {
        const char* kind = (req % 2) ? "upper" : "reverse";
        auto p = host::loadPlugin(kind, std::string(kind) + "#" + std::to_string(req));
        if (!p) continue;
        if (host::Plugin* found = host::PluginManager::self().lookup(p->id()))
            found->process("payload-" + std::to_string(req));
        active.push_back(std::move(p));
        if (active.size() > 16) active.erase(active.begin());  // hot-unload oldest
    }
    active.clear();
    std::cout << "registered after unload: " << host::PluginManager::self().count() << "\n";
}
