// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: every RpcSession registers `this` in the singleton SessionRegistry map on attach, but neither close() nor the destructor ever removes it, so the static map keeps one entry per session forever.
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace rpc {

class RpcSession;
using SessionId = std::uint64_t;
using SessionTable = std::map<SessionId, RpcSession*>;

class SessionRegistry {
public:
    static SessionRegistry& instance();

    SessionTable& sessions() { return sessions_; }
    std::mutex& mutex() { return mu_; }

    RpcSession* find(SessionId id) {
        std::lock_guard<std::mutex> lk(mu_);
        auto it = sessions_.find(id);
        return it == sessions_.end() ? nullptr : it->second;
    }

private:
    SessionRegistry() = default;
    std::mutex mu_;
    SessionTable sessions_;  // LEAK-HERE
};

SessionRegistry& SessionRegistry::instance() {
    static SessionRegistry inst;
    return inst;
}

struct Request {
    std::string method;
    std::string payload;
};

class RpcSession {
public:
    explicit RpcSession(SessionId id, std::string peer);
    ~RpcSession();

    void attach();
    void close();
    std::string dispatch(const Request& req);
    SessionId id() const { return id_; }

private:
    SessionId id_;
    std::string peer_;
    std::vector<std::string> history_;
    bool open_ = false;
};

RpcSession::RpcSession(SessionId id, std::string peer)
    : id_(id), peer_(std::move(peer)) {}

RpcSession::~RpcSession() {
    // The author believed close() handled deregistration.
    if (open_) close();
}

void RpcSession::attach() {
    auto& reg = SessionRegistry::instance();
    std::lock_guard<std::mutex> lk(reg.mutex());
    SessionTable& table = reg.sessions();
    table.emplace(id_, this);  // LEAK-HERE
    open_ = true;
}

void RpcSession::close() {
    open_ = false;
    history_.clear();
    history_.shrink_to_fit();
}

std::string RpcSession::dispatch(const Request& req) {
    history_.push_back(req.method);
    if (history_.size() > 8) history_.erase(history_.begin());
    return peer_ + ":" + req.method + "(" + req.payload + ")";
}

class RpcServer {
public:
    std::unique_ptr<RpcSession> accept(const std::string& peer) {
        auto s = std::make_unique<RpcSession>(++next_id_, peer);
        s->attach();
        return s;
    }

    std::string route(SessionId id, const Request& req) {
        if (RpcSession* s = SessionRegistry::instance().find(id))
            return s->dispatch(req);
        return "no-session";
    }

private:
    SessionId next_id_ = 0;
};

}  // namespace rpc

int main() {
    rpc::RpcServer server;
    for (int tick = 0; tick < 10000; ++tick) {
        auto session = server.accept("10.0.0." + std::to_string(tick % 250));
        rpc::Request req{"Echo", "tick=" + std::to_string(tick)};
        std::string reply = server.route(session->id(), req);
        if (tick % 1000 == 0) std::cout << reply << "\n";
        session->close();
        // session destroyed here; its registry entry (a dangling pointer) stays.
    }
    std::cout << "registered: " << rpc::SessionRegistry::instance().sessions().size() << "\n";
}
