// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Connections hold a strong pool_ reference and the pool owns its connections, but DbService's destructor calls Pool::shutdown(), which detaches every connection and clears both pool containers, breaking the cycle.
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#define DB_LOG(x) (std::clog << "[db] " << x << '\n')

namespace db {

class Pool;
using PoolPtr = std::shared_ptr<Pool>;

class Connection {
public:
    Connection(std::string dsn, PoolPtr pool) : dsn_(std::move(dsn)), pool_(std::move(pool)) {}
    bool exec(const std::string& sql);
    void detach() { pool_.reset(); open_ = false; }

private:
    std::string dsn_;
    PoolPtr pool_;
    bool open_ = true;
};

using ConnPtr = std::shared_ptr<Connection>;

class Pool : public std::enable_shared_from_this<Pool> {
public:
    Pool(std::string dsn, std::size_t max) : dsn_(std::move(dsn)), max_(max) {}
    ConnPtr acquire();
    void giveBack(ConnPtr c);
    void shutdown();

private:
    std::mutex mu_;
    std::string dsn_;
    std::size_t max_;
    std::deque<ConnPtr> idle_;
    std::vector<ConnPtr> all_;
    bool closed_ = false;
};

bool Connection::exec(const std::string& sql) {
    if (!open_) return false;
    DB_LOG(dsn_ << ": " << sql);
    return true;
}

ConnPtr Pool::acquire() {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return nullptr;
    if (!idle_.empty()) {
        auto c = idle_.front();
        idle_.pop_front();
        return c;
    }
    if (all_.size() >= max_) return nullptr;
    auto c = std::make_shared<Connection>(dsn_, shared_from_this());
    all_.push_back(c);
    return c;
}

void Pool::giveBack(ConnPtr c) {
    std::lock_guard<std::mutex> lock(mu_);
    if (c && !closed_) idle_.push_back(std::move(c));
}

void Pool::shutdown() {
    std::vector<ConnPtr> doomed;
    {
        std::lock_guard<std::mutex> lock(mu_);
        closed_ = true;
        idle_.clear();
        doomed.swap(all_);
    }
    for (auto& c : doomed) c->detach();
    DB_LOG("pool closed, detached " << doomed.size());
}

class DbService {
public:
    explicit DbService(const std::string& dsn) : pool_(std::make_shared<Pool>(dsn, 8)) {}
    ~DbService() { pool_->shutdown(); }
    bool run(const std::string& sql);

private:
    PoolPtr pool_;
};

bool DbService::run(const std::string& sql) {
    auto conn = pool_->acquire();
    if (!conn) return false;
    bool ok = conn->exec(sql);
    pool_->giveBack(std::move(conn));
    return ok;
}

}  // namespace db
