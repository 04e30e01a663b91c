// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: PluginHost owns its Modules and each Module owns its ModuleContext, but the context's back edge to the host is a weak_ptr<HostServices> that modules lock on use, so dropping the last external handle destroys the host and then its modules.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace plugins {

class HostServices {
 public:
  virtual ~HostServices() = default;
  virtual void log(const std::string& module, const std::string& msg) = 0;
  virtual int api_version() const = 0;
  virtual std::string config_value(const std::string& key) const = 0;
};

struct ModuleContext {
  std::string name;
  std::weak_ptr<HostServices> host;
  std::map<std::string, std::string> settings;
};

class Module {
 public:
  explicit Module(std::unique_ptr<ModuleContext> ctx) : ctx_(std::move(ctx)) { ++live_; }
  virtual ~Module() { --live_; }
  virtual bool on_load() = 0;
  virtual void on_unload() {}
  const std::string& name() const { return ctx_->name; }
  static int live() { return live_; }

 protected:
  std::shared_ptr<HostServices> host() const { return ctx_->host.lock(); }
  const ModuleContext& context() const { return *ctx_; }

 private:
  std::unique_ptr<ModuleContext> ctx_;
  static int live_;
};
int Module::live_ = 0;

class MetricsModule : public Module {
 public:
  using Module::Module;
  bool on_load() override {
    auto h = host();
    if (!h) return false;
    interval_ = std::stoi(h->config_value("metrics.interval"));
    h->log(name(), "exporting every " + std::to_string(interval_) + "s");
    return h->api_version() >= 3;
  }

 private:
  int interval_ = 0;
};

class AuthModule : public Module {
 public:
  using Module::Module;
  bool on_load() override {
    if (auto h = host()) realm_ = h->config_value("auth.realm");
    return !realm_.empty();
  }
  void on_unload() override {
    if (auto h = host()) h->log(name(), "revoking tokens for " + realm_);
  }

 private:
  std::string realm_;
};

using ModuleFactory = std::function<std::shared_ptr<Module>(std::unique_ptr<ModuleContext>)>;

template <class T>
ModuleFactory factory_for() {
  return [](std::unique_ptr<ModuleContext> ctx) { return std::make_shared<T>(std::move(ctx)); };
}

class PluginHost : public HostServices, public std::enable_shared_from_this<PluginHost> {
 public:
  static std::shared_ptr<PluginHost> create(std::string app) {
    auto host = std::shared_ptr<PluginHost>(new PluginHost(std::move(app)));
    host->factories_["metrics"] = factory_for<MetricsModule>();
    host->factories_["auth"] = factory_for<AuthModule>();
    return host;
  }

  ~PluginHost() override {
    for (auto& kv : loaded_) kv.second->on_unload();
    --live_;
  }

  bool load(const std::string& name) {
    auto f = factories_.find(name);
    if (f == factories_.end() || loaded_.count(name)) return false;
    std::shared_ptr<Module> mod = f->second(make_context(name));
    if (!mod->on_load()) return false;
    loaded_.emplace(name, std::move(mod));
    return true;
  }

  void unload(const std::string& name) {
    auto it = loaded_.find(name);
    if (it == loaded_.end()) return;
    it->second->on_unload();
    loaded_.erase(it);
  }

  void log(const std::string& module, const std::string& msg) override {
    ++log_lines_;
    if (verbose_) std::printf("[%s/%s] %s\n", app_.c_str(), module.c_str(), msg.c_str());
  }
  int api_version() const override { return 3; }
  std::string config_value(const std::string& key) const override {
    if (key == "metrics.interval") return "15";
    if (key == "auth.realm") return app_ + ".internal";
    return {};
  }
  static int live() { return live_; }

 private:
  explicit PluginHost(std::string app) : app_(std::move(app)) { ++live_; }

  std::shared_ptr<HostServices> services() { return shared_from_this(); }

  std::unique_ptr<ModuleContext> make_context(const std::string& name) {
    auto ctx = std::make_unique<ModuleContext>();
    ctx->name = name;
    ctx->host = services();
    ctx->settings["app"] = app_;
    return ctx;
  }

  std::string app_;
  bool verbose_ = false;
  long log_lines_ = 0;
  std::map<std::string, ModuleFactory> factories_;
  std::map<std::string, std::shared_ptr<Module>> loaded_;
  static int live_;
};
int PluginHost::live_ = 0;

// Simulates a config reload: build a fresh host, load modules, hot-swap auth.
int reload_tenant(const std::string& tenant) {
  std::shared_ptr<PluginHost> host = PluginHost::create(tenant);
  int ok = 0;
  for (const char* name : {"metrics", "auth"}) ok += host->load(name) ? 1 : 0;
  host->unload("auth");
  ok += host->load("auth") ? 1 : 0;
  return ok;
}

}  // namespace plugins

int main() {
  using namespace plugins;
  const std::vector<std::string> tenants = {"billing", "search", "ingest", "web"};
  int loaded = 0;
  for (int round = 1; round <= 200; ++round) {
    loaded += reload_tenant(tenants[round % tenants.size()]);
    if (round % 50 == 0)
      std::printf("reloads=%d live_hosts=%d live_modules=%d\n", round, PluginHost::live(),
                  Module::live());
  }
  std::printf("modules loaded=%d\n", loaded);
  return 0;
}
