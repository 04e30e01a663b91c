// CORPUS-FLAGS:
// CORPUS-PACKAGES: libyaml-cpp-dev
//
// yaml-cpp 0.7: a configuration service that loads YAML into typed structs
// through YAML::convert specialisations, notifies listeners on reload
// (listeners hold a subscription token and unsubscribe in their
// destructor), merges overlays, emits YAML with the Emitter, and keeps a
// small per-path lookup cache that is cleared on every reload.

#include <yaml-cpp/yaml.h>
#include <yaml-cpp/emitter.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/node/convert.h>
#include <yaml-cpp/node/node.h>
#include <yaml-cpp/node/parse.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/stlemitter.h>

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace cfg {

struct Backend {
  std::string name;
  std::string host;
  int port = 80;
  int weight = 1;
  std::vector<std::string> tags;
};

struct RouteRule {
  std::string prefix;
  std::string backend;
  std::optional<int> timeout_ms;
};

struct ProxyConfig {
  int listen_port = 8080;
  std::vector<Backend> backends;
  std::vector<RouteRule> routes;
  std::map<std::string, std::string> headers;
};

} // namespace cfg

namespace YAML {

template <> struct convert<cfg::Backend> {
  static Node encode(const cfg::Backend &b) {
    Node n;
    n["name"] = b.name;
    n["host"] = b.host;
    n["port"] = b.port;
    n["weight"] = b.weight;
    for (const auto &t : b.tags)
      n["tags"].push_back(t);
    return n;
  }
  static bool decode(const Node &n, cfg::Backend &b) {
    if (!n.IsMap() || !n["host"])
      return false;
    b.name = n["name"].as<std::string>(n["host"].as<std::string>());
    b.host = n["host"].as<std::string>();
    b.port = n["port"].as<int>(80);
    b.weight = n["weight"].as<int>(1);
    if (n["tags"])
      b.tags = n["tags"].as<std::vector<std::string>>();
    return true;
  }
};

template <> struct convert<cfg::RouteRule> {
  static Node encode(const cfg::RouteRule &r) {
    Node n;
    n["prefix"] = r.prefix;
    n["backend"] = r.backend;
    if (r.timeout_ms)
      n["timeout_ms"] = *r.timeout_ms;
    return n;
  }
  static bool decode(const Node &n, cfg::RouteRule &r) {
    if (!n.IsMap())
      return false;
    r.prefix = n["prefix"].as<std::string>("/");
    r.backend = n["backend"].as<std::string>();
    if (n["timeout_ms"])
      r.timeout_ms = n["timeout_ms"].as<int>();
    return true;
  }
};

template <> struct convert<cfg::ProxyConfig> {
  static bool decode(const Node &n, cfg::ProxyConfig &c) {
    c.listen_port = n["listen"].as<int>(8080);
    if (n["backends"])
      c.backends = n["backends"].as<std::vector<cfg::Backend>>();
    if (n["routes"])
      c.routes = n["routes"].as<std::vector<cfg::RouteRule>>();
    if (n["headers"])
      c.headers = n["headers"].as<std::map<std::string, std::string>>();
    return true;
  }
};

} // namespace YAML

namespace cfg {

class ConfigService {
public:
  using Listener = std::function<void(const ProxyConfig &)>;
  using Token = std::uint64_t;

  Token subscribe(Listener l) {
    std::lock_guard<std::mutex> lock(mutex_);
    Token t = next_token_++;
    listeners_.emplace(t, std::move(l));
    return t;
  }

  void unsubscribe(Token t) {
    std::lock_guard<std::mutex> lock(mutex_);
    listeners_.erase(t);
  }

  void load(const std::string &text, const std::string &overlay = {}) {
    YAML::Node root = YAML::Load(text);
    if (!overlay.empty())
      merge(root, YAML::Load(overlay));
    ProxyConfig parsed = root.as<ProxyConfig>();
    std::map<Token, Listener> snapshot;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      root_ = root;
      current_ = parsed;
      lookups_.clear();
      snapshot = listeners_;
    }
    for (const auto &kv : snapshot)
      kv.second(parsed);
  }

