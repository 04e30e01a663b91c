// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Every child PlanNode owns (via unique_ptr<NodeStats>) a PlanRef holding a shared_ptr to its consuming parent while the parent owns the child through inputs_, so every discarded plan tree is a parent<->child ownership cycle that is never freed.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace graphdb {
namespace planner {

std::atomic<int> g_livePlanNodes{0};

enum class OpKind { LabelScan, Expand, Filter, HashJoin, Project };

class PlanNode;

struct PlanRef {
    std::shared_ptr<PlanNode> node;
    explicit operator bool() const { return static_cast<bool>(node); }
    PlanNode *operator->() const { return node.get(); }
};

struct NodeStats {
    double rows = 0.0;
    double selectivity = 1.0;
    PlanRef consumer; // LEAK-HERE
};

class PlanNode : public std::enable_shared_from_this<PlanNode> {
public:
    PlanNode(OpKind kind, std::string detail)
        : kind_(kind), detail_(std::move(detail)), stats_(std::make_unique<NodeStats>()) {
        ++g_livePlanNodes;
    }
    ~PlanNode() { --g_livePlanNodes; }

    OpKind kind() const { return kind_; }
    const std::string &detail() const { return detail_; }
    NodeStats &stats() { return *stats_; }
    std::vector<PlanRef> &inputs() { return inputs_; }

private:
    OpKind kind_;
    std::string detail_;
    std::unique_ptr<NodeStats> stats_;
    std::vector<PlanRef> inputs_;
};

using NodePtr = std::shared_ptr<PlanNode>;

NodePtr makeOp(OpKind kind, std::string detail) {
    return std::make_shared<PlanNode>(kind, std::move(detail));
}

void link(const NodePtr &parent, const NodePtr &child) {
    parent->inputs().push_back(PlanRef{child});
    NodeStats &childStats = child->stats();
    childStats.consumer = PlanRef{parent}; // LEAK-HERE
}

double estimate(PlanNode &node) {
    NodeStats &st = node.stats();
    if (node.inputs().empty()) {
        st.rows = 10000.0;
        return st.rows;
    }
    double rows = 1.0;
    for (auto &in : node.inputs())
        rows *= estimate(*in.node);
    switch (node.kind()) {
    case OpKind::Filter: st.selectivity = 0.1; break;
    case OpKind::Expand: st.selectivity = 4.0; break;
    case OpKind::HashJoin: st.selectivity = 1e-4; break;
    default: break;
    }
    st.rows = rows * st.selectivity;
    return st.rows;
}

std::size_t pipelineDepth(const NodePtr &leaf) {
    std::size_t depth = 0;
    for (PlanNode *n = leaf.get(); n; n = n->stats().consumer.node.get())
        ++depth;
    return depth;
}

struct PatternQuery {
    std::string startLabel;
    std::string relType;
    std::string endLabel;
    std::string predicate;
};

class QueryPlanner {
public:
    NodePtr plan(const PatternQuery &q) {
        auto left = makeOp(OpKind::LabelScan, q.startLabel);
        auto expand = makeOp(OpKind::Expand, q.relType);
        link(expand, left);
        auto right = makeOp(OpKind::LabelScan, q.endLabel);
        auto join = makeOp(OpKind::HashJoin, "end-node-id");
        link(join, expand);
        link(join, right);
        auto filter = makeOp(OpKind::Filter, q.predicate);
        link(filter, join);
        auto project = makeOp(OpKind::Project, "RETURN *");
        link(project, filter);
        lastCost_ = estimate(*project);
        lastDepth_ = pipelineDepth(left);
        ++planned_;
        return project;
    }
    double lastCost() const { return lastCost_; }
    std::size_t lastDepth() const { return lastDepth_; }
    std::size_t planned() const { return planned_; }

private:
    double lastCost_ = 0.0;
    std::size_t lastDepth_ = 0;
    std::size_t planned_ = 0;
};

PatternQuery nextQuery(int i) {
    static const char *labels[] = {"Person", "Company", "City", "Product"};
    return PatternQuery{labels[i % 4], i % 2 ? "WORKS_AT" : "LIVES_IN", labels[(i + 1) % 4],
                        "n.age > " + std::to_string(18 + i % 50)};
}

} // namespace planner
} // namespace graphdb

int main(int argc, char **argv) {
    using namespace graphdb::planner;
    const int queries = argc > 1 ? std::atoi(argv[1]) : 2000;
    QueryPlanner planner;
    double totalCost = 0.0;
    for (int i = 0; i < 2 * queries; ++i) {
        {
            NodePtr root = planner.plan(nextQuery(i));
            totalCost += planner.lastCost();
        }
        if (i + 1 == queries)
            std::printf("[N] planned=%zu livePlanNodes=%d\n", planner.planned(),
                        g_livePlanNodes.load());
    }
    std::printf("[2N] planned=%zu livePlanNodes=%d avgCost=%.2f depth=%zu\n", planner.planned(),
                g_livePlanNodes.load(), totalCost / (2.0 * queries), planner.lastDepth());
    return 0;
}
