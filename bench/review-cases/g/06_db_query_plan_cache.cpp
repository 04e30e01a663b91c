// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The process-wide plan cache is keyed by the literal SQL text, which embeds per-request parameter values, and entries are only ever inserted, so the map grows with every distinct query the server sees.
#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace sqlite_lite {

struct PlanNode {
    std::string op;
    std::string target;
    double estimatedRows = 0;
};

struct QueryPlan {
    std::string sql;
    std::vector<PlanNode> nodes;
    double cost = 0;
};

template <typename Key, typename Value>
class SharedCache {
public:
    std::shared_ptr<Value> find(const Key& k) {
        std::lock_guard<std::mutex> g(mu_);
        auto it = map_.find(k);
        return it == map_.end() ? nullptr : it->second;
    }

    void insert(const Key& k, std::shared_ptr<Value> v) {
        std::lock_guard<std::mutex> g(mu_);
        map_.emplace(k, std::move(v));  // LEAK-HERE
    }

    std::size_t size() const { return map_.size(); }

private:
    mutable std::mutex mu_;
    std::unordered_map<Key, std::shared_ptr<Value>> map_;  // LEAK-HERE
};

SharedCache<std::string, QueryPlan>& planCache() {
    static SharedCache<std::string, QueryPlan> cache;  // LEAK-HERE
    return cache;
}

std::shared_ptr<QueryPlan> compile(const std::string& sql) {
    auto plan = std::make_shared<QueryPlan>();
    plan->sql = sql;
    std::istringstream in(sql);
    std::string word, table;
    while (in >> word)
        if (word == "FROM") in >> table;
    plan->nodes.push_back({"SeqScan", table, 1e5});
    if (sql.find("WHERE") != std::string::npos)
        plan->nodes.push_back({"Filter", table, 10});
    plan->nodes.push_back({"Project", "", 10});
    for (const auto& n : plan->nodes) plan->cost += n.estimatedRows * 0.01;
    return plan;
}

std::shared_ptr<QueryPlan> prepare(const std::string& sql) {
    if (auto cached = planCache().find(sql))
        return cached;
    auto plan = compile(sql);
    planCache().insert(sql, plan);
    return plan;
}

class Session {
public:
    double lookupOrder(long orderId) {
        // Parameters are interpolated instead of bound, so each order id is a new key.
        std::string sql = "SELECT id, total FROM orders WHERE id = " + std::to_string(orderId);
        return prepare(sql)->cost;
    }
};

}  // namespace sqlite_lite

int main() {
    sqlite_lite::Session session;
    double totalCost = 0;
    for (long req = 0; req < 500000; ++req) {
        totalCost += session.lookupOrder(100000 + req);
        if (req % 100000 == 0)
            std::printf("req %ld cached plans %zu\n", req, sqlite_lite::planCache().size());
    }
    std::printf("total cost %.1f\n", totalCost);
    return 0;
}
