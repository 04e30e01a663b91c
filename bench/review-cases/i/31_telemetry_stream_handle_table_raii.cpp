// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: MetricStream::open() puts shared_from_this() into the global StreamTable under an integer handle, but the only thing handed back is a move-only StreamHandle whose destructor always calls StreamTable::close(id), which erases the entry.
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace agent {

class MetricStream;

// C-ABI style table: plugins refer to streams by a 32-bit handle.
class StreamTable {
 public:
  static StreamTable& get() {
    static StreamTable t;
    return t;
  }
  uint32_t insert(std::shared_ptr<MetricStream> s) {
    uint32_t id = ++next_;
    streams_.emplace(id, std::move(s));
    return id;
  }
  std::shared_ptr<MetricStream> lookup(uint32_t id) const {
    auto it = streams_.find(id);
    return it == streams_.end() ? nullptr : it->second;
  }
  void close(uint32_t id) { streams_.erase(id); }
  size_t size() const { return streams_.size(); }

 private:
  std::unordered_map<uint32_t, std::shared_ptr<MetricStream>> streams_;
  uint32_t next_ = 0;
};

class StreamHandle {
 public:
  StreamHandle() = default;
  explicit StreamHandle(uint32_t id) : id_(id) {}
  StreamHandle(StreamHandle&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
  StreamHandle& operator=(StreamHandle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, 0);
    }
    return *this;
  }
  StreamHandle(const StreamHandle&) = delete;
  StreamHandle& operator=(const StreamHandle&) = delete;
  ~StreamHandle() { reset(); }

  void reset() {
    if (id_ != 0) StreamTable::get().close(std::exchange(id_, 0));
  }
  uint32_t id() const { return id_; }

 private:
  uint32_t id_ = 0;
};

class MetricStream : public std::enable_shared_from_this<MetricStream> {
 public:
  MetricStream(std::string name, std::map<std::string, std::string> labels)
      : name_(std::move(name)), labels_(std::move(labels)) {
    ++live_;
  }
  ~MetricStream() { --live_; }

  static StreamHandle open(std::string name, std::map<std::string, std::string> labels) {
    auto stream = std::make_shared<MetricStream>(std::move(name), std::move(labels));
    return stream->publish();
  }

  void record(double v) {
    sum_ += v;
    ++count_;
  }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }
  static int live() { return live_; }

 private:
  StreamHandle publish() {
    auto self = shared_from_this();
    return StreamHandle(StreamTable::get().insert(std::move(self)));
  }

  std::string name_;
  std::map<std::string, std::string> labels_;
  double sum_ = 0.0;
  uint64_t count_ = 0;
  static int live_;
};
int MetricStream::live_ = 0;

// What a plugin callback does with the numeric handle.
bool plugin_emit(uint32_t handle, double value) {
  if (auto s = StreamTable::get().lookup(handle)) {
    s->record(value);
    return true;
  }
  return false;
}

class ScrapeJob {
 public:
  explicit ScrapeJob(std::string target) : target_(std::move(target)) {
    streams_.push_back(MetricStream::open("http.latency", {{"target", target_}}));
    streams_.push_back(MetricStream::open("http.errors", {{"target", target_}}));
  }
  void scrape(int n) {
    for (auto& h : streams_) plugin_emit(h.id(), 0.5 * n);
  }

 private:
  std::string target_;
  std::vector<StreamHandle> streams_;
};

}  // namespace agent

int main() {
  for (int cycle = 0; cycle < 5; ++cycle) {
    std::vector<agent::ScrapeJob> jobs;
    for (int t = 0; t < 3; ++t) jobs.emplace_back("svc" + std::to_string(t) + ":9100");
    for (int n = 0; n < 10; ++n)
      for (auto& j : jobs) j.scrape(n);
    std::printf("cycle %d: during scrape live=%d table=%zu", cycle, agent::MetricStream::live(),
                agent::StreamTable::get().size());
    jobs.clear();
    std::printf(", after teardown live=%d table=%zu\n", agent::MetricStream::live(),
                agent::StreamTable::get().size());
  }
  return 0;
}
