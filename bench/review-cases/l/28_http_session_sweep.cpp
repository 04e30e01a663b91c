// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The SessionStore owned by the long-lived HttpServer gains an entry per cookieless request, but HttpServer::handle runs sweepExpired every 128 requests, erasing sessions idle longer than the TTL, so the map stays bounded.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace httpkit {

struct Request {
    std::string method;
    std::string path;
    std::map<std::string, std::string> headers;
};

struct Response {
    int status = 200;
    std::map<std::string, std::string> headers;
    std::string body;
};

struct Context {
    Request& req;
    Response& res;
    std::string sessionId;
};

class SimClock {
public:
    long long now() const { return t_; }
    void advance(long long s) { t_ += s; }

private:
    long long t_ = 1700000000;
};

struct SessionData {
    std::string csrfToken;
    long long createdAt = 0;
    long long lastSeen = 0;
    std::map<std::string, std::string> attrs;
};

class SessionStore {
public:
    SessionData& create(const std::string& id, long long now) {
        SessionData& s = sessions_[id];
        s.createdAt = s.lastSeen = now;
        s.csrfToken = "csrf-" + std::to_string(std::hash<std::string>{}(id) % 100000);
        return s;
    }

    SessionData* find(const std::string& id) {
        auto it = sessions_.find(id);
        return it == sessions_.end() ? nullptr : &it->second;
    }

    std::size_t sweepExpired(long long now, long long ttl) {
        std::size_t removed = 0;
        for (auto it = sessions_.begin(); it != sessions_.end();) {
            if (now - it->second.lastSeen > ttl) {
                it = sessions_.erase(it);
                ++removed;
            } else {
                ++it;
            }
        }
        return removed;
    }

    std::size_t size() const { return sessions_.size(); }

private:
    std::unordered_map<std::string, SessionData> sessions_;
};

class Middleware {
public:
    virtual ~Middleware() = default;
    virtual void handle(Context& ctx, const std::function<void()>& next) = 0;
};

std::string cookieValue(const Request& req, const std::string& name) {
    auto it = req.headers.find("Cookie");
    if (it == req.headers.end()) return {};
    auto pos = it->second.find(name + "=");
    if (pos == std::string::npos) return {};
    auto start = pos + name.size() + 1;
    return it->second.substr(start, it->second.find(';', start) - start);
}

class SessionMiddleware : public Middleware {
public:
    SessionMiddleware(SessionStore& store, const SimClock& clock) : store_(store), clock_(clock) {}

    void handle(Context& ctx, const std::function<void()>& next) override {
        std::string sid = cookieValue(ctx.req, "sid");
        if (SessionData* s = sid.empty() ? nullptr : store_.find(sid)) {
            s->lastSeen = clock_.now();
        } else {
            sid = "s" + std::to_string(++issued_);
            store_.create(sid, clock_.now());
            ctx.res.headers["Set-Cookie"] = "sid=" + sid + "; HttpOnly";
        }
        ctx.sessionId = sid;
        next();
    }

private:
    SessionStore& store_;
    const SimClock& clock_;
    unsigned long long issued_ = 0;
};

class Router {
public:
    using Handler = std::function<void(Context&)>;
    void get(const std::string& path, Handler h) { routes_["GET " + path] = std::move(h); }
    void dispatch(Context& ctx) {
        auto it = routes_.find(ctx.req.method + " " + ctx.req.path);
        if (it == routes_.end()) { ctx.res.status = 404; return; }
        it->second(ctx);
    }

private:
    std::map<std::string, Handler> routes_;
};

class HttpServer {
public:
    HttpServer(const SimClock& clock, long long sessionTtl) : clock_(clock), ttl_(sessionTtl) {}

    void use(std::unique_ptr<Middleware> mw) { chain_.push_back(std::move(mw)); }
    Router& router() { return router_; }
    SessionStore& sessions() { return sessions_; }

    Response handle(Request req) {
        Response res;
        Context ctx{req, res, {}};
        runChain(ctx, 0);
        if (++handled_ % kSweepEvery == 0) sessions_.sweepExpired(clock_.now(), ttl_);
        return res;
    }

private:
    void runChain(Context& ctx, std::size_t i) {
        if (i == chain_.size()) { router_.dispatch(ctx); return; }
        chain_[i]->handle(ctx, [this, &ctx, i] { runChain(ctx, i + 1); });
    }

    static constexpr unsigned kSweepEvery = 128;

    const SimClock& clock_;
    long long ttl_;
    unsigned long long handled_ = 0;
    SessionStore sessions_;
    std::vector<std::unique_ptr<Middleware>> chain_;
    Router router_;
};

}  // namespace httpkit

int main() {
    using namespace httpkit;
    SimClock clock;
    HttpServer server(clock, 900);
    server.use(std::make_unique<SessionMiddleware>(server.sessions(), clock));
    server.router().get("/", [](Context& c) { c.res.body = "<h1>home</h1> " + c.sessionId; });
    server.router().get("/health", [](Context& c) { c.res.body = "ok"; });

    std::size_t bytes = 0;
    for (int i = 0; i < 20480; ++i) {
        Request req{"GET", (i % 3 == 0) ? "/health" : "/", {{"User-Agent", "probe/1.0"}}};
        bytes += server.handle(std::move(req)).body.size();
        clock.advance(1);
        if (i % 5120 == 5119) std::printf("requests=%d sessions=%zu\n", i + 1, server.sessions().size());
    }
    std::printf("bytes=%zu\n", bytes);
    return 0;
}
