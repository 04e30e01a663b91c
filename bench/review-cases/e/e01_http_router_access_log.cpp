// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The Server object lives for the whole of main() and Dispatch() appends an AccessLogEntry to accessLog_ for every request without ever trimming or rotating it, so memory grows with total request count.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

namespace http {

struct Request {
    std::string method;
    std::string path;
    std::string clientAddr;
};

struct Response {
    int status = 200;
    std::string body;
};

struct AccessLogEntry {
    std::chrono::system_clock::time_point when;
    std::string method;
    std::string path;
    std::string clientAddr;
    int status;
    std::size_t bytes;
};

class Server {
public:
    using Handler = std::function<Response(const Request&)>;

    void Route(const std::string& method, const std::string& path, Handler h) {
        routes_[method + " " + path] = std::move(h);
    }

    Response Dispatch(const Request& req) {
        Response resp;
        auto it = routes_.find(req.method + " " + req.path);
        if (it == routes_.end()) {
            resp.status = 404;
            resp.body = "not found";
        } else {
            resp = it->second(req);
        }
        accessLog_.push_back(AccessLogEntry{std::chrono::system_clock::now(), // LEAK-HERE
                                            req.method, req.path, req.clientAddr,
                                            resp.status, resp.body.size()});
        ++served_;
        return resp;
    }

    std::uint64_t Served() const { return served_; }
    const std::vector<AccessLogEntry>& AccessLog() const { return accessLog_; }

private:
    std::unordered_map<std::string, Handler> routes_;
    std::vector<AccessLogEntry> accessLog_; // LEAK-HERE
    std::uint64_t served_ = 0;
};

} // namespace http

static http::Request NextRequest(std::uint64_t n) {
    static const char* kPaths[] = {"/", "/health", "/api/items", "/missing"};
    return http::Request{"GET", kPaths[n % 4], "10.0.0." + std::to_string(n % 250)};
}

int main() {
    http::Server server;
    server.Route("GET", "/", [](const http::Request&) {
        return http::Response{200, "<html>home</html>"};
    });
    server.Route("GET", "/health", [](const http::Request&) {
        return http::Response{200, "ok"};
    });
    server.Route("GET", "/api/items", [](const http::Request& r) {
        return http::Response{200, "[{\"from\":\"" + r.clientAddr + "\"}]"};
    });

    // Event loop: in production this never exits.
    for (std::uint64_t n = 0;; ++n) {
        http::Response r = server.Dispatch(NextRequest(n));
        if (r.status >= 500) std::cerr << "server error\n";
        if (n == 1000000) break; // demo cut-off
    }
    std::cout << "served " << server.Served() << "\n";
    return 0;
}
