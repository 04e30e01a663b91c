// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The program-lifetime Exporter adds one Series per distinct label set (the raw request path, which embeds user ids) to MetricFamily::series from the request observer registered once in main, and scrape() only erases whole idle families, so the inner series map of an active family grows forever.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

std::string encodeLabels(const Labels& labels) {
  std::string out = "{";
  for (const auto& kv : labels) {
    if (out.size() > 1) out += ',';
    out += kv.first + "=\"" + kv.second + "\"";
  }
  return out + "}";
}

struct Series {
  double sum = 0;
  std::uint64_t count = 0;
  std::uint64_t lastEpoch = 0;
};

struct MetricFamily {
  std::string help;
  std::uint64_t lastWriteEpoch = 0;
  std::unordered_map<std::string, Series> series; // LEAK-HERE
};

class Exporter {
public:
  static constexpr std::uint64_t kStaleEpochs = 2;

  void describe(const std::string& name, std::string help) { families_[name].help = std::move(help); }

  void observe(const std::string& name, const Labels& labels, double value) {
    MetricFamily& fam = families_[name];
    fam.lastWriteEpoch = epoch_;
    Series& s = fam.series[encodeLabels(labels)]; // LEAK-HERE
    s.sum += value;
    ++s.count;
    s.lastEpoch = epoch_;
  }

  std::string scrape() {
    ++epoch_;
    std::string body;
    for (auto it = families_.begin(); it != families_.end();) {
      if (epoch_ - it->second.lastWriteEpoch > kStaleEpochs) {
        it = families_.erase(it);
        continue;
      }
      body += "# HELP " + it->first + " " + it->second.help + "\n";
      for (const auto& kv : it->second.series)
        body += it->first + "_sum" + kv.first + " " + std::to_string(kv.second.sum) + "\n";
      ++it;
    }
    return body;
  }

  std::size_t seriesCount() const {
    std::size_t n = 0;
    for (const auto& kv : families_) n += kv.second.series.size();
    return n;
  }
  std::size_t familyCount() const { return families_.size(); }

private:
  std::uint64_t epoch_ = 0;
  std::map<std::string, MetricFamily> families_; // LEAK-HERE
};

struct Request {
  std::string method;
  std::string path;
  int status;
  double latencyMs;
};

class HttpServer {
public:
  using Observer = std::function<void(const Request&)>;
  void addObserver(Observer o) { observers_.push_back(std::move(o)); }
  int handle(const Request& req) {
    for (auto& o : observers_) o(req);
    return req.status;
  }

private:
  std::vector<Observer> observers_;
};

Labels requestLabels(const Request& r) {
  return {{"method", r.method}, {"path", r.path}, {"code", std::to_string(r.status)}};
}

Request syntheticRequest(int n) {
  return {n % 5 == 0 ? "POST" : "GET", "/users/" + std::to_string(10000 + n) + "/cart", n % 17 == 0 ? 500 : 200,
          1.5 + (n % 7)};
}

} // namespace metrics

int main() {
  metrics::Exporter exporter;
  exporter.describe("http_request_duration_ms", "Request latency");
  exporter.describe("legacy_rpc_calls", "Calls through the old RPC bridge");

  metrics::HttpServer server;
  server.addObserver([&exporter](const metrics::Request& r) {
    exporter.observe("http_request_duration_ms", metrics::requestLabels(r), r.latencyMs);
  });

  exporter.observe("legacy_rpc_calls", {{"peer", "billing"}}, 1);
  int served = 0;
  for (int round = 1; round <= 6; ++round) {
    for (int i = 0; i < 500; ++i) served += server.handle(metrics::syntheticRequest(round * 500 + i)) == 200;
    std::string body = exporter.scrape();
    std::printf("round %d: families=%zu series=%zu scrape_bytes=%zu\n", round, exporter.familyCount(),
                exporter.seriesCount(), body.size());
  }
  std::printf("served ok=%d\n", served);
  return 0;
}
