// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: ConnectionPool owns its PooledConnections through a vector of Slot structs, but the ReturnPolicy back edge is a weak_ptr locked only on release, so dropping the pool frees it and then its connections.
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace pgpool {

static int g_livePools = 0;
static int g_liveConns = 0;

class ConnectionPool;

struct ReturnPolicy {
    std::weak_ptr<ConnectionPool> owner;
    int maxIdleMs = 30000;
    bool resetOnReturn = true;
};

class PooledConnection {
public:
    PooledConnection(std::string dsn, int id, ReturnPolicy policy)
        : dsn_(std::move(dsn)), id_(id), policy_(std::move(policy)) {
        ++g_liveConns;
    }
    ~PooledConnection() { --g_liveConns; }

    std::string execute(const std::string& sql) {
        ++queries_;
        return "conn#" + std::to_string(id_) + " ok: " + sql.substr(0, 24);
    }

    void release();
    int id() const { return id_; }

private:
    std::string dsn_;
    int id_;
    ReturnPolicy policy_;
    int queries_ = 0;
};

class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
public:
    struct Slot {
        std::shared_ptr<PooledConnection> conn;
        bool busy = false;
    };

    ConnectionPool(std::string dsn, std::size_t capacity) : dsn_(std::move(dsn)), capacity_(capacity) {
        ++g_livePools;
    }
    ~ConnectionPool() { --g_livePools; }

    std::shared_ptr<PooledConnection> acquire() {
        for (auto& s : slots_) {
            if (!s.busy) {
                s.busy = true;
                return s.conn;
            }
        }
        if (slots_.size() >= capacity_) throw std::runtime_error("pool exhausted");
        Slot slot;
        slot.conn = openConnection(static_cast<int>(slots_.size()));
        slot.busy = true;
        slots_.push_back(slot);
        return slots_.back().conn;
    }

    void giveBack(int id) {
        for (auto& s : slots_)
            if (s.conn->id() == id) s.busy = false;
    }

    std::size_t size() const { return slots_.size(); }

private:
    std::shared_ptr<PooledConnection> openConnection(int id);

    std::string dsn_;
    std::size_t capacity_;
    std::vector<Slot> slots_;
};

ReturnPolicy makePolicy(const std::shared_ptr<ConnectionPool>& pool, int idleMs) {
    ReturnPolicy p;
    p.owner = pool;
    p.maxIdleMs = idleMs;
    return p;
}

std::shared_ptr<PooledConnection> ConnectionPool::openConnection(int id) {
    auto policy = makePolicy(shared_from_this(), 15000);
    return std::make_shared<PooledConnection>(dsn_, id, std::move(policy));
}

void PooledConnection::release() {
    if (auto pool = policy_.owner.lock()) pool->giveBack(id_);
}

std::shared_ptr<ConnectionPool> makeTenantPool(const std::string& tenant) {
    std::string dsn = "postgresql://app@db-" + tenant + ".internal:5432/" + tenant;
    return std::make_shared<ConnectionPool>(dsn, 4);
}

std::size_t serveTenantBatch(const std::string& tenant, int requests) {
    auto pool = makeTenantPool(tenant);
    std::size_t bytes = 0;
    for (int r = 0; r < requests; ++r) {
        auto a = pool->acquire();
        auto b = pool->acquire();
        bytes += a->execute("SELECT * FROM orders WHERE tenant = $1").size();
        bytes += b->execute("UPDATE sessions SET seen = now()").size();
        a->release();
        b->release();
    }
    return bytes;
}

}  // namespace pgpool

int main() {
    std::size_t bytes = 0;
    for (int i = 0; i < 30; ++i) {
        bytes += pgpool::serveTenantBatch("tenant" + std::to_string(i % 7), 5);
        if (i % 10 == 9)
            std::printf("batches=%d live pools=%d live conns=%d\n", i + 1, pgpool::g_livePools,
                        pgpool::g_liveConns);
    }
    std::printf("bytes=%zu\n", bytes);
    std::fflush(stdout);
    return 0;
}
