// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The server-lifetime QuoteAggregator appends a fan-out entry (holding the session's outbox) for every subscribe, but client disconnects only mark the outbox closed, so the per-symbol sink lists grow with every connection ever made.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace mkt {

struct Quote {
  std::string symbol;
  double bid = 0.0;
  double ask = 0.0;
  uint64_t seq = 0;
};

using QuoteSink = std::function<void(const Quote&)>;

struct FanoutEntry {
  uint64_t sessionId;
  QuoteSink deliver;
};

using FanoutList = std::vector<FanoutEntry>;

class QuoteAggregator {
 public:
  void subscribe(const std::string& symbol, uint64_t sessionId, QuoteSink sink) {
    FanoutList& list = fanout_[symbol];
    list.push_back(FanoutEntry{sessionId, std::move(sink)});  // LEAK-HERE
  }

  void publish(const Quote& q) {
    auto it = fanout_.find(q.symbol);
    if (it == fanout_.end()) return;
    for (const FanoutEntry& e : it->second) e.deliver(q);
    ++published_;
  }

  size_t sinkCount() const {
    size_t n = 0;
    for (const auto& kv : fanout_) n += kv.second.size();
    return n;
  }
  uint64_t published() const { return published_; }

 private:
  std::unordered_map<std::string, FanoutList> fanout_;  // LEAK-HERE
  uint64_t published_ = 0;
};

// Bounded per-connection send queue; the socket writer drains it.
struct Outbox {
  std::deque<std::string> frames;
  bool closed = false;
  size_t dropped = 0;

  void push(const Quote& q) {
    if (closed) return;
    if (frames.size() >= 32) {
      frames.pop_front();
      ++dropped;
    }
    frames.push_back(q.symbol + ":" + std::to_string(q.bid) + "/" + std::to_string(q.ask));
  }
};

class ClientSession {
 public:
  ClientSession(uint64_t id, QuoteAggregator& agg)
      : id_(id), agg_(agg), outbox_(std::make_shared<Outbox>()) {}

  void watch(const std::vector<std::string>& symbols) {
    for (const auto& s : symbols) {
      std::shared_ptr<Outbox> box = outbox_;
      agg_.subscribe(s, id_, [box](const Quote& q) { box->push(q); });
    }
  }

  void drainSocket() { outbox_->frames.clear(); }

  void disconnect() {
    // Writer thread stops on closed; quotes arriving afterwards are discarded.
    outbox_->closed = true;
    outbox_->frames.clear();
  }

  uint64_t id() const { return id_; }

 private:
  uint64_t id_;
  QuoteAggregator& agg_;
  std::shared_ptr<Outbox> outbox_;
};

}  // namespace mkt

namespace {

const char* kUniverse[] = {"AAPL", "MSFT", "GOOG", "AMZN", "NVDA", "TSLA", "META",
                           "NFLX", "ORCL", "INTC", "AMD",  "IBM",  "CSCO", "ADBE"};
constexpr size_t kUniverseSize = sizeof(kUniverse) / sizeof(kUniverse[0]);

std::vector<std::string> pickWatchlist(uint64_t seed) {
  std::vector<std::string> out;
  for (size_t k = 0; k < 3; ++k) out.emplace_back(kUniverse[(seed * 7 + k * 5) % kUniverseSize]);
  return out;
}

struct FeedServer {
  mkt::QuoteAggregator aggregator;
  std::deque<std::unique_ptr<mkt::ClientSession>> live;
  uint64_t nextSession = 1;
  uint64_t seq = 0;

  void acceptClient() {
    auto session = std::make_unique<mkt::ClientSession>(nextSession, aggregator);
    session->watch(pickWatchlist(nextSession));
    ++nextSession;
    live.push_back(std::move(session));
    if (live.size() > 64) {
      live.front()->disconnect();
      live.pop_front();
    }
  }

  void marketTick() {
    for (size_t i = 0; i < kUniverseSize; ++i) {
      mkt::Quote q{kUniverse[i], 100.0 + (seq % 17), 100.5 + (seq % 17), ++seq};
      aggregator.publish(q);
    }
    for (auto& s : live) s->drainSocket();
  }
};

}  // namespace

int main() {
  FeedServer server;
  for (int i = 0; i < 6000; ++i) {
    server.acceptClient();
    if (i % 25 == 0) server.marketTick();
  }
  std::printf("live sessions=%zu registered sinks=%zu quotes published=%llu\n",
              server.live.size(), server.aggregator.sinkCount(),
              static_cast<unsigned long long>(server.aggregator.published()));
  return 0;
}
