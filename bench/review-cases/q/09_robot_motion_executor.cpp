// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: MotionPlanner::executeSegment() hands its by-value TrajectoryExecutor member a completion callback that captures shared_from_this(); the executor copies the callback before firing but never clears on_done_, so after the last segment each pick job's planner is kept alive by the callback stored in its own executor.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace motion {

constexpr size_t kJoints = 6;
using JointVector = std::array<double, kJoints>;

struct Waypoint {
  JointVector q{};
  double time_from_start = 0.0;
};

struct Trajectory {
  std::string name;
  std::vector<Waypoint> points;
};

enum class ExecResult { Succeeded, Aborted };

// Stand-in for the arm's position-controlled joint interface.
class SimulatedArm {
 public:
  void command(const JointVector& q) { current_ = q; ++commands_; }
  const JointVector& state() const { return current_; }
  unsigned long commands() const { return commands_; }

 private:
  JointVector current_{};
  unsigned long commands_ = 0;
};

template <typename Hardware>
class TrajectoryExecutor {
 public:
  using DoneCallback = std::function<void(ExecResult)>;

  explicit TrajectoryExecutor(Hardware& hw) : hw_(hw) {}

  void execute(Trajectory traj, DoneCallback on_done) {
    traj_ = std::move(traj);
    on_done_ = std::move(on_done);
    elapsed_ = 0.0;
    active_ = !traj_.points.empty();
  }

  bool active() const { return active_; }

  // Called from the 250 Hz control loop.
  void update(double dt) {
    if (!active_) return;
    elapsed_ += dt;
    const auto& pts = traj_.points;
    size_t i = 1;
    while (i < pts.size() && pts[i].time_from_start < elapsed_) ++i;
    if (i >= pts.size()) {
      hw_.command(pts.back().q);
      finish(ExecResult::Succeeded);
      return;
    }
    const Waypoint& a = pts[i - 1];
    const Waypoint& b = pts[i];
    double s = (elapsed_ - a.time_from_start) / (b.time_from_start - a.time_from_start);
    JointVector q{};
    for (size_t j = 0; j < kJoints; ++j) q[j] = a.q[j] + s * (b.q[j] - a.q[j]);
    if (std::fabs(q[1]) > 2.5) {  // shoulder soft limit
      finish(ExecResult::Aborted);
      return;
    }
    hw_.command(q);
  }

 private:
  void finish(ExecResult r) {
    active_ = false;
    DoneCallback cb = on_done_;  // copy: the callback may start the next segment
    if (cb) cb(r);
  }

  Hardware& hw_;
  Trajectory traj_;
  DoneCallback on_done_;  // LEAK-HERE
  double elapsed_ = 0.0;
  bool active_ = false;
};

struct PickJob {
  int id = 0;
  JointVector pre_grasp{};
  JointVector grasp{};
  JointVector place{};
};

class MotionPlanner : public std::enable_shared_from_this<MotionPlanner> {
 public:
  MotionPlanner(SimulatedArm& arm, PickJob job) : arm_(arm), job_(job), executor_(arm) {}

  void run() { executeSegment(0); }
  bool busy() const { return executor_.active(); }
  void tick(double dt) { executor_.update(dt); }
  bool succeeded() const { return done_ && !failed_; }
  bool done() const { return done_; }

 private:
  // Linear joint-space plan with a trapezoid-free constant-velocity time parameterization.
  Trajectory plan(const std::string& name, const JointVector& goal) const {
    Trajectory t;
    t.name = "job" + std::to_string(job_.id) + "/" + name;
    const JointVector start = arm_.state();
    double dist = 0.0;
    for (size_t j = 0; j < kJoints; ++j) dist = std::max(dist, std::fabs(goal[j] - start[j]));
    const int steps = 20;
    const double duration = std::max(0.2, dist / max_joint_vel_);
    for (int k = 0; k <= steps; ++k) {
      Waypoint w;
      double s = static_cast<double>(k) / steps;
      for (size_t j = 0; j < kJoints; ++j) w.q[j] = start[j] + s * (goal[j] - start[j]);
      w.time_from_start = s * duration;
      t.points.push_back(w);
    }
    return t;
  }

  void executeSegment(size_t idx) {
    const JointVector* goals[] = {&job_.pre_grasp, &job_.grasp, &job_.pre_grasp, &job_.place};
    if (idx >= std::size(goals)) {
      done_ = true;
      return;
    }
    Trajectory traj = plan(idx == 3 ? "place" : "approach", *goals[idx]);
    auto self = shared_from_this();
    executor_.execute(std::move(traj), [self, idx](ExecResult r) { self->onSegmentDone(idx, r); });  // LEAK-HERE
  }

  void onSegmentDone(size_t idx, ExecResult r) {
    if (r == ExecResult::Aborted) {
      failed_ = done_ = true;
      return;
    }
    executeSegment(idx + 1);
  }

  SimulatedArm& arm_;
  PickJob job_;
  TrajectoryExecutor<SimulatedArm> executor_;
  double max_joint_vel_ = 1.5;  // rad/s
  bool done_ = false;
  bool failed_ = false;
};

}  // namespace motion

int main() {
  using namespace motion;
  SimulatedArm arm;
  int ok = 0, failed = 0;
  for (int n = 0; n < 400; ++n) {
    PickJob job;
    job.id = n;
    double bin = 0.1 * (n % 8);
    job.pre_grasp = {bin, -0.6, 1.2, 0.0, 0.9, 0.0};
    job.grasp = {bin, n % 10 == 9 ? -2.7 : -0.3, 1.4, 0.0, 0.7, 0.0};  // every 10th bin is unreachable
    job.place = {1.4, -0.5, 1.1, 0.0, 1.0, 1.57};
    auto planner = std::make_shared<MotionPlanner>(arm, job);
    planner->run();
    for (int cycle = 0; cycle < 5000 && !planner->done(); ++cycle) planner->tick(0.004);
    planner->succeeded() ? ++ok : ++failed;
  }
  std::printf("picks ok=%d failed=%d arm commands=%lu\n", ok, failed, arm.commands());
  return 0;
}
