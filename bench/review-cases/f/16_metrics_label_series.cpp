// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: the process-wide MetricsRegistry creates a new time series for every distinct label set, and the handler labels requests with the raw URL path (including user ids) so the singleton's series map grows with every new URL and is never pruned.
#include <atomic>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace metrics {

using Labels = std::map<std::string, std::string>;

inline std::string serialize(const std::string& name, const Labels& labels) {
    std::string key = name + "{";
    for (const auto& kv : labels) key += kv.first + "=\"" + kv.second + "\",";
    key += "}";
    return key;
}

class Counter {
public:
    explicit Counter(Labels l) : labels_(std::move(l)) {}
    void inc(std::uint64_t v = 1) { value_.fetch_add(v, std::memory_order_relaxed); }
    std::uint64_t value() const { return value_.load(); }
    const Labels& labels() const { return labels_; }

private:
    Labels labels_;
    std::atomic<std::uint64_t> value_{0};
};

class MetricsRegistry {
public:
    static MetricsRegistry& global() {
        static MetricsRegistry* r = new MetricsRegistry();  // intentionally immortal
        return *r;
    }

    Counter& counter(const std::string& name, const Labels& labels);
    std::size_t seriesCount() const { return series_.size(); }

private:
    mutable std::mutex mu_;
    std::unordered_map<std::string, std::unique_ptr<Counter>> series_;  // LEAK-HERE
};

Counter& MetricsRegistry::counter(const std::string& name, const Labels& labels) {
    std::string key = serialize(name, labels);
    std::lock_guard<std::mutex> lk(mu_);
    auto it = series_.find(key);
    if (it == series_.end()) {
        it = series_.emplace(std::move(key), std::make_unique<Counter>(labels)).first;  // LEAK-HERE
    }
    return *it->second;
}

}  // namespace metrics

#define METRIC_INC(name, ...) ::metrics::MetricsRegistry::global().counter(name, __VA_ARGS__).inc()

namespace http {

struct Request {
    std::string method;
    std::string path;
    std::string user;
};

struct Response {
    int status = 200;
    std::string body;
};

class Handler {
public:
    virtual ~Handler() = default;
    virtual Response handle(const Request& r) = 0;
};

class ProfileHandler : public Handler {
public:
    Response handle(const Request& r) override {
        Response resp;
        resp.body = "{\"user\":\"" + r.user + "\"}";
        return resp;
    }
};

class InstrumentedHandler : public Handler {
public:
    explicit InstrumentedHandler(std::unique_ptr<Handler> inner) : inner_(std::move(inner)) {}
    Response handle(const Request& r) override;

private:
    std::unique_ptr<Handler> inner_;
};

Response InstrumentedHandler::handle(const Request& r) {
    Response resp = inner_->handle(r);
    metrics::Labels labels{{"method", r.method},
                           {"path", r.path},  // raw path, e.g. /users/12345/profile
                           {"code", std::to_string(resp.status)}};
    METRIC_INC("http_requests_total", labels);
    return resp;
}

}  // namespace http

int main() {
    http::InstrumentedHandler handler(std::make_unique<http::ProfileHandler>());
    for (std::uint64_t i = 0; i < 200000; ++i) {
        http::Request req{"GET", "/users/" + std::to_string(i * 7919 % 1000003) + "/profile",
                          "u" + std::to_string(i)};
        handler.handle(req);
    }
    std::cout << "series: " << metrics::MetricsRegistry::global().seriesCount() << "\n";
}
