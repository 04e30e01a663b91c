// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The exporter singleton creates a new latency series for every distinct raw request path, and paths embed user ids and order numbers, so the series map grows with every new id seen and is never pruned.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>

namespace metrics {

struct Histogram {
  static constexpr std::array<double, 6> kBounds{{5, 10, 25, 50, 100, 250}};
  std::array<std::uint64_t, 7> buckets{};
  double sum = 0;
  std::uint64_t count = 0;

  void Observe(double ms) {
    std::size_t i = 0;
    while (i < kBounds.size() && ms > kBounds[i]) ++i;
    ++buckets[i];
    sum += ms;
    ++count;
  }
};

class Exporter {
 public:
  static Exporter* Instance() {
    static Exporter* instance = new Exporter();
    return instance;
  }

  void ObserveLatency(const std::string& method, const std::string& path, double ms) {
    std::string key = method + " " + path;
    series_[key].Observe(ms);  // LEAK-HERE
  }

  std::string Scrape() const {
    std::ostringstream out;
    for (const auto& kv : series_) {
      out << "http_latency_ms_count{route=\"" << kv.first << "\"} " << kv.second.count << "\n";
      out << "http_latency_ms_sum{route=\"" << kv.first << "\"} " << kv.second.sum << "\n";
    }
    return out.str();
  }

  std::size_t SeriesCount() const { return series_.size(); }

 private:
  Exporter() = default;
  std::map<std::string, Histogram> series_;  // LEAK-HERE
};

}  // namespace metrics

// Middleware wrapping every handler of the REST API, e.g.
//   GET /users/81723/orders/5521
//   DELETE /carts/af91c2e0
void InstrumentRequest(const std::string& method, const std::string& raw_path, double elapsed_ms) {
  metrics::Exporter::Instance()->ObserveLatency(method, raw_path, elapsed_ms);
}
