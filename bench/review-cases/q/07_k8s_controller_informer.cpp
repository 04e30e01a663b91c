// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: ReplicaSetController::start() registers std::bind(&onEvent, shared_from_this(), _1) in the handler list of the SharedInformer it owns through unique_ptr; shutdown() only drains the work queue and never removes the handler, so every controller of a deleted namespace is kept alive by its own informer.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kctl {

struct ObjectMeta {
  std::string ns;
  std::string name;
  uint64_t resource_version = 0;
  std::string key() const { return ns + "/" + name; }
};

struct ReplicaSet {
  ObjectMeta meta;
  int desired = 1;
  int ready = 0;
};

enum class EventType { Added, Modified, Deleted };

struct WatchEvent {
  EventType type;
  ReplicaSet object;
};

// Local cache + fan-out of watch events, one per watched namespace.
class SharedInformer {
 public:
  using Handler = std::function<void(const WatchEvent&)>;
  using HandlerId = uint64_t;

  HandlerId addEventHandler(Handler h) {
    HandlerId id = next_id_++;
    handlers_.emplace(id, std::move(h));
    return id;
  }
  void removeEventHandler(HandlerId id) { handlers_.erase(id); }

  void deliver(const WatchEvent& ev) {
    const std::string key = ev.object.meta.key();
    if (ev.type == EventType::Deleted)
      store_.erase(key);
    else
      store_[key] = ev.object;
    for (auto& [id, h] : handlers_) h(ev);
  }

  const ReplicaSet* lister(const std::string& key) const {
    auto it = store_.find(key);
    return it == store_.end() ? nullptr : &it->second;
  }

 private:
  HandlerId next_id_ = 1;
  std::map<HandlerId, Handler> handlers_;  // LEAK-HERE
  std::map<std::string, ReplicaSet> store_;
};

// Deduplicating FIFO of object keys, like client-go's workqueue.
class WorkQueue {
 public:
  void add(const std::string& key) {
    if (shutting_down_ || !dirty_.insert(key).second) return;
    queue_.push_back(key);
  }
  bool get(std::string& out) {
    if (queue_.empty()) return false;
    out = std::move(queue_.front());
    queue_.pop_front();
    dirty_.erase(out);
    return true;
  }
  void shutDown() {
    shutting_down_ = true;
    queue_.clear();
    dirty_.clear();
  }
  size_t len() const { return queue_.size(); }

 private:
  bool shutting_down_ = false;
  std::deque<std::string> queue_;
  std::set<std::string> dirty_;
};

class Controller {
 public:
  virtual ~Controller() = default;
  virtual void start() = 0;
  virtual void shutdown() = 0;
  virtual int processNextWorkItem() = 0;
};

class ReplicaSetController : public Controller, public std::enable_shared_from_this<ReplicaSetController> {
 public:
  explicit ReplicaSetController(std::string ns) : ns_(std::move(ns)), informer_(std::make_unique<SharedInformer>()) {}

  SharedInformer& informer() { return *informer_; }

  void start() override {
    using std::placeholders::_1;
    handler_id_ = informer_->addEventHandler(std::bind(&ReplicaSetController::onEvent, shared_from_this(), _1));  // LEAK-HERE
  }

  void shutdown() override { queue_.shutDown(); }

  int processNextWorkItem() override {
    std::string key;
    if (!queue_.get(key)) return 0;
    return reconcile(key);
  }

  uint64_t podsCreated() const { return pods_created_; }

 private:
  void onEvent(const WatchEvent& ev) { queue_.add(ev.object.meta.key()); }

  // Drives actual pod count toward spec; returns the number of pod API calls issued.
  int reconcile(const std::string& key) {
    const ReplicaSet* rs = informer_->lister(key);
    int& running = pods_[key];
    if (!rs) {
      int deleted = running;
      pods_.erase(key);
      return deleted;
    }
    int diff = rs->desired - running;
    int burst = diff > 0 ? std::min(diff, 5) : std::max(diff, -5);  // slow-start batches
    running += burst;
    if (burst > 0) pods_created_ += static_cast<uint64_t>(burst);
    if (running != rs->desired) queue_.add(key);  // requeue until converged
    return burst < 0 ? -burst : burst;
  }

  std::string ns_;
  std::unique_ptr<SharedInformer> informer_;
  SharedInformer::HandlerId handler_id_ = 0;
  WorkQueue queue_;
  std::map<std::string, int> pods_;
  uint64_t pods_created_ = 0;
};

class ControllerManager {
 public:
  void onNamespaceAdded(const std::string& ns) {
    auto ctrl = std::make_shared<ReplicaSetController>(ns);
    ctrl->start();
    controllers_[ns] = std::move(ctrl);
  }

  void onNamespaceDeleted(const std::string& ns) {
    auto it = controllers_.find(ns);
    if (it == controllers_.end()) return;
    it->second->shutdown();
    controllers_.erase(it);
  }

  void dispatch(const std::string& ns, const WatchEvent& ev) {
    if (auto it = controllers_.find(ns); it != controllers_.end()) it->second->informer().deliver(ev);
  }

  int runWorkers() {
    int calls = 0;
    for (auto& [ns, c] : controllers_)
      while (int n = c->processNextWorkItem()) calls += n;
    return calls;
  }

 private:
  std::map<std::string, std::shared_ptr<ReplicaSetController>> controllers_;
};

}  // namespace kctl

int main() {
  using namespace kctl;
  ControllerManager mgr;
  uint64_t rv = 1;
  long api_calls = 0;
  // Each CI pull request gets a short-lived preview namespace.
  for (int pr = 0; pr < 500; ++pr) {
    std::string ns = "preview-pr-" + std::to_string(pr);
    mgr.onNamespaceAdded(ns);
    for (int d = 0; d < 4; ++d) {
      ReplicaSet rs{{ns, "svc-" + std::to_string(d), rv++}, 3 + d, 0};
      mgr.dispatch(ns, {EventType::Added, rs});
      api_calls += mgr.runWorkers();
      rs.desired = 1;
      rs.meta.resource_version = rv++;
      mgr.dispatch(ns, {EventType::Modified, rs});
    }
    api_calls += mgr.runWorkers();
    // Namespace finalizer: cascade-delete the workloads, let the controller scale them to zero, then drop it.
    for (int d = 0; d < 4; ++d) mgr.dispatch(ns, {EventType::Deleted, {{ns, "svc-" + std::to_string(d), rv++}, 0, 0}});
    api_calls += mgr.runWorkers();
    mgr.onNamespaceDeleted(ns);
  }
  std::printf("pod api calls: %ld\n", api_calls);
  return 0;
}