  std::string lookup(const std::string &dotted) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = lookups_.find(dotted);
    if (it != lookups_.end())
      return it->second;
    YAML::Node n = YAML::Clone(root_);
    std::stringstream ss(dotted);
    std::string part;
    while (n && std::getline(ss, part, '.'))
      n = n[part];
    std::string v = n && n.IsScalar() ? n.as<std::string>() : std::string();
    lookups_.emplace(dotted, v);
    return v;
  }

  std::string dump() const {
    std::lock_guard<std::mutex> lock(mutex_);
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "listen" << YAML::Value << current_.listen_port;
    out << YAML::Key << "backends" << YAML::Value << YAML::BeginSeq;
    for (const auto &b : current_.backends)
      out << YAML::convert<Backend>::encode(b);
    out << YAML::EndSeq;
    out << YAML::Key << "routes" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto &r : current_.routes)
      out << YAML::convert<RouteRule>::encode(r);
    out << YAML::EndSeq;
    out << YAML::Key << "headers" << YAML::Value << current_.headers;
    out << YAML::Comment("generated");
    out << YAML::EndMap;
    return out.c_str();
  }

private:
  static void merge(YAML::Node base, const YAML::Node &overlay) {
    if (!overlay.IsMap())
      return;
    for (auto it = overlay.begin(); it != overlay.end(); ++it) {
      const std::string key = it->first.as<std::string>();
      if (base[key] && base[key].IsMap() && it->second.IsMap())
        merge(base[key], it->second);
      else
        base[key] = it->second;
    }
  }

  mutable std::mutex mutex_;
  YAML::Node root_;
  ProxyConfig current_;
  std::map<Token, Listener> listeners_;
  Token next_token_ = 1;
  std::unordered_map<std::string, std::string> lookups_;
};

// A component that follows configuration changes for as long as it lives.
class Router {
public:
  explicit Router(ConfigService &svc)
      : svc_(svc), token_(svc.subscribe([this](const ProxyConfig &c) {
          apply(c);
        })) {}

  ~Router() { svc_.unsubscribe(token_); }

  Router(const Router &) = delete;
  Router &operator=(const Router &) = delete;

  std::string route(const std::string &path) const {
    std::string best;
    std::size_t best_len = 0;
    for (const auto &kv : table_)
      if (path.compare(0, kv.first.size(), kv.first) == 0 &&
          kv.first.size() >= best_len) {
        best = kv.second;
        best_len = kv.first.size();
      }
    return best;
  }

private:
  void apply(const ProxyConfig &c) {
    table_.clear();
    for (const auto &r : c.routes)
      table_[r.prefix] = r.backend;
  }

  ConfigService &svc_;
  ConfigService::Token token_;
  std::map<std::string, std::string> table_;
};

// Event-based parsing: counts scalars without building a node tree.
class ScalarCounter : public YAML::EventHandler {
public:
  void OnDocumentStart(const YAML::Mark &) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t,
                const std::string &) override {
    ++scalars;
  }
  void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  int scalars = 0;
};

} // namespace cfg

int main() {
  const char *base = R"(
listen: 8443
backends:
  - name: api
    host: 10.0.0.1
    port: 9000
    tags: [blue, primary]
  - host: 10.0.0.2
routes:
  - prefix: /api
    backend: api
    timeout_ms: 2500
  - prefix: /
    backend: 10.0.0.2
headers:
  X-Frame-Options: DENY
)";

  cfg::ConfigService svc;
  {
    cfg::Router router(svc);
    svc.load(base, "headers:\n  X-Env: prod\n");
    std::cout << router.route("/api/users") << "\n";
    std::cout << svc.lookup("headers.X-Env") << "\n";
  }
  svc.load(base);
  std::cout << svc.dump() << "\n";

  std::stringstream ss(base);
  YAML::Parser parser(ss);
  cfg::ScalarCounter counter;
  while (parser.HandleNextDocument(counter)) {
  }
  std::cout << counter.scalars << "\n";

  try {
    YAML::Node bad = YAML::Load("listen: [1, 2");
    (void)bad;
  } catch (const YAML::ParserException &e) {
    std::cerr << e.what() << "\n";
  }
}
