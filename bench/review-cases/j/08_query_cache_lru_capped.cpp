// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: QueryService lives for the whole program and caches every rendered SQL text, but QueryCache keeps an LRU order list and evicts the least recently used entry whenever store() would exceed its fixed capacity, so size is bounded even though invalidateTable() rarely runs.
#include <cstddef>
#include <functional>
#include <iostream>
#include <list>
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
    explicit QueryCache(std::size_t capacity) : capacity_(capacity) {}

    const ResultSet* find(const std::string& sql) {
        auto it = entries_.find(sql);
        if (it == entries_.end()) return nullptr;
        ++it->second.hits;
        order_.splice(order_.begin(), order_, it->second.pos);
        return &it->second.result;
    }
    void store(const std::string& sql, const std::string& table, ResultSet rs) {
        if (entries_.count(sql)) return;
        while (!order_.empty() && entries_.size() >= capacity_) {
            entries_.erase(order_.back());
            order_.pop_back();
        }
        order_.push_front(sql);
        entries_.emplace(sql, Entry{table, std::move(rs), 0, order_.begin()});
    }
    void invalidateTable(const std::string& table) {
        for (auto it = entries_.begin(); it != entries_.end();) {
            if (it->second.table == table) {
                order_.erase(it->second.pos);
                it = entries_.erase(it);
            } else {
                ++it;
            }
        }
    }
    std::size_t size() const { return entries_.size(); }

private:
    struct Entry : CachedResult {
        Entry(std::string t, ResultSet r, std::size_t h, std::list<std::string>::iterator p)
            : CachedResult{std::move(t), std::move(r), h}, pos(p) {}
        std::list<std::string>::iterator pos;
    };
    std::size_t capacity_;
    std::list<std::string> order_;
    std::unordered_map<std::string, Entry> entries_;
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
    explicit QueryService(Backend& db, std::size_t cacheSlots = 256) : db_(db), cache_(cacheSlots) {}

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
    QueryCache cache_;
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
