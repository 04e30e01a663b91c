// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The process-wide MetricsRegistry keeps one Series per distinct label set inside each Family's map, and the HTTP handler labels requests with the raw request path (containing user and order ids), so a new series is added for almost every request and none is ever removed.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace telemetry {

using LabelSet = std::vector<std::pair<std::string, std::string>>;

struct Series {
  std::atomic<uint64_t> value{0};
  int64_t createdMs = 0;
};

template <typename Kind>
class Family {
 public:
  Family(std::string name, std::string help) : name_(std::move(name)), help_(std::move(help)) {}

  Series& with(const LabelSet& labels) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = series_.find(labels);
    if (it == series_.end()) {
      it = series_.emplace(labels, std::make_unique<Series>()).first;  // LEAK-HERE
    }
    return *it->second;
  }

  size_t cardinality() const {
    std::lock_guard<std::mutex> lock(mu_);
    return series_.size();
  }

  void render(std::ostream& out) const {
    std::lock_guard<std::mutex> lock(mu_);
    out << "# HELP " << name_ << ' ' << help_ << "\n# TYPE " << name_ << ' ' << Kind::kTypeName << '\n';
    for (const auto& [labels, s] : series_) {
      out << name_ << '{';
      for (size_t i = 0; i < labels.size(); ++i)
        out << (i ? "," : "") << labels[i].first << "=\"" << labels[i].second << '"';
      out << "} " << s->value.load() << '\n';
    }
  }

 private:
  std::string name_;
  std::string help_;
  mutable std::mutex mu_;
  std::map<LabelSet, std::unique_ptr<Series>> series_;  // LEAK-HERE
};

struct CounterKind { static constexpr const char* kTypeName = "counter"; };

class MetricsRegistry {
 public:
  static MetricsRegistry& global() {
    static MetricsRegistry instance;
    return instance;
  }

  Family<CounterKind>& counter(const std::string& name, const std::string& help) {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = counters_[name];
    if (!slot) slot = std::make_unique<Family<CounterKind>>(name, help);
    return *slot;
  }

  size_t totalSeries() const {
    std::lock_guard<std::mutex> lock(mu_);
    size_t n = 0;
    for (const auto& kv : counters_) n += kv.second->cardinality();
    return n;
  }

  std::string scrape() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::ostringstream out;
    for (const auto& kv : counters_) kv.second->render(out);
    return out.str();
  }

 private:
  MetricsRegistry() = default;
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Family<CounterKind>>> counters_;
};

}  // namespace telemetry

namespace api {

struct Request {
  std::string method;
  std::string path;
  int status = 200;
};

// Helper that decides which labels a request is reported under.
telemetry::LabelSet labelsFor(const Request& req) {
  telemetry::LabelSet labels;
  labels.emplace_back("method", req.method);
  labels.emplace_back("handler", req.path);
  labels.emplace_back("code", std::to_string(req.status));
  return labels;
}

class RequestInstrumentation {
 public:
  RequestInstrumentation()
      : requests_(telemetry::MetricsRegistry::global().counter(
            "http_requests_total", "Total HTTP requests served.")) {}

  void observe(const Request& req) {
    auto labels = labelsFor(req);
    requests_.with(labels).value.fetch_add(1, std::memory_order_relaxed);
  }

 private:
  telemetry::Family<telemetry::CounterKind>& requests_;
};

class HttpServer {
 public:
  void handle(const Request& req) {
    // ... route and serve ...
    instrumentation_.observe(req);
  }

 private:
  RequestInstrumentation instrumentation_;
};

Request synthesize(uint64_t n) {
  Request r;
  r.method = (n % 3 == 0) ? "POST" : "GET";
  if (n % 2 == 0)
    r.path = "/users/" + std::to_string(1000 + n) + "/profile";
  else
    r.path = "/orders/" + std::to_string(50000 + n * 7);
  r.status = (n % 17 == 0) ? 404 : 200;
  return r;
}

}  // namespace api

int main() {
  api::HttpServer server;
  uint64_t reqNo = 0;
  for (int batch = 0; batch < 5; ++batch) {
    for (int i = 0; i < 2000; ++i) server.handle(api::synthesize(reqNo++));
    std::string body = telemetry::MetricsRegistry::global().scrape();
    std::printf("after %llu requests: series=%zu scrape_bytes=%zu\n",
                static_cast<unsigned long long>(reqNo),
                telemetry::MetricsRegistry::global().totalSeries(), body.size());
  }
  return 0;
}
