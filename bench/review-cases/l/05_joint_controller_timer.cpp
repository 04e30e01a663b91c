// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: ControlLoop::start arms its own timer_ member with a lambda capturing self (shared_from_this()), and stop() only disarms the timer without dropping the callback, so every controller keeps itself alive after the supervisor lets go.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace robot {

struct PidGains {
    double kp = 1.0, ki = 0.0, kd = 0.0;
};

// Software timer serviced from the control thread's polling loop.
class PeriodicTimer {
public:
    using Callback = std::function<void(std::uint64_t nowMs)>;

    void arm(std::uint32_t periodMs, Callback cb) {
        period_ = periodMs;
        next_ = 0;
        armed_ = true;
        cb_ = std::move(cb);  // LEAK-HERE
    }
    void disarm() { armed_ = false; }

    void poll(std::uint64_t now) {
        if (!armed_ || now < next_) return;
        next_ = now + period_;
        cb_(now);
    }

private:
    Callback cb_;  // LEAK-HERE
    std::uint32_t period_ = 0;
    std::uint64_t next_ = 0;
    bool armed_ = false;
};

class ControlLoop : public std::enable_shared_from_this<ControlLoop> {
public:
    explicit ControlLoop(std::string name) : name_(std::move(name)) { ++s_live; }
    virtual ~ControlLoop() { --s_live; }

    void start(std::uint32_t periodMs) {
        running_ = true;
        auto self = shared_from_this();
        timer_.arm(periodMs, [self](std::uint64_t now) { self->step(now); });  // LEAK-HERE
    }
    void stop() {
        running_ = false;
        timer_.disarm();
    }
    void service(std::uint64_t now) { timer_.poll(now); }

    static int live() { return s_live; }

protected:
    virtual void step(std::uint64_t now) = 0;
    bool running_ = false;

private:
    std::string name_;
    PeriodicTimer timer_;  // LEAK-HERE
    static inline int s_live = 0;
};

class PidJointController : public ControlLoop {
public:
    PidJointController(int joint, PidGains gains)
        : ControlLoop("joint" + std::to_string(joint)), joint_(joint), gains_(gains) {}

    void setTarget(double radians) { target_ = radians; }
    double position() const { return position_; }
    int joint() const { return joint_; }

protected:
    void step(std::uint64_t now) override {
        double dt = lastMs_ ? (now - lastMs_) / 1000.0 : 0.001;
        lastMs_ = now;
        double err = target_ - position_;
        integral_ += err * dt;
        double derivative = (err - prevErr_) / dt;
        prevErr_ = err;
        double effort = gains_.kp * err + gains_.ki * integral_ + gains_.kd * derivative;
        position_ += effort * dt;  // crude plant model
    }

private:
    int joint_;
    PidGains gains_;
    double target_ = 0, position_ = 0, integral_ = 0, prevErr_ = 0;
    std::uint64_t lastMs_ = 0;
};

std::shared_ptr<PidJointController> makeJointController(int joint) {
    PidGains gains{2.0, 0.1, 0.05};
    if (joint == 0) gains.kp = 3.0;  // base joint carries the arm
    return std::make_shared<PidJointController>(joint, gains);
}

class MotionSupervisor {
public:
    double runMission(int joints, double target, std::uint64_t& clockMs) {
        for (int j = 0; j < joints; ++j) {
            auto ctl = makeJointController(j);
            ctl->setTarget(target);
            ctl->start(5);
            joints_.push_back(ctl);
            loops_.push_back(ctl);
        }
        for (int t = 0; t < 200; ++t, ++clockMs)
            for (auto& l : loops_) l->service(clockMs);

        double reached = joints_.empty() ? 0 : joints_.front()->position();
        for (auto& l : loops_) l->stop();
        loops_.clear();
        joints_.clear();
        return reached;
    }

private:
    std::vector<std::shared_ptr<ControlLoop>> loops_;
    std::vector<std::shared_ptr<PidJointController>> joints_;
};

}  // namespace robot

int main() {
    robot::MotionSupervisor supervisor;
    std::uint64_t clockMs = 1;
    int baseline = robot::ControlLoop::live();
    for (int mission = 1; mission <= 40; ++mission) {
        double pos = supervisor.runMission(6, 0.5 + mission * 0.01, clockMs);
        if (mission % 10 == 0)
            std::printf("mission %d: base joint at %.3f rad, live controllers=%d\n", mission, pos,
                        robot::ControlLoop::live());
    }
    std::printf("baseline %d, final live controllers %d\n", baseline, robot::ControlLoop::live());
    return 0;
}
