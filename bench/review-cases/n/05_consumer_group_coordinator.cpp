// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: GroupCoordinator owns each ConsumerMember through the members map inside the GroupState value of groups_, and each member's Session holds a shared_ptr back to the coordinator, so a coordinator dropped on failover keeps itself and all its members alive.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kgroup {

class GroupCoordinator;

struct Session {
  std::string memberId;
  std::shared_ptr<GroupCoordinator> coordinator;  // LEAK-HERE
  std::int64_t lastHeartbeatMs = 0;
  int sessionTimeoutMs = 10000;
};

class ConsumerMember {
 public:
  static std::atomic<int> live;

  ConsumerMember(std::string id, std::shared_ptr<GroupCoordinator> coord, int timeoutMs)
      : session_{std::move(id), std::move(coord), 0, timeoutMs} {  // LEAK-HERE
    ++live;
  }
  ~ConsumerMember() { --live; }

  void heartbeat(std::int64_t nowMs);
  void assign(std::vector<int> partitions) { partitions_ = std::move(partitions); }
  const std::string& id() const { return session_.memberId; }
  std::size_t partitionCount() const { return partitions_.size(); }
  bool expired(std::int64_t nowMs) const {
    return nowMs - session_.lastHeartbeatMs > session_.sessionTimeoutMs;
  }

 private:
  Session session_;
  std::vector<int> partitions_;
};

std::atomic<int> ConsumerMember::live{0};

struct GroupState {
  int generation = 0;
  std::string leader;
  int partitions = 12;
  std::map<std::string, std::shared_ptr<ConsumerMember>> members;  // LEAK-HERE
};

class PartitionAssignor {
 public:
  virtual ~PartitionAssignor() = default;
  virtual void assign(GroupState& group) const = 0;
};

class RangeAssignor : public PartitionAssignor {
 public:
  void assign(GroupState& group) const override {
    if (group.members.empty()) return;
    const int n = static_cast<int>(group.members.size());
    const int per = group.partitions / n, extra = group.partitions % n;
    int next = 0, idx = 0;
    for (auto& kv : group.members) {
      int count = per + (idx++ < extra ? 1 : 0);
      std::vector<int> parts;
      for (int p = 0; p < count; ++p) parts.push_back(next++);
      kv.second->assign(std::move(parts));
    }
  }
};

class GroupCoordinator : public std::enable_shared_from_this<GroupCoordinator> {
 public:
  static std::atomic<int> live;

  static std::shared_ptr<GroupCoordinator> create(int brokerId) {
    return std::shared_ptr<GroupCoordinator>(
        new GroupCoordinator(brokerId, std::make_unique<RangeAssignor>()));
  }
  ~GroupCoordinator() { --live; }

  std::shared_ptr<ConsumerMember> join(const std::string& groupId, const std::string& memberId) {
    GroupState& state = groups_[groupId];
    auto coord = shared_from_this();
    auto member = std::make_shared<ConsumerMember>(memberId, coord, 10000);
    state.members.emplace(memberId, member);  // LEAK-HERE
    if (state.leader.empty()) state.leader = memberId;
    rebalance(state);
    return member;
  }

  void leave(const std::string& groupId, const std::string& memberId) {
    auto it = groups_.find(groupId);
    if (it == groups_.end()) return;
    it->second.members.erase(memberId);
    if (it->second.leader == memberId) {
      it->second.leader = it->second.members.empty() ? "" : it->second.members.begin()->first;
    }
    rebalance(it->second);
  }

  void onHeartbeat(const std::string& memberId) { ++heartbeats_[memberId]; }
  int brokerId() const { return brokerId_; }

 private:
  GroupCoordinator(int brokerId, std::unique_ptr<PartitionAssignor> assignor)
      : brokerId_(brokerId), assignor_(std::move(assignor)) {
    ++live;
  }
  void rebalance(GroupState& state) {
    ++state.generation;
    assignor_->assign(state);
  }

  int brokerId_;
  std::unique_ptr<PartitionAssignor> assignor_;
  std::unordered_map<std::string, GroupState> groups_;
  std::unordered_map<std::string, int> heartbeats_;
};

std::atomic<int> GroupCoordinator::live{0};

void ConsumerMember::heartbeat(std::int64_t nowMs) {
  session_.lastHeartbeatMs = nowMs;
  if (session_.coordinator) session_.coordinator->onHeartbeat(session_.memberId);
}

}  // namespace kgroup

namespace {

std::size_t runEpoch(int brokerId) {
  auto coordinator = kgroup::GroupCoordinator::create(brokerId);
  std::vector<std::shared_ptr<kgroup::ConsumerMember>> clients;
  const char* groups[] = {"billing-events", "audit-log", "search-indexer"};
  for (const char* g : groups) {
    for (int c = 0; c < 4; ++c) {
      std::string memberId = std::string(g) + "-consumer-" + std::to_string(c);
      clients.push_back(coordinator->join(g, memberId));
    }
  }
  std::size_t assigned = 0;
  for (std::int64_t t = 0; t < 3000; t += 1000) {
    for (auto& m : clients) m->heartbeat(t);
  }
  coordinator->leave("audit-log", "audit-log-consumer-3");
  for (auto& m : clients) assigned += m->partitionCount();
  return assigned;  // broker fails over: coordinator and client handles go away
}

}  // namespace

int main() {
  std::size_t total = 0;
  for (int epoch = 0; epoch < 6; ++epoch) {
    total += runEpoch(1000 + epoch);
    std::printf("after failover %d: live coordinators=%d live members=%d\n", epoch,
                kgroup::GroupCoordinator::live.load(), kgroup::ConsumerMember::live.load());
    std::fflush(stdout);
  }
  std::printf("partitions assigned=%zu\n", total);
  return 0;
}
