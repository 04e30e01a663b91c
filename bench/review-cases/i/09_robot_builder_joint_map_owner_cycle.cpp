// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Robot holds a Kinematics by value whose unordered_map joints_ owns shared_ptr<Joint>, and each Joint keeps a shared_ptr<Robot> handed to it by RobotBuilder::build -> installJoints -> attachJoint -> Joint::create, so every rebuilt robot and its joints keep each other alive.
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace robo {

struct JointLimits {
  double minRad;
  double maxRad;
  double maxVel;
};

struct JointSpec {
  std::string name;
  JointLimits limits;
  double linkLength;
};

class Robot;

class Joint {
 public:
  static inline int live = 0;

  static std::shared_ptr<Joint> create(const JointSpec& spec, std::shared_ptr<Robot> robot) {
    auto j = std::shared_ptr<Joint>(new Joint(spec));
    j->robot_ = std::move(robot);  // LEAK-HERE
    return j;
  }
  ~Joint() { --live; }

  double command(double desiredRad) const;
  const std::string& name() const { return spec_.name; }
  double linkLength() const { return spec_.linkLength; }

 private:
  explicit Joint(JointSpec spec) : spec_(std::move(spec)) { ++live; }
  JointSpec spec_;
  std::shared_ptr<Robot> robot_;  // LEAK-HERE
};

class Kinematics {
 public:
  void add(std::shared_ptr<Joint> j) {
    order_.push_back(j->name());
    joints_.emplace(j->name(), std::move(j));  // LEAK-HERE
  }
  double reach(const std::vector<double>& angles) const {
    double x = 0, y = 0, theta = 0;
    for (std::size_t i = 0; i < order_.size() && i < angles.size(); ++i) {
      const auto& j = joints_.at(order_[i]);
      theta += j->command(angles[i]);
      x += j->linkLength() * std::cos(theta);
      y += j->linkLength() * std::sin(theta);
    }
    return std::hypot(x, y);
  }
  std::size_t size() const { return joints_.size(); }

 private:
  std::unordered_map<std::string, std::shared_ptr<Joint>> joints_;  // LEAK-HERE
  std::vector<std::string> order_;
};

class Robot {
 public:
  static inline int live = 0;
  explicit Robot(std::string model, double speedScale) : model_(std::move(model)), speedScale_(speedScale) { ++live; }
  ~Robot() { --live; }

  Kinematics& kinematics() { return kin_; }
  const Kinematics& kinematics() const { return kin_; }
  double speedScale() const { return speedScale_; }
  const std::string& model() const { return model_; }

 private:
  std::string model_;
  double speedScale_;
  Kinematics kin_;  // LEAK-HERE
};

double Joint::command(double desiredRad) const {
  double clamped = std::fmin(std::fmax(desiredRad, spec_.limits.minRad), spec_.limits.maxRad);
  return clamped * robot_->speedScale();
}

namespace {
void attachJoint(const std::shared_ptr<Robot>& robot, const JointSpec& spec) {
  robot->kinematics().add(Joint::create(spec, robot));
}

void installJoints(const std::shared_ptr<Robot>& robot, const std::vector<JointSpec>& specs) {
  for (const auto& spec : specs) {
    if (spec.limits.minRad >= spec.limits.maxRad) throw std::invalid_argument("bad limits: " + spec.name);
    attachJoint(robot, spec);
  }
}
}  // namespace

class RobotBuilder {
 public:
  explicit RobotBuilder(std::string model) : model_(std::move(model)) {}
  RobotBuilder& speed(double s) {
    speed_ = s;
    return *this;
  }
  RobotBuilder& joint(std::string name, JointLimits lim, double link) {
    specs_.push_back({std::move(name), lim, link});
    return *this;
  }
  std::shared_ptr<Robot> build() const {
    auto robot = std::make_shared<Robot>(model_, speed_);
    installJoints(robot, specs_);
    return robot;
  }

 private:
  std::string model_;
  double speed_ = 1.0;
  std::vector<JointSpec> specs_;
};

std::shared_ptr<Robot> loadCalibration(int revision) {
  const double scale = 0.9 + 0.01 * revision;
  return RobotBuilder("ur5e-rev" + std::to_string(revision))
      .speed(scale)
      .joint("shoulder_pan", {-3.14, 3.14, 3.0}, 0.0)
      .joint("shoulder_lift", {-3.14, 0.0, 3.0}, 0.425)
      .joint("elbow", {-2.8, 2.8, 3.1}, 0.392)
      .joint("wrist_1", {-3.14, 3.14, 3.1}, 0.1)
      .build();
}

}  // namespace robo

int main() {
  using namespace robo;
  std::shared_ptr<Robot> active;
  for (int rev = 0; rev < 6; ++rev) {
    active = loadCalibration(rev);  // hot-reload after each calibration run
    const double r = active->kinematics().reach({0.1, -0.5, 0.7, 0.2});
    std::printf("calibration %d (%s): reach=%.3f live robots=%d live joints=%d\n", rev, active->model().c_str(), r,
                Robot::live, Joint::live);
    std::fflush(stdout);
  }
  active.reset();
  std::printf("after reset: live robots=%d live joints=%d\n", Robot::live, Joint::live);
  std::fflush(stdout);
  return 0;
}
