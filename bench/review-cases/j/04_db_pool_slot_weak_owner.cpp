// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: ConnectionPool owns its connections through the Slot structs in slots_, but each PooledConnection only keeps a weak_ptr<ConnectionPool> that it locks on release, so there is no ownership back edge and evicting a tenant frees the pool and its connections.
#include <chrono>
#include <cstddef>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dbpool {

static int g_livePools = 0;
static int g_liveConns = 0;

struct PoolConfig {
    std::string dsn;
    std::size_t minIdle = 2;
    std::size_t maxSize = 4;
};

class ConnectionPool;

class PooledConnection {
public:
    PooledConnection(std::size_t slot, std::string dsn, std::weak_ptr<ConnectionPool> owner)
        : slot_(slot), dsn_(std::move(dsn)), owner_(std::move(owner)) {
        ++g_liveConns;
    }
    ~PooledConnection() { --g_liveConns; }

    std::string execute(const std::string& sql) {
        ++queries_;
        return dsn_ + " <- " + sql;
    }
    void release();
    std::size_t slot() const { return slot_; }

private:
    std::size_t slot_;
    std::string dsn_;
    std::weak_ptr<ConnectionPool> owner_;
    std::size_t queries_ = 0;
};

struct Slot {
    std::shared_ptr<PooledConnection> conn;
    bool busy = false;
    std::chrono::steady_clock::time_point lastUsed{};
};

class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
public:
    explicit ConnectionPool(PoolConfig cfg) : cfg_(std::move(cfg)) { ++g_livePools; }
    ~ConnectionPool() { --g_livePools; }

    void warmUp() {
        for (std::size_t i = 0; i < cfg_.minIdle; ++i) grow();
    }

    std::shared_ptr<PooledConnection> acquire() {
        for (auto& s : slots_) {
            if (!s.busy) {
                s.busy = true;
                return s.conn;
            }
        }
        if (slots_.size() >= cfg_.maxSize) return nullptr;
        grow();
        slots_.back().busy = true;
        return slots_.back().conn;
    }

    void giveBack(std::size_t slot) {
        if (slot < slots_.size()) {
            slots_[slot].busy = false;
            slots_[slot].lastUsed = std::chrono::steady_clock::now();
        }
    }

private:
    void grow();

    PoolConfig cfg_;
    std::vector<Slot> slots_;
};

namespace {
std::shared_ptr<PooledConnection> openConnection(std::size_t slot, const PoolConfig& cfg,
                                                 std::shared_ptr<ConnectionPool> home) {
    // A real driver would do the TCP handshake and auth here.
    return std::make_shared<PooledConnection>(slot, cfg.dsn, std::move(home));
}
} // namespace

void ConnectionPool::grow() {
    Slot s;
    s.conn = openConnection(slots_.size(), cfg_, shared_from_this());
    s.lastUsed = std::chrono::steady_clock::now();
    slots_.push_back(std::move(s));
}

void PooledConnection::release() {
    if (auto pool = owner_.lock()) pool->giveBack(slot_);
}

class TenantRouter {
public:
    std::shared_ptr<ConnectionPool> poolFor(const std::string& tenant) {
        auto& p = pools_[tenant];
        if (!p) {
            PoolConfig cfg;
            cfg.dsn = "postgres://db/" + tenant;
            p = std::make_shared<ConnectionPool>(cfg);
            p->warmUp();
        }
        return p;
    }
    void evict(const std::string& tenant) { pools_.erase(tenant); }

private:
    std::map<std::string, std::shared_ptr<ConnectionPool>> pools_;
};

} // namespace dbpool

int main() {
    using namespace dbpool;
    TenantRouter router;
    for (int i = 0; i < 6; ++i) {
        std::string tenant = "tenant" + std::to_string(i);
        {
            auto pool = router.poolFor(tenant);
            auto conn = pool->acquire();
            std::cout << conn->execute("SELECT 1") << "\n";
            conn->release();
        }
        router.evict(tenant);
        std::cout << "after evict " << tenant << ": pools=" << g_livePools
                  << " conns=" << g_liveConns << "\n";
    }
    return 0;
}
