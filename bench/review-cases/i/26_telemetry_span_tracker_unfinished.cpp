// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The Agent-owned SpanTracker adds an OpenSpan per request to open_spans_ and removes it only from the completion callback, which the cache-hit and redirect handlers never invoke, so open_spans_ grows for the whole program.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tel {

struct Attribute {
  std::string key;
  std::string value;
};

struct OpenSpan {
  std::string name;
  uint64_t start_ns = 0;
  std::vector<Attribute> attrs;
};

struct FinishedSpan {
  std::string name;
  uint64_t duration_ns = 0;
  int status = 0;
};

class SpanTracker {
 public:
  uint64_t start(std::string name, uint64_t now, std::vector<Attribute> attrs) {
    uint64_t id = next_id_++;
    open_spans_.emplace(id, OpenSpan{std::move(name), now, std::move(attrs)});  // LEAK-HERE
    return id;
  }
  void finish(uint64_t id, uint64_t now, int status) {
    auto it = open_spans_.find(id);
    if (it == open_spans_.end()) return;
    batch_.push_back({it->second.name, now - it->second.start_ns, status});
    open_spans_.erase(it);
  }
  std::vector<FinishedSpan> take_batch() { return std::exchange(batch_, {}); }
  size_t open() const { return open_spans_.size(); }

 private:
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, OpenSpan> open_spans_;  // LEAK-HERE
  std::vector<FinishedSpan> batch_;
};

struct Request {
  std::string method;
  std::string path;
  std::string trace_parent;
};

using Done = std::function<void(int status)>;
using Handler = std::function<void(const Request&, Done)>;

class Agent {
 public:
  SpanTracker& tracker() { return tracker_; }
  uint64_t now() { return clock_ += 1000; }
  void export_batch() {
    for (auto& s : tracker_.take_batch()) exported_ns_ += s.duration_ns;
  }
  uint64_t exported_ns() const { return exported_ns_; }

 private:
  SpanTracker tracker_;
  uint64_t clock_ = 0;
  uint64_t exported_ns_ = 0;
};

// Tracing middleware: wraps a handler and finishes the span when it completes.
template <typename Inner>
class TracingMiddleware {
 public:
  TracingMiddleware(Agent& agent, Inner inner) : agent_(agent), inner_(std::move(inner)) {}

  void operator()(const Request& req, Done done) {
    std::vector<Attribute> attrs{{"http.method", req.method}, {"http.target", req.path}};
    if (!req.trace_parent.empty()) attrs.push_back({"traceparent", req.trace_parent});
    uint64_t span = agent_.tracker().start(req.method + " " + req.path, agent_.now(), std::move(attrs));
    Agent* agent = &agent_;
    inner_(req, [agent, span, done](int status) {
      agent->tracker().finish(span, agent->now(), status);
      if (done) done(status);
    });
  }

 private:
  Agent& agent_;
  Inner inner_;
};

class Router {
 public:
  void route(const std::string& prefix, Handler h) { routes_[prefix] = std::move(h); }
  void operator()(const Request& req, Done done) const {
    for (auto& [prefix, h] : routes_)
      if (req.path.rfind(prefix, 0) == 0) return h(req, std::move(done));
    done(404);
  }

 private:
  std::map<std::string, Handler> routes_;
};

}  // namespace tel

int main() {
  tel::Agent agent;  // program lifetime
  tel::Router router;
  std::map<std::string, std::string> cache{{"/static/app.js", "..."}};
  router.route("/api", [](const tel::Request&, tel::Done done) { done(200); });
  router.route("/static", [&cache](const tel::Request& req, tel::Done done) {
    if (cache.count(req.path)) return;  // served from sendfile cache, response already queued
    done(200);
  });
  router.route("/old", [](const tel::Request&, tel::Done) { /* 301 written directly */ });

  tel::TracingMiddleware<tel::Router> server(agent, router);
  int completed = 0;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 300; ++i) {
      static const char* paths[] = {"/api/users", "/static/app.js", "/old/home", "/missing"};
      tel::Request req{"GET", paths[i % 4], i % 2 ? "00-abc-01" : ""};
      server(req, [&completed](int) { ++completed; });
    }
    agent.export_batch();
    std::printf("round %d: completed=%d open spans=%zu\n", round, completed, agent.tracker().open());
  }
  return 0;
}
