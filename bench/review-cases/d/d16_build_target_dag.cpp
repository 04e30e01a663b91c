// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Build targets hold their dependencies by shared_ptr and diamonds share nodes, but addDependency refuses any edge whose target already reaches the source (including self-edges), so the dependency graph stays a DAG and is freed with the BuildGraph.
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace build {

class Target;
using TargetPtr = std::shared_ptr<Target>;

class Target {
public:
    explicit Target(std::string name) : name_(std::move(name)) {}

    const std::string& name() const { return name_; }
    const std::vector<TargetPtr>& deps() const { return deps_; }

private:
    friend class BuildGraph;
    std::string name_;
    std::vector<TargetPtr> deps_;
};

class BuildGraph {
public:
    TargetPtr target(const std::string& name);
    void addDependency(const std::string& from, const std::string& to);
    std::vector<std::string> buildOrder(const std::string& goal) const;

private:
    static bool reaches(const TargetPtr& start, const Target* needle);
    std::map<std::string, TargetPtr> targets_;
};

TargetPtr BuildGraph::target(const std::string& name) {
    auto& slot = targets_[name];
    if (!slot) slot = std::make_shared<Target>(name);
    return slot;
}

bool BuildGraph::reaches(const TargetPtr& start, const Target* needle) {
    std::set<const Target*> seen;
    std::vector<const Target*> stack{start.get()};
    while (!stack.empty()) {
        const Target* t = stack.back();
        stack.pop_back();
        if (t == needle) return true;
        if (!seen.insert(t).second) continue;
        for (const auto& d : t->deps_) stack.push_back(d.get());
    }
    return false;
}

void BuildGraph::addDependency(const std::string& from, const std::string& to) {
    TargetPtr a = target(from);
    TargetPtr b = target(to);
    if (reaches(b, a.get()))
        throw std::invalid_argument("dependency cycle: " + from + " -> " + to);
    for (const auto& d : a->deps_)
        if (d == b) return;
    a->deps_.push_back(b);
}

std::vector<std::string> BuildGraph::buildOrder(const std::string& goal) const {
    std::vector<std::string> order;
    std::set<const Target*> done;
    std::function<void(const TargetPtr&)> visit = [&](const TargetPtr& t) {
        if (!done.insert(t.get()).second) return;
        for (const auto& d : t->deps()) visit(d);
        order.push_back(t->name());
    };
    auto it = targets_.find(goal);
    if (it != targets_.end()) visit(it->second);
    return order;
}

inline std::vector<std::string> planRelease(bool includeTests) {
    BuildGraph g;
    g.addDependency("app", "libnet");
    g.addDependency("app", "libui");
    g.addDependency("libnet", "libcore");
    g.addDependency("libui", "libcore");  // diamond, still acyclic
    if (includeTests) {
        g.addDependency("tests", "app");
        try {
            g.addDependency("libcore", "tests");  // would close a loop: rejected
        } catch (const std::invalid_argument&) {
        }
    }
    return g.buildOrder(includeTests ? "tests" : "app");
}

} // namespace build
