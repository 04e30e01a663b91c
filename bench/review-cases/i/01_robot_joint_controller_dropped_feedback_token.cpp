// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: each JointController owns its SensorBus by value, and start() (via bindFeedback/makeFeedbackHandler) stores in that bus a handler holding a shared_ptr to the same controller while the subscription token is discarded, so controller -> bus_ -> handler -> controller is never broken.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace robo {

struct JointSample {
  int joint;
  double position;
  double velocity;
  std::uint64_t stamp_us;
};

struct PidGains {
  double kp;
  double ki;
  double kd;
};

class SensorBus {
 public:
  using Handler = std::function<void(const JointSample&)>;
  using Token = std::uint64_t;

  Token subscribe(int joint, Handler h) {
    const Token t = next_++;
    handlers_.emplace(t, Entry{joint, std::move(h)});  // LEAK-HERE
    return t;
  }
  void unsubscribe(Token t) { handlers_.erase(t); }

  void publish(const JointSample& s) const {
    for (const auto& kv : handlers_) {
      if (kv.second.joint == s.joint) kv.second.fn(s);
    }
  }
  std::size_t subscriberCount() const { return handlers_.size(); }

 private:
  struct Entry {
    int joint;
    Handler fn;
  };
  std::map<Token, Entry> handlers_;  // LEAK-HERE
  Token next_ = 1;
};

class JointController;

namespace detail {
SensorBus::Handler makeFeedbackHandler(std::shared_ptr<JointController> ctl);
void bindFeedback(SensorBus& bus, int joint, std::shared_ptr<JointController> ctl);
}  // namespace detail

class JointController : public std::enable_shared_from_this<JointController> {
 public:
  static inline int live = 0;

  JointController(int joint, PidGains gains) : joint_(joint), gains_(gains) { ++live; }
  ~JointController() { --live; }

  void start() {
    auto self = shared_from_this();
    detail::bindFeedback(bus_, joint_, self);
  }

  void setTarget(double rad) { target_ = rad; }

  void onSample(const JointSample& s) {
    const double dt = lastStamp_ == 0 ? 1e-3 : (s.stamp_us - lastStamp_) * 1e-6;
    lastStamp_ = s.stamp_us;
    const double err = target_ - s.position;
    integral_ += err * dt;
    const double deriv = dt > 0 ? (err - prevErr_) / dt : 0.0;
    prevErr_ = err;
    effort_ = gains_.kp * err + gains_.ki * integral_ + gains_.kd * deriv;
  }

  // Encoder driver pushes samples into the controller's private bus.
  SensorBus& feedbackBus() { return bus_; }
  double effort() const { return effort_; }
  int joint() const { return joint_; }

 private:
  int joint_;
  PidGains gains_;
  double target_ = 0.0;
  double integral_ = 0.0;
  double prevErr_ = 0.0;
  double effort_ = 0.0;
  std::uint64_t lastStamp_ = 0;
  SensorBus bus_;  // LEAK-HERE
};

namespace detail {
SensorBus::Handler makeFeedbackHandler(std::shared_ptr<JointController> ctl) {
  return [ctl](const JointSample& s) { ctl->onSample(s); };  // LEAK-HERE
}

void bindFeedback(SensorBus& bus, int joint, std::shared_ptr<JointController> ctl) {
  bus.subscribe(joint, makeFeedbackHandler(std::move(ctl)));  // LEAK-HERE
}
}  // namespace detail

class ArmStack {
 public:
  explicit ArmStack(std::vector<PidGains> profile) : profile_(std::move(profile)) {}

  // Called whenever the operator switches tool or payload: controllers are rebuilt.
  void reconfigure() {
    std::vector<std::shared_ptr<JointController>> fresh;
    fresh.reserve(profile_.size());
    for (std::size_t i = 0; i < profile_.size(); ++i) {
      auto ctl = std::make_shared<JointController>(static_cast<int>(i), profile_[i]);
      ctl->start();
      ctl->setTarget(0.25 * static_cast<double>(i));
      fresh.push_back(std::move(ctl));
    }
    controllers_.swap(fresh);
  }

  void step(std::uint64_t now_us) {
    for (auto& ctl : controllers_) {
      JointSample s{ctl->joint(), std::sin(now_us * 1e-6), 0.0, now_us};
      ctl->feedbackBus().publish(s);
    }
  }

  double totalEffort() const {
    double sum = 0;
    for (const auto& c : controllers_) sum += std::fabs(c->effort());
    return sum;
  }

 private:
  std::vector<PidGains> profile_;
  std::vector<std::shared_ptr<JointController>> controllers_;
};

}  // namespace robo

int main() {
  using namespace robo;
  ArmStack arm({{4.0, 0.1, 0.05}, {3.5, 0.1, 0.04}, {2.0, 0.05, 0.02}, {1.0, 0.0, 0.01}});
  std::uint64_t clock_us = 1000;
  for (int tool = 0; tool < 5; ++tool) {
    arm.reconfigure();
    for (int tick = 0; tick < 100; ++tick) arm.step(clock_us += 1000);
    std::printf("tool change %d: live controllers=%d effort=%.3f\n", tool, JointController::live,
                arm.totalEffort());
    std::fflush(stdout);
  }
  return 0;
}
