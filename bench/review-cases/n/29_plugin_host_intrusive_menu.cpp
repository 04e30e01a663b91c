// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Each plugin holds an intrusive Ref<PluginContext> in ctx_, and activate() wraps the raw `this` in a Ref<Plugin> stored in the context's menu contributions, so the Plugin<->PluginContext reference-count cycle outlives unload() and neither object is ever deleted.
#include <cstdio>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace studio {

template <typename T>
struct LiveCount {
  static inline int live = 0;
  LiveCount() { ++live; }
  LiveCount(const LiveCount&) { ++live; }
  ~LiveCount() { --live; }
};

class RefCounted {
 public:
  void addRef() const { ++refs_; }
  void release() const {
    if (--refs_ == 0) delete this;
  }

 protected:
  virtual ~RefCounted() = default;

 private:
  mutable int refs_ = 0;
};

template <typename T>
class Ref {
 public:
  Ref() = default;
  explicit Ref(T* p) : p_(p) { if (p_) p_->addRef(); }
  Ref(const Ref& o) : Ref(o.p_) {}
  Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  template <typename U, typename = std::enable_if_t<std::is_convertible_v<U*, T*>>>
  Ref(const Ref<U>& o) : Ref(o.get()) {}
  Ref& operator=(Ref o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~Ref() { if (p_) p_->release(); }
  T* operator->() const { return p_; }
  T* get() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }

 private:
  T* p_ = nullptr;
};

template <typename T, typename... Args>
Ref<T> makeRef(Args&&... args) { return Ref<T>(new T(std::forward<Args>(args)...)); }

class ServiceHub : public RefCounted {
 public:
  std::string renderMarkdown(const std::string& src) const { return "<p>" + src + "</p>"; }
  std::string blame(const std::string& file) const { return file + ": alice 3 days ago"; }
};

class Plugin;

struct MenuContribution {
  std::string path;
  Ref<Plugin> handler;  // LEAK-HERE
};

class PluginContext : public RefCounted, private LiveCount<PluginContext> {
 public:
  PluginContext(std::string pluginId, Ref<ServiceHub> hub) : pluginId_(std::move(pluginId)), hub_(std::move(hub)) {}

  void contributeMenuItem(std::string path, Ref<Plugin> handler) {
    menu_.push_back(MenuContribution{std::move(path), std::move(handler)});  // LEAK-HERE
  }
  bool invoke(const std::string& path) const;
  const ServiceHub& services() const { return *hub_.get(); }
  size_t menuItems() const { return menu_.size(); }

 private:
  std::string pluginId_;
  Ref<ServiceHub> hub_;
  std::vector<MenuContribution> menu_;  // LEAK-HERE
};

class Plugin : public RefCounted, private LiveCount<Plugin> {
 public:
  virtual const char* name() const = 0;
  virtual void activate(const Ref<PluginContext>& ctx) { ctx_ = ctx; }  // LEAK-HERE
  virtual void deactivate() {}
  virtual std::string onCommand(const std::string& path) = 0;

 protected:
  Ref<PluginContext> ctx_;  // LEAK-HERE
};

bool PluginContext::invoke(const std::string& path) const {
  for (const auto& item : menu_)
    if (item.path == path) return !item.handler->onCommand(path).empty();
  return false;
}

class MarkdownPreviewPlugin final : public Plugin {
 public:
  const char* name() const override { return "markdown-preview"; }
  void activate(const Ref<PluginContext>& ctx) override {
    Plugin::activate(ctx);
    Ref<Plugin> handler(this);
    ctx->contributeMenuItem("View/Markdown Preview", handler);  // LEAK-HERE
  }
  std::string onCommand(const std::string&) override { return ctx_->services().renderMarkdown("# README"); }
};

class GitBlamePlugin final : public Plugin {
 public:
  const char* name() const override { return "git-blame"; }
  void activate(const Ref<PluginContext>& ctx) override {
    Plugin::activate(ctx);
    for (const char* path : {"Git/Blame Line", "Git/Blame File"}) ctx->contributeMenuItem(path, Ref<Plugin>(this));  // LEAK-HERE
  }
  std::string onCommand(const std::string& path) override { return ctx_->services().blame(path); }
};

using PluginFactory = Ref<Plugin> (*)();

std::map<std::string, PluginFactory>& catalog() {
  static std::map<std::string, PluginFactory> factories;
  return factories;
}

class PluginHost {
 public:
  PluginHost() : hub_(makeRef<ServiceHub>()) {}

  bool load(const std::string& id) {
    auto f = catalog().find(id);
    if (f == catalog().end()) return false;
    Ref<PluginContext> ctx = makeRef<PluginContext>(id, hub_);
    Ref<Plugin> plugin = f->second();
    plugin->activate(ctx);
    loaded_[id] = Loaded{plugin, ctx};
    return true;
  }

  void unload(const std::string& id) {
    auto it = loaded_.find(id);
    if (it == loaded_.end()) return;
    it->second.plugin->deactivate();
    loaded_.erase(it);
  }

  bool runMenu(const std::string& id, const std::string& path) {
    auto it = loaded_.find(id);
    return it != loaded_.end() && it->second.ctx->invoke(path);
  }

 private:
  struct Loaded {
    Ref<Plugin> plugin;
    Ref<PluginContext> ctx;
  };
  Ref<ServiceHub> hub_;
  std::map<std::string, Loaded> loaded_;
};

}  // namespace studio

int main() {
  using namespace studio;
  catalog()["markdown-preview"] = [] { return Ref<Plugin>(makeRef<MarkdownPreviewPlugin>()); };
  catalog()["git-blame"] = [] { return Ref<Plugin>(makeRef<GitBlamePlugin>()); };

  PluginHost host;
  for (int reload = 0; reload < 5; ++reload) {
    host.load("markdown-preview");
    host.load("git-blame");
    host.runMenu("markdown-preview", "View/Markdown Preview");
    host.runMenu("git-blame", "Git/Blame File");
    host.unload("markdown-preview");
    host.unload("git-blame");
    std::printf("reload %d: live_plugins=%d live_contexts=%d\n", reload, LiveCount<Plugin>::live,
                LiveCount<PluginContext>::live);
    std::fflush(stdout);
  }
  return 0;
}
