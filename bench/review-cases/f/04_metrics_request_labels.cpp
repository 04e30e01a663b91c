// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The process-wide MetricsRegistry creates a new Histogram series for every distinct label set, and the request handler puts the per-request trace id into the labels, so series_ grows by one entry per request forever.
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

namespace metrics {

using Labels = std::map<std::string, std::string>;

class Histogram {
public:
    static constexpr std::array<double, 8> kBounds{1, 2, 5, 10, 25, 50, 100, 250};
    void observe(double v) {
        for (std::size_t i = 0; i < kBounds.size(); ++i)
            if (v <= kBounds[i]) { ++buckets_[i]; break; }
        sum_ += v;
        ++count_;
    }
    std::uint64_t count() const { return count_; }

private:
    std::array<std::uint64_t, kBounds.size()> buckets_{};
    double sum_ = 0;
    std::uint64_t count_ = 0;
};

inline std::string seriesKey(const std::string& name, const Labels& labels) {
    std::string key = name + "{";
    for (const auto& kv : labels) key += kv.first + "=\"" + kv.second + "\",";
    key += "}";
    return key;
}

class MetricsRegistry {
public:
    static MetricsRegistry& global() {
        static MetricsRegistry* r = new MetricsRegistry();  // intentionally never destroyed
        return *r;
    }

    Histogram& histogram(const std::string& name, const Labels& labels) {
        std::lock_guard<std::mutex> lock(mu_);
        return series_[seriesKey(name, labels)];  // LEAK-HERE
    }

    std::size_t seriesCount() {
        std::lock_guard<std::mutex> lock(mu_);
        return series_.size();
    }

private:
    std::mutex mu_;
    std::unordered_map<std::string, Histogram> series_;  // LEAK-HERE
};

}  // namespace metrics

#define OBSERVE_LATENCY(name, labels, ms) \
    ::metrics::MetricsRegistry::global().histogram((name), (labels)).observe(ms)

struct Request {
    std::string method;
    std::string route;
    std::string traceId;
};

struct Response {
    int status = 200;
};

class RequestContext {
public:
    explicit RequestContext(const Request& r) : req_(r) {}
    metrics::Labels labels(const Response& resp) const {
        metrics::Labels l;
        l["method"] = req_.method;
        l["route"] = req_.route;
        l["status"] = std::to_string(resp.status);
        l["trace"] = req_.traceId;  // helpful for debugging slow requests
        return l;
    }

private:
    const Request& req_;
};

class OrderService {
public:
    Response handle(const Request& req) {
        RequestContext ctx(req);
        Response resp;
        double elapsed = simulateWork(req);
        OBSERVE_LATENCY("http_server_latency_ms", ctx.labels(resp), elapsed);
        return resp;
    }

private:
    double simulateWork(const Request& req) { return static_cast<double>(req.route.size() % 40); }
};

static std::string nextTraceId() {
    static std::uint64_t counter = 0x5eed;
    counter = counter * 6364136223846793005ULL + 1442695040888963407ULL;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(counter));
    return buf;
}

int main() {
    OrderService svc;
    const char* routes[] = {"/orders", "/orders/:id", "/cart", "/checkout"};
    for (int i = 0; i < 200000; ++i) {
        Request req{i % 5 ? "GET" : "POST", routes[i % 4], nextTraceId()};
        svc.handle(req);
        if (i % 50000 == 0)
            std::printf("series=%zu\n", metrics::MetricsRegistry::global().seriesCount());
    }
    return 0;
}
