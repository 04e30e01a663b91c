// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: Each subscribe returns a token that the session releases on disconnect, and the aggregator erases the fan-out entry (and the symbol key once empty), so the server-lifetime map only holds sinks of currently connected sessions.
#include <algorithm>
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
  uint64_t token;
  QuoteSink deliver;
};

using FanoutList = std::vector<FanoutEntry>;

struct SubscriptionToken {
  std::string symbol;
  uint64_t id = 0;
};

class QuoteAggregator {
 public:
  SubscriptionToken subscribe(const std::string& symbol, QuoteSink sink) {
    uint64_t tok = ++nextToken_;
    fanout_[symbol].push_back(FanoutEntry{tok, std::move(sink)});
    return SubscriptionToken{symbol, tok};
  }

  void unsubscribe(const SubscriptionToken& t) {
    auto it = fanout_.find(t.symbol);
    if (it == fanout_.end()) return;
    FanoutList& list = it->second;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const FanoutEntry& e) { return e.token == t.id; }),
               list.end());
    if (list.empty()) fanout_.erase(it);
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
  std::unordered_map<std::string, FanoutList> fanout_;
  uint64_t nextToken_ = 0;
  uint64_t published_ = 0;
};

// Bounded per-connection send queue; the socket writer drains it.
struct Outbox {
  std::deque<std::string> frames;
  size_t dropped = 0;

  void push(const Quote& q) {
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
  ClientSession(const ClientSession&) = delete;
  ClientSession& operator=(const ClientSession&) = delete;
  ~ClientSession() { disconnect(); }

  void watch(const std::vector<std::string>& symbols) {
    for (const auto& s : symbols) {
      std::shared_ptr<Outbox> box = outbox_;
      tokens_.push_back(agg_.subscribe(s, [box](const Quote& q) { box->push(q); }));
    }
  }

  void drainSocket() { outbox_->frames.clear(); }

  void disconnect() {
    for (const auto& t : tokens_) agg_.unsubscribe(t);
    tokens_.clear();
    outbox_->frames.clear();
  }

  uint64_t id() const { return id_; }

 private:
  uint64_t id_;
  QuoteAggregator& agg_;
  std::shared_ptr<Outbox> outbox_;
  std::vector<SubscriptionToken> tokens_;
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
