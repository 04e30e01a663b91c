// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: BuildGraph's map of NodeEntry structs owns Targets, Targets share ownership of their dependency Targets, Toolchain and the daemon's ArtifactCache, but nothing on those edges points back to the graph or to a dependant, so the DAG is freed when the request's graph goes away.
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace buildsys {

std::atomic<int> g_liveGraphs{0};
std::atomic<int> g_liveTargets{0};

struct Toolchain {
    std::string compiler;
    std::vector<std::string> defaultFlags;
};

// Content-addressed action cache shared by every build of the daemon.
class ArtifactCache {
public:
    bool hit(const std::string& label, size_t digest) const {
        auto it = digests_.find(label);
        return it != digests_.end() && it->second == digest;
    }
    void store(const std::string& label, size_t digest) { digests_[label] = digest; }
    size_t size() const { return digests_.size(); }

private:
    std::map<std::string, size_t> digests_;
};

struct ActionContext {
    std::shared_ptr<const Toolchain> toolchain;
    std::shared_ptr<ArtifactCache> cache;
};

class Target {
public:
    Target(std::string label, std::vector<std::string> srcs, std::vector<std::shared_ptr<Target>> deps,
           ActionContext ctx)
        : label_(std::move(label)), srcs_(std::move(srcs)), deps_(std::move(deps)), ctx_(std::move(ctx)) {
        ++g_liveTargets;
    }
    ~Target() { --g_liveTargets; }

    size_t digest() const {
        size_t h = std::hash<std::string>{}(label_);
        for (const auto& s : srcs_) h = h * 31 + std::hash<std::string>{}(s);
        for (const auto& d : deps_) h = h * 131 + d->digest();
        return h;
    }

    // Returns the number of actions actually executed (cache misses).
    int build(std::set<const Target*>& done) const {
        if (!done.insert(this).second) return 0;
        int ran = 0;
        for (const auto& d : deps_) ran += d->build(done);
        size_t dg = digest();
        if (ctx_.cache->hit(label_, dg)) return ran;
        ctx_.cache->store(label_, dg);
        return ran + 1;
    }

    const std::string& label() const { return label_; }

private:
    std::string label_;
    std::vector<std::string> srcs_;
    std::vector<std::shared_ptr<Target>> deps_;
    ActionContext ctx_;
};

struct NodeEntry {
    std::shared_ptr<Target> target;
    bool isTest = false;
};

class BuildGraph {
public:
    explicit BuildGraph(ActionContext ctx) : ctx_(std::move(ctx)) { ++g_liveGraphs; }
    ~BuildGraph() { --g_liveGraphs; }

    // Deps must already be declared, so the graph can only ever be a DAG.
    std::shared_ptr<Target> declare(const std::string& label, std::vector<std::string> srcs,
                                    const std::vector<std::string>& depLabels, bool isTest = false) {
        std::vector<std::shared_ptr<Target>> deps;
        for (const auto& dl : depLabels) {
            auto it = nodes_.find(dl);
            if (it == nodes_.end()) throw std::runtime_error("undeclared dependency " + dl);
            deps.push_back(it->second.target);
        }
        auto t = std::make_shared<Target>(label, std::move(srcs), std::move(deps), ctx_);
        nodes_[label] = NodeEntry{t, isTest};
        return t;
    }

    int buildAll() const {
        std::set<const Target*> done;
        int ran = 0;
        for (const auto& kv : nodes_) ran += kv.second.target->build(done);
        return ran;
    }

private:
    ActionContext ctx_;
    std::map<std::string, NodeEntry> nodes_;
};

std::shared_ptr<BuildGraph> loadWorkspace(const ActionContext& ctx, int generation) {
    auto graph = std::make_shared<BuildGraph>(ctx);
    graph->declare("//base:strings", {"strings.cc"}, {});
    graph->declare("//base:log", {"log.cc"}, {"//base:strings"});
    graph->declare("//net:url", {"url.cc"}, {"//base:strings"});
    graph->declare("//net:http", {"http.cc"}, {"//base:log", "//net:url"});
    graph->declare("//app:server", {"main.cc", "v" + std::to_string(generation % 3) + ".cc"},
                   {"//net:http", "//base:log"});
    graph->declare("//app:server_test", {"server_test.cc"}, {"//app:server", "//net:url"}, true);
    return graph;
}

class BuildDaemon {
public:
    BuildDaemon()
        : ctx_{std::make_shared<const Toolchain>(Toolchain{"clang++", {"-O2"}}),
               std::make_shared<ArtifactCache>()} {}

    int handleBuildRequest() {
        auto graph = loadWorkspace(ctx_, ++generation_);
        return graph->buildAll();
    }
    size_t cacheEntries() const { return ctx_.cache->size(); }

private:
    ActionContext ctx_;
    int generation_ = 0;
};

} // namespace buildsys

int main() {
    buildsys::BuildDaemon daemon;
    for (int req = 0; req < 6; ++req) {
        int ran = daemon.handleBuildRequest();
        std::printf("request %d: ran=%d cache=%zu live graphs=%d live targets=%d\n", req, ran,
                    daemon.cacheEntries(), buildsys::g_liveGraphs.load(), buildsys::g_liveTargets.load());
    }
    return 0;
}
