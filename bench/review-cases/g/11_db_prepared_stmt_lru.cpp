// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The per-connection prepared-statement cache is an LRU capped at kCapacity entries, evicting the least recently used statement on every insert past the cap, so it stays bounded even though each request may bring new SQL text.
#include <cstdio>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pgwire {

struct PreparedStatement {
    std::string sql;
    std::vector<int> paramOids;
    std::string serverName;
};

template <typename Key, typename Value, std::size_t Capacity>
class LruCache {
public:
    std::shared_ptr<Value> get(const Key& key) {
        auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
    }

    // Returns the evicted value (if any) so the caller can DEALLOCATE it server-side.
    std::shared_ptr<Value> put(const Key& key, std::shared_ptr<Value> value) {
        std::shared_ptr<Value> evicted;
        if (index_.size() >= Capacity) {
            evicted = std::move(order_.back().second);
            index_.erase(order_.back().first);
            order_.pop_back();
        }
        order_.emplace_front(key, std::move(value));
        index_[key] = order_.begin();
        return evicted;
    }

    std::size_t size() const { return index_.size(); }

private:
    using Entry = std::pair<Key, std::shared_ptr<Value>>;
    std::list<Entry> order_;
    std::unordered_map<Key, typename std::list<Entry>::iterator> index_;
};

class Connection {
public:
    static constexpr std::size_t kCapacity = 256;

    std::shared_ptr<PreparedStatement> prepare(const std::string& sql) {
        if (auto hit = stmts_.get(sql)) return hit;
        auto stmt = std::make_shared<PreparedStatement>();
        stmt->sql = sql;
        stmt->serverName = "s" + std::to_string(nextStmt_++);
        for (char c : sql)
            if (c == '$') stmt->paramOids.push_back(23);
        if (auto old = stmts_.put(sql, stmt))
            ++deallocated_;  // would send DEALLOCATE old->serverName
        return stmt;
    }

    std::size_t cached() const { return stmts_.size(); }
    std::size_t deallocated() const { return deallocated_; }

private:
    LruCache<std::string, PreparedStatement, kCapacity> stmts_;
    std::size_t nextStmt_ = 0;
    std::size_t deallocated_ = 0;
};

std::string buildReportQuery(int tenant, int columns) {
    std::string sql = "SELECT id";
    for (int c = 0; c < columns; ++c) sql += ", col" + std::to_string(c);
    sql += " FROM tenant_" + std::to_string(tenant) + ".events WHERE ts > $1";
    return sql;
}

}  // namespace pgwire

int main() {
    pgwire::Connection conn;
    std::size_t params = 0;
    for (int req = 0; req < 500000; ++req) {
        auto stmt = conn.prepare(pgwire::buildReportQuery(req % 5000, 1 + req % 7));
        params += stmt->paramOids.size();
        if (req % 100000 == 0)
            std::printf("req %d cached %zu evicted %zu\n", req, conn.cached(), conn.deallocated());
    }
    std::printf("params %zu\n", params);
    return 0;
}
