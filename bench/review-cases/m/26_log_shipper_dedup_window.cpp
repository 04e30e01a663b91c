// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: the singleton's per-stream dedup set is a sliding window: rememberBatch evicts the oldest id once kDedupWindow ids are held, so memory stays bounded no matter how many uploads arrive.
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace shipper {

struct LogRecord {
  long ts_ms;
  std::string level;
  std::string message;
};

struct LogBatch {
  std::string stream;
  std::string batch_id;  // client-generated, unique per upload
  std::vector<LogRecord> records;
};

struct IngestResult {
  bool accepted;
  bool duplicate;
  std::size_t records;
};

class Sink {
 public:
  void write(const std::string& stream, const LogRecord& r) {
    bytes_ += stream.size() + r.level.size() + r.message.size() + sizeof(r.ts_ms);
  }
  std::size_t bytes() const { return bytes_; }

 private:
  std::size_t bytes_ = 0;
};

constexpr std::size_t kDedupWindow = 512;  // retries arrive within seconds

struct StreamState {
  std::unordered_set<std::string> seen_batches;
  std::deque<std::string> seen_order;
  std::size_t records_shipped = 0;
  long last_ts_ms = 0;
};

class LogShipper {
 public:
  static LogShipper& instance() {
    static LogShipper shipper;
    return shipper;
  }

  IngestResult ingest(const LogBatch& batch) {
    std::lock_guard<std::mutex> lock(mu_);
    StreamState& state = streamFor(batch.stream);
    if (!rememberBatch(state, batch.batch_id)) return {true, true, 0};
    for (const auto& rec : batch.records) {
      sink_.write(batch.stream, rec);
      state.last_ts_ms = rec.ts_ms;
    }
    state.records_shipped += batch.records.size();
    return {true, false, batch.records.size()};
  }

  std::size_t rememberedBatches() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::size_t n = 0;
    for (const auto& kv : streams_) n += kv.second.seen_batches.size();
    return n;
  }
  std::size_t sinkBytes() const { return sink_.bytes(); }

 private:
  LogShipper() = default;

  StreamState& streamFor(const std::string& name) { return streams_[name]; }

  static bool rememberBatch(StreamState& state, const std::string& batch_id) {
    if (!state.seen_batches.insert(batch_id).second) return false;
    state.seen_order.push_back(batch_id);
    if (state.seen_order.size() > kDedupWindow) {
      state.seen_batches.erase(state.seen_order.front());
      state.seen_order.pop_front();
    }
    return true;
  }

  mutable std::mutex mu_;
  std::unordered_map<std::string, StreamState> streams_;
  Sink sink_;
};

// Per-request HTTP-ish handler: POST /v1/streams/<stream>/batches/<id>
int handleUpload(const std::string& stream, const std::string& batch_id, std::vector<LogRecord> records) {
  LogBatch batch{stream, batch_id, std::move(records)};
  IngestResult r = LogShipper::instance().ingest(batch);
  if (!r.accepted) return 503;
  return r.duplicate ? 208 : 202;
}

std::vector<LogRecord> makeRecords(long base_ts, int n) {
  std::vector<LogRecord> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) out.push_back({base_ts + i, i % 7 == 0 ? "WARN" : "INFO", "request served in 12ms"});
  return out;
}

}  // namespace shipper

int main() {
  const char* streams[] = {"api", "worker", "billing"};
  long ts = 1700000000000;
  unsigned long upload = 0;
  for (int round = 1; round <= 5; ++round) {
    for (int i = 0; i < 2000; ++i) {
      const std::string stream = streams[i % 3];
      const std::string id = stream + "-" + std::to_string(++upload);
      shipper::handleUpload(stream, id, shipper::makeRecords(ts, 4));
      if (i % 50 == 0) shipper::handleUpload(stream, id, shipper::makeRecords(ts, 4));  // client retry
      ts += 4;
    }
    std::printf("round %d: remembered batch ids = %zu\n", round, shipper::LogShipper::instance().rememberedBatches());
    std::fflush(stdout);
  }
  return shipper::LogShipper::instance().sinkBytes() > 0 ? 0 : 1;
}
