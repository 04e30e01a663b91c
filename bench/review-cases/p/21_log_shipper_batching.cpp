// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: LogShipper installs a flush handler capturing shared_from_this() into its own BatchBuffer member, so the shipper owns a callable that owns the shipper and is never destroyed once the pipeline drops it.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace logship {

struct LogRecord {
  uint64_t ts;
  int level;
  std::string msg;
};

using Batch = std::vector<LogRecord>;
using FlushHandler = std::function<void(Batch&&)>;

// Accumulates records and hands full batches to whoever registered a handler.
class BatchBuffer {
 public:
  explicit BatchBuffer(size_t maxRecords) : max_(maxRecords) { pending_.reserve(maxRecords); }

  void setFlushHandler(FlushHandler h) { onFlush_ = std::move(h); }

  void append(LogRecord r) {
    pending_.push_back(std::move(r));
    if (pending_.size() >= max_) flush();
  }

  void flush() {
    if (pending_.empty() || !onFlush_) return;
    Batch out;
    out.swap(pending_);
    pending_.reserve(max_);
    onFlush_(std::move(out));
  }

 private:
  size_t max_;
  Batch pending_;
  FlushHandler onFlush_;  // LEAK-HERE
};

// Fires a callback every N ticks of the host loop.
class IntervalTimer {
 public:
  void every(uint64_t period, std::function<void()> fn) {
    period_ = period;
    fn_ = std::move(fn);
  }
  void advance(uint64_t now) {
    if (fn_ && period_ && now >= next_) {
      next_ = now + period_;
      fn_();
    }
  }

 private:
  uint64_t period_ = 0;
  uint64_t next_ = 0;
  std::function<void()> fn_;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void send(const std::string& stream, const std::string& payload) = 0;
};

class CountingTransport : public Transport {
 public:
  void send(const std::string&, const std::string& payload) override {
    ++requests;
    bytes += payload.size();
  }
  uint64_t requests = 0;
  uint64_t bytes = 0;
};

class LogShipper : public std::enable_shared_from_this<LogShipper> {
 public:
  static std::shared_ptr<LogShipper> create(std::string stream, Transport& transport, size_t batch) {
    std::shared_ptr<LogShipper> shipper(new LogShipper(std::move(stream), transport, batch));
    shipper->wire();
    return shipper;
  }

  void log(int level, std::string msg, uint64_t now) { buffer_.append(LogRecord{now, level, std::move(msg)}); }
  void poll(uint64_t now) { flushTimer_.advance(now); }
  uint64_t shipped() const { return shipped_; }

 private:
  LogShipper(std::string stream, Transport& transport, size_t batch)
      : stream_(std::move(stream)), transport_(transport), buffer_(batch) {}

  void wire() {
    auto self = shared_from_this();
    buffer_.setFlushHandler([self](Batch&& b) { self->ship(std::move(b)); });  // LEAK-HERE
    flushTimer_.every(20, [this] { buffer_.flush(); });
  }

  void ship(Batch&& batch) {
    std::string body;
    for (const auto& r : batch) {
      body += std::to_string(r.ts) + " L" + std::to_string(r.level) + " " + r.msg + "\n";
    }
    transport_.send(stream_, body);
    shipped_ += batch.size();
  }

  std::string stream_;
  Transport& transport_;
  BatchBuffer buffer_;
  IntervalTimer flushTimer_;
  uint64_t shipped_ = 0;
};

}  // namespace logship

namespace {

// One shipper per worker job; jobs come and go for the lifetime of the agent.
struct JobRunner {
  logship::CountingTransport& transport;
  uint64_t jobsRun = 0;

  void runJob(uint64_t jobId, uint64_t& clock) {
    auto shipper = logship::LogShipper::create("job-" + std::to_string(jobId), transport, 16);
    for (int step = 0; step < 50; ++step) {
      ++clock;
      shipper->log(step % 7 == 0 ? 3 : 6, "job " + std::to_string(jobId) + " step " + std::to_string(step), clock);
      shipper->poll(clock);
    }
    ++jobsRun;
  }
};

}  // namespace

int main() {
  logship::CountingTransport transport;
  JobRunner runner{transport};
  uint64_t clock = 0;
  for (uint64_t job = 0; job < 4000; ++job) runner.runJob(job, clock);
  std::printf("jobs=%llu requests=%llu bytes=%llu\n", static_cast<unsigned long long>(runner.jobsRun),
              static_cast<unsigned long long>(transport.requests), static_cast<unsigned long long>(transport.bytes));
  std::fflush(stdout);
  return 0;
}
