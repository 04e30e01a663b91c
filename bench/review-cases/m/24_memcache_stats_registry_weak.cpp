// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: the StatsRegistry singleton keys entries by `this` but stores only weak_ptrs, and ~ClientConnection always untracks itself, so closed connections are destroyed and their entries erased.
#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mc {

class StatsSource {
 public:
  virtual ~StatsSource() = default;
  virtual void report(std::ostream& out) const = 0;
};

class StatsRegistry {
 public:
  static StatsRegistry& instance() {
    static StatsRegistry registry;
    return registry;
  }
  void track(const std::shared_ptr<StatsSource>& src) {
    std::lock_guard<std::mutex> lock(mu_);
    sources_[src.get()] = src;
  }
  void untrack(const StatsSource* src) {
    std::lock_guard<std::mutex> lock(mu_);
    sources_.erase(src);
  }
  std::string dump() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::ostringstream out;
    for (const auto& entry : sources_)
      if (auto s = entry.second.lock()) s->report(out);
    return out.str();
  }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sources_.size();
  }

 private:
  StatsRegistry() = default;
  mutable std::mutex mu_;
  std::unordered_map<const StatsSource*, std::weak_ptr<StatsSource>> sources_;
};

inline void exportStats(const std::shared_ptr<StatsSource>& src) { StatsRegistry::instance().track(src); }

// The item store: a plain value-keyed map shared by every connection.
class SlabStore {
 public:
  bool set(const std::string& key, std::string value) {
    items_[key] = std::move(value);
    return true;
  }
  const std::string* get(const std::string& key) const {
    auto it = items_.find(key);
    return it == items_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, std::string> items_;
};

class ClientConnection : public StatsSource, public std::enable_shared_from_this<ClientConnection> {
 public:
  static int live;

  ClientConnection(int fd, SlabStore& store) : fd_(fd), store_(store) { ++live; }
  ~ClientConnection() override {
    StatsRegistry::instance().untrack(this);
    --live;
  }

  void start() {
    auto self = shared_from_this();
    exportStats(self);
    open_ = true;
  }

  std::string handle(const std::string& line) {
    std::istringstream in(line);
    std::string verb, key, value;
    in >> verb >> key;
    if (verb == "set") {
      in >> value;
      ++sets_;
      return store_.set(key, value) ? "STORED" : "NOT_STORED";
    }
    if (verb == "get") {
      ++gets_;
      const std::string* v = store_.get(key);
      if (!v) return "END";
      ++hits_;
      return "VALUE " + key + " " + *v + "\r\nEND";
    }
    return "ERROR";
  }

  void close() { open_ = false; }

  void report(std::ostream& out) const override {
    out << "conn " << fd_ << " gets=" << gets_ << " hits=" << hits_ << " sets=" << sets_ << (open_ ? "" : " (closed)")
        << "\n";
  }

 private:
  int fd_;
  SlabStore& store_;
  bool open_ = false;
  unsigned long gets_ = 0, hits_ = 0, sets_ = 0;
};

int ClientConnection::live = 0;

class Server {
 public:
  void acceptAndServe(int fd, const std::vector<std::string>& script) {
    auto conn = std::make_shared<ClientConnection>(fd, store_);
    conn->start();
    for (const auto& line : script) bytes_out_ += conn->handle(line).size();
    conn->close();
  }
  std::size_t bytesOut() const { return bytes_out_; }

 private:
  SlabStore store_;
  std::size_t bytes_out_ = 0;
};

}  // namespace mc

int main() {
  mc::Server server;
  const std::vector<std::string> script = {"set user:1 alice", "get user:1", "get user:2"};
  int fd = 3;
  for (int round = 1; round <= 5; ++round) {
    for (int i = 0; i < 500; ++i) server.acceptAndServe(fd++, script);
    std::printf("round %d: live connections = %d, registry sources = %zu\n", round, mc::ClientConnection::live,
                mc::StatsRegistry::instance().size());
    std::fflush(stdout);
  }
  return server.bytesOut() > 0 ? 0 : 1;
}
