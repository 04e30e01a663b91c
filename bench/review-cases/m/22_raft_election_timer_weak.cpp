// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: the election timer callback captures only a weak_ptr to the node and locks it when fired, so the timer member owns no strong reference and removed nodes are destroyed.
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace raft {

using Clock = std::chrono::steady_clock;
using Term = unsigned long;

struct LogEntry {
  Term term;
  std::string command;
};

struct RequestVote {
  Term term;
  int candidate_id;
  std::size_t last_log_index;
  Term last_log_term;
};

class Transport {
 public:
  void send(int to, const RequestVote& rv) {
    ++sent_;
    last_to_ = to;
    last_term_ = rv.term;
  }
  std::size_t sent() const { return sent_; }

 private:
  std::size_t sent_ = 0;
  int last_to_ = -1;
  Term last_term_ = 0;
};

// Minimal one-shot timer; the owner polls it from its tick().
class Timer {
 public:
  using Callback = std::function<void()>;

  void arm(std::chrono::milliseconds timeout, Callback cb) {
    deadline_ = Clock::now() + timeout;
    callback_ = std::move(cb);
    armed_ = true;
  }
  void cancel() { armed_ = false; }
  bool poll(Clock::time_point now) {
    if (!armed_ || now < deadline_) return false;
    armed_ = false;
    if (callback_) callback_();
    return true;
  }

 private:
  Clock::time_point deadline_{};
  Callback callback_;
  bool armed_ = false;
};

enum class Role { Follower, Candidate, Leader };

class RaftNode : public std::enable_shared_from_this<RaftNode> {
 public:
  static int live;

  static std::shared_ptr<RaftNode> create(int id, std::vector<int> peers, Transport& net) {
    auto node = std::shared_ptr<RaftNode>(new RaftNode(id, std::move(peers), net));
    node->becomeFollower(0);
    return node;
  }
  ~RaftNode() { --live; }

  void tick() { election_timer_.poll(Clock::now()); }
  void stop() { election_timer_.cancel(); }
  void append(std::string cmd) { log_.push_back({current_term_, std::move(cmd)}); }
  Role role() const { return role_; }

 private:
  RaftNode(int id, std::vector<int> peers, Transport& net)
      : id_(id), peers_(std::move(peers)), net_(net) {
    ++live;
    log_.reserve(16);
  }

  void becomeFollower(Term term) {
    role_ = Role::Follower;
    current_term_ = term;
    resetElectionTimer();
  }

  void resetElectionTimer() {
    std::weak_ptr<RaftNode> self = weak_from_this();
    const Term armed_for = current_term_;
    election_timer_.arm(electionTimeout(), [self, armed_for] {
      if (auto node = self.lock()) node->onElectionTimeout(armed_for);
    });
  }

  std::chrono::milliseconds electionTimeout() const {
    return std::chrono::milliseconds(150 + (id_ * 37) % 150);
  }

  void onElectionTimeout(Term armed_for) {
    if (armed_for != current_term_ || role_ == Role::Leader) return;
    role_ = Role::Candidate;
    ++current_term_;
    RequestVote rv{current_term_, id_, log_.size(), log_.empty() ? 0 : log_.back().term};
    for (int peer : peers_) net_.send(peer, rv);
    resetElectionTimer();
  }

  int id_;
  std::vector<int> peers_;
  Transport& net_;
  Role role_ = Role::Follower;
  Term current_term_ = 0;
  std::vector<LogEntry> log_;
  Timer election_timer_;
};

int RaftNode::live = 0;

// Simulates membership churn: a node joins, replicates a bit, then is removed.
void runMembershipChange(Transport& net, int id) {
  std::vector<int> peers;
  for (int p = 0; p < 5; ++p)
    if (p != id % 5) peers.push_back(p);
  auto node = RaftNode::create(id, peers, net);
  node->append("config-change " + std::to_string(id));
  node->tick();
  node->stop();
}

}  // namespace raft

int main() {
  raft::Transport net;
  for (int round = 1; round <= 5; ++round) {
    for (int i = 0; i < 200; ++i) raft::runMembershipChange(net, round * 1000 + i);
    std::printf("round %d: live RaftNode objects = %d\n", round, raft::RaftNode::live);
    std::fflush(stdout);
  }
  return 0;
}
