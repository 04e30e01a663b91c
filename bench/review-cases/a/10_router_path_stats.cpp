// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The ApiServer built in main records per-path latency stats keyed by the raw request target (including ids and query strings), so the map gains a new entry for nearly every request and is never pruned.
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>
#include <cstdint>

namespace web {

struct HttpRequest {
    std::string method;
    std::string target;
    std::string body;
};

struct HttpResponse {
    int status = 200;
    std::string body;
};

struct RouteStats {
    uint64_t hits = 0;
    double totalMs = 0.0;
    double maxMs = 0.0;
    void add(double ms) {
        ++hits;
        totalMs += ms;
        if (ms > maxMs) maxMs = ms;
    }
};

std::string stripQuery(const std::string& target) {
    auto q = target.find('?');
    return q == std::string::npos ? target : target.substr(0, q);
}

class Router {
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;
    void add(const std::string& prefix, Handler h) { routes_.emplace(prefix, std::move(h)); }
    HttpResponse dispatch(const HttpRequest& req) const {
        std::string path = stripQuery(req.target);
        for (auto it = routes_.rbegin(); it != routes_.rend(); ++it)
            if (path.compare(0, it->first.size(), it->first) == 0) return it->second(req);
        return {404, "not found"};
    }

private:
    std::map<std::string, Handler> routes_;
};

class ApiServer {
public:
    ApiServer() {
        router_.add("/users/", [](const HttpRequest& r) { return HttpResponse{200, "user " + r.target}; });
        router_.add("/health", [](const HttpRequest&) { return HttpResponse{200, "ok"}; });
    }

    HttpResponse handle(const HttpRequest& req) {
        auto t0 = std::chrono::steady_clock::now();
        HttpResponse resp = router_.dispatch(req);
        auto t1 = std::chrono::steady_clock::now();
        double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
        statsByTarget_[req.target].add(ms); // LEAK-HERE
        ++served_;
        return resp;
    }

    uint64_t served() const { return served_; }

private:
    Router router_;
    uint64_t served_ = 0;
    std::unordered_map<std::string, RouteStats> statsByTarget_; // LEAK-HERE
};

HttpRequest fakeRequest(uint64_t n) {
    return {"GET", "/users/" + std::to_string(n * 7919 % 1000003) + "?session=" + std::to_string(n), ""};
}

} // namespace web

int main() {
    web::ApiServer server;
    for (uint64_t n = 0;; ++n) {
        web::HttpResponse r = server.handle(web::fakeRequest(n));
        if (r.status >= 500) break;
        if (n > 50000000) break;
    }
    return server.served() > 0 ? 0 : 1;
}
