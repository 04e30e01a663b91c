// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: BuildGraph::nodes_ is a map of NodeEntry structs holding shared_ptr<Target>, and registerTarget() gives each Target a by-value ActionContext holding shared_ptr<BuildGraph>, so every finished build's graph and targets keep each other alive.
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace buildsys {

std::atomic<int> g_liveGraphs{0};
std::atomic<int> g_liveTargets{0};

class BuildGraph;

struct ActionContext {
    std::shared_ptr<BuildGraph> graph; // LEAK-HERE
    std::string toolchain;
    std::vector<std::string> defaultFlags;
};

class Target {
public:
    Target(std::string label, ActionContext ctx) : label_(std::move(label)), ctx_(std::move(ctx)) {
        ++g_liveTargets;
    }
    ~Target() { --g_liveTargets; }

    std::string commandLine(const std::vector<std::string>& inputs) const {
        std::string cmd = ctx_.toolchain;
        for (const auto& f : ctx_.defaultFlags) cmd += " " + f;
        for (const auto& in : inputs) cmd += " " + in;
        return cmd + " -o " + label_ + ".o";
    }
    bool isOutOfDate() const;
    const std::string& label() const { return label_; }

private:
    std::string label_;
    ActionContext ctx_; // LEAK-HERE
};

struct NodeEntry {
    std::shared_ptr<Target> target; // LEAK-HERE
    std::vector<std::string> deps;
    std::vector<std::string> srcs;
    bool dirty = true;
};

class BuildGraph {
public:
    explicit BuildGraph(std::string workspace) : workspace_(std::move(workspace)) { ++g_liveGraphs; }
    ~BuildGraph() { --g_liveGraphs; }

    void insert(const std::string& label, NodeEntry entry) { nodes_[label] = std::move(entry); } // LEAK-HERE
    const NodeEntry* find(const std::string& label) const {
        auto it = nodes_.find(label);
        return it == nodes_.end() ? nullptr : &it->second;
    }
    void markClean(const std::string& label) { nodes_[label].dirty = false; }

    // Post-order walk producing the commands for every dirty node.
    std::vector<std::string> plan() {
        std::vector<std::string> out;
        std::set<std::string> seen;
        for (const auto& kv : nodes_) visit(kv.first, seen, out);
        return out;
    }

private:
    void visit(const std::string& label, std::set<std::string>& seen, std::vector<std::string>& out) {
        if (!seen.insert(label).second) return;
        const NodeEntry* e = find(label);
        if (!e) return;
        for (const auto& d : e->deps) visit(d, seen, out);
        if (e->target->isOutOfDate()) out.push_back(e->target->commandLine(e->srcs));
    }

    std::string workspace_;
    std::map<std::string, NodeEntry> nodes_; // LEAK-HERE
};

bool Target::isOutOfDate() const {
    const NodeEntry* self = ctx_.graph->find(label_);
    return self && self->dirty;
}

// Helper used by the BUILD-file loader to declare one rule.
std::shared_ptr<Target> registerTarget(const std::shared_ptr<BuildGraph>& graph, const std::string& label,
                                       std::vector<std::string> srcs, std::vector<std::string> deps) {
    ActionContext ctx{graph, "clang++", {"-O2", "-fPIC"}}; // LEAK-HERE
    auto target = std::make_shared<Target>(label, std::move(ctx));
    graph->insert(label, NodeEntry{target, std::move(deps), std::move(srcs), true});
    return target;
}

std::shared_ptr<BuildGraph> loadWorkspace(const std::string& root, int generation) {
    auto graph = std::make_shared<BuildGraph>(root);
    registerTarget(graph, "//base:strings", {"strings.cc"}, {});
    registerTarget(graph, "//base:log", {"log.cc"}, {"//base:strings"});
    registerTarget(graph, "//net:http", {"http.cc", "url.cc"}, {"//base:log"});
    registerTarget(graph, "//app:server", {"main.cc"}, {"//net:http", "//base:log"});
    if (generation % 2 == 0) registerTarget(graph, "//tools:gen", {"gen.cc"}, {"//base:strings"});
    return graph;
}

class BuildDaemon {
public:
    explicit BuildDaemon(std::string root) : root_(std::move(root)) {}

    size_t handleBuildRequest() {
        auto graph = loadWorkspace(root_, ++generation_);
        auto commands = graph->plan();
        for (const auto& cmd : commands) executed_ += cmd.size() > 0 ? 1 : 0;
        graph->markClean("//base:strings");
        return commands.size();
    }
    long executed() const { return executed_; }

private:
    std::string root_;
    int generation_ = 0;
    long executed_ = 0;
};

} // namespace buildsys

int main() {
    buildsys::BuildDaemon daemon("/src/monorepo");
    for (int req = 0; req < 6; ++req) {
        size_t n = daemon.handleBuildRequest();
        std::printf("request %d: %zu actions, live graphs=%d live targets=%d\n", req, n,
                    buildsys::g_liveGraphs.load(), buildsys::g_liveTargets.load());
        std::fflush(stdout);
    }
    std::printf("total executed=%ld\n", daemon.executed());
    return 0;
}
