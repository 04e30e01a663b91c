// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Plugins register their raw this pointer into the singleton PluginRegistry from the constructor and erase it in the destructor, and the host owns plugins through unique_ptr and unloads them, so the registry never outlives or retains an instance.
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#define HOST_LOG(x) (std::cout << "[host] " << x << std::endl)

namespace host {

class Plugin;

class PluginRegistry {
public:
    static PluginRegistry& instance();

    void add(Plugin* p, const std::string& name);
    void remove(Plugin* p);
    std::vector<std::string> names() const;

private:
    PluginRegistry() = default;
    mutable std::mutex mu_;
    std::unordered_map<Plugin*, std::string> live_;
};

class Plugin {
public:
    explicit Plugin(std::string name);
    virtual ~Plugin();
    Plugin(const Plugin&) = delete;
    Plugin& operator=(const Plugin&) = delete;

    virtual void onMessage(const std::string& msg) = 0;
    const std::string& name() const { return name_; }

private:
    std::string name_;
};

PluginRegistry& PluginRegistry::instance() {
    static PluginRegistry reg;
    return reg;
}

void PluginRegistry::add(Plugin* p, const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    live_[p] = name;
}

void PluginRegistry::remove(Plugin* p) {
    std::lock_guard<std::mutex> lock(mu_);
    live_.erase(p);
}

std::vector<std::string> PluginRegistry::names() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (const auto& [ptr, name] : live_) out.push_back(name);
    return out;
}

Plugin::Plugin(std::string name) : name_(std::move(name)) {
    PluginRegistry::instance().add(this, name_);
}

Plugin::~Plugin() {
    PluginRegistry::instance().remove(this);
}

class SpellChecker : public Plugin {
public:
    SpellChecker() : Plugin("spellcheck") {}
    void onMessage(const std::string& msg) override { checked_ += msg.size(); }

private:
    std::size_t checked_ = 0;
};

class Formatter : public Plugin {
public:
    Formatter() : Plugin("formatter") {}
    void onMessage(const std::string&) override { ++runs_; }

private:
    unsigned runs_ = 0;
};

class PluginHost {
public:
    void load(const std::string& id);
    void unload(const std::string& id) { loaded_.erase(id); }
    void broadcast(const std::string& msg);

private:
    std::map<std::string, std::unique_ptr<Plugin>> loaded_;
};

void PluginHost::load(const std::string& id) {
    std::unique_ptr<Plugin> p;
    if (id == "spellcheck") p = std::make_unique<SpellChecker>();
    else if (id == "formatter") p = std::make_unique<Formatter>();
    if (!p) {
        HOST_LOG("unknown plugin " << id);
        return;
    }
    loaded_[id] = std::move(p);
    HOST_LOG(PluginRegistry::instance().names().size() << " plugins live");
}

void PluginHost::broadcast(const std::string& msg) {
    for (auto& [id, p] : loaded_) p->onMessage(msg);
}

}  // namespace host
