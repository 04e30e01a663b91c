// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Every Plugin activation stores shared_from_this() into the process-wide PluginHost's activation list, which deactivate() and hot reloads never prune, so replaced plugin instances stay alive.
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace plugins {

class Plugin;
using PluginPtr = std::shared_ptr<Plugin>;
using PluginFactory = std::function<PluginPtr()>;

class PluginHost {
public:
    static PluginHost& instance() {
        static PluginHost host;
        return host;
    }

    void registerFactory(const std::string& name, PluginFactory f) { factories_[name] = std::move(f); }
    PluginPtr load(const std::string& name);
    void noteActivated(PluginPtr p) { activated_.push_back(std::move(p)); } // LEAK-HERE
    std::size_t activations() const { return activated_.size(); }

private:
    PluginHost() = default;
    std::map<std::string, PluginFactory> factories_;
    std::vector<PluginPtr> activated_; // LEAK-HERE
};

class Plugin : public std::enable_shared_from_this<Plugin> {
public:
    virtual ~Plugin() = default;
    virtual std::string name() const = 0;
    virtual std::string process(const std::string& in) = 0;

    void activate() {
        active_ = true;
        PluginHost::instance().noteActivated(shared_from_this()); // LEAK-HERE
    }
    void deactivate() { active_ = false; }
    bool active() const { return active_; }

protected:
    std::vector<char> workspace_ = std::vector<char>(64 * 1024);

private:
    bool active_ = false;
};

PluginPtr PluginHost::load(const std::string& name) {
    auto it = factories_.find(name);
    if (it == factories_.end()) return nullptr;
    PluginPtr p = it->second();
    p->activate();
    return p;
}

class UppercaseFilter : public Plugin {
public:
    std::string name() const override { return "upper"; }
    std::string process(const std::string& in) override {
        std::string out = in;
        for (auto& c : out) c = static_cast<char>((c >= 'a' && c <= 'z') ? c - 32 : c);
        return out;
    }
};

class ReverseFilter : public Plugin {
public:
    std::string name() const override { return "reverse"; }
    std::string process(const std::string& in) override { return {in.rbegin(), in.rend()}; }
};

class Pipeline {
public:
    void reload(const std::vector<std::string>& names) {
        for (auto& p : stages_) p->deactivate();
        stages_.clear();
        for (const auto& n : names) {
            if (auto p = PluginHost::instance().load(n)) stages_.push_back(std::move(p));
        }
    }
    std::string run(std::string s) const {
        for (const auto& p : stages_) s = p->process(s);
        return s;
    }

private:
    std::vector<PluginPtr> stages_;
};

} // namespace plugins

int main() {
    auto& host = plugins::PluginHost::instance();
    host.registerFactory("upper", [] { return std::make_shared<plugins::UppercaseFilter>(); });
    host.registerFactory("reverse", [] { return std::make_shared<plugins::ReverseFilter>(); });

    plugins::Pipeline pipeline;
    unsigned generation = 0;
    for (;;) {
        pipeline.reload(generation % 2 ? std::vector<std::string>{"upper"}
                                       : std::vector<std::string>{"reverse", "upper"});
        std::cout << pipeline.run("config generation " + std::to_string(generation)) << '\n';
        if (++generation == 100000) break;
    }
    std::cout << "activations tracked: " << host.activations() << '\n';
}
