// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: QueryService (alive for the whole program, its handler registered once from main) caches every rendered SQL text with inlined literals in entries_, and the only erase is invalidateTable(), which runs solely for DDL statements that normal request traffic never sends, so the cache grows with every distinct query.
#include <cstddef>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace qc {

struct Request {
    std::string op;
    std::string table;
    std::map<std::string, std::string> params;
};

struct ResultSet {
    std::vector<std::string> rows;
};

struct CachedResult {
    std::string table;
    ResultSet result;
    std::size_t hits = 0;
};

class QueryCache {
public:
    const ResultSet* find(const std::string& sql) {
        auto it = entries_.find(sql);
        if (it == entries_.end()) return nullptr;
        ++it->second.hits;
        return &it->second.result;
    }
    void store(const std::string& sql, const std::string& table, ResultSet rs) {
        entries_.emplace(sql, CachedResult{table, std::move(rs), 0}); // LEAK-HERE
    }
    void invalidateTable(const std::string& table) {
        for (auto it = entries_.begin(); it != entries_.end();) {
            if (it->second.table == table)
                it = entries_.erase(it);
            else
                ++it;
        }
    }
    std::size_t size() const { return entries_.size(); }

private:
    std::unordered_map<std::string, CachedResult> entries_; // LEAK-HERE
};

class Backend {
public:
    ResultSet run(const std::string& sql) {
        ++roundTrips_;
        ResultSet rs;
        rs.rows.push_back("row-for:" + sql.substr(0, 24));
        return rs;
    }
    std::size_t roundTrips() const { return roundTrips_; }

private:
    std::size_t roundTrips_ = 0;
};

std::string renderSelect(const Request& r) {
    std::ostringstream os;
    os << "SELECT * FROM " << r.table;
    const char* sep = " WHERE ";
    for (const auto& kv : r.params) {
        os << sep << kv.first << " = '" << kv.second << "'";
        sep = " AND ";
    }
    return os.str();
}

class QueryService {
public:
    explicit QueryService(Backend& db) : db_(db) {}

    ResultSet handle(const Request& req) {
        if (req.op == "ddl") {
            db_.run("ALTER TABLE " + req.table);
            cache_.invalidateTable(req.table);
            return {};
        }
        std::string sql = renderSelect(req);
        if (const ResultSet* hit = cache_.find(sql)) return *hit;
        ResultSet rs = db_.run(sql);
        cache_.store(sql, req.table, rs);
        return rs;
    }
    const QueryCache& cache() const { return cache_; }

private:
    Backend& db_;
    QueryCache cache_; // LEAK-HERE
};

class Dispatcher {
public:
    using Handler = std::function<ResultSet(const Request&)>;
    void on(const std::string& op, Handler h) { handlers_[op] = std::move(h); }
    ResultSet dispatch(const Request& r) {
        auto it = handlers_.find(r.op == "ddl" ? "query" : r.op);
        return it == handlers_.end() ? ResultSet{} : it->second(r);
    }

private:
    std::map<std::string, Handler> handlers_;
};

} // namespace qc

int main() {
    using namespace qc;
    Backend backend;
    QueryService service(backend);
    Dispatcher dispatcher;
    dispatcher.on("query", [&service](const Request& r) { return service.handle(r); });

    for (int batch = 0; batch < 5; ++batch) {
        for (int i = 0; i < 200; ++i) {
            Request r{"query", i % 2 ? "orders" : "users", {}};
            r.params["id"] = std::to_string(batch * 1000 + i);
            dispatcher.dispatch(r);
        }
        std::cout << "batch " << batch << ": cached queries=" << service.cache().size()
                  << " db round trips=" << backend.roundTrips() << "\n";
    }
    return 0;
}
