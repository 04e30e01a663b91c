// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The handler capturing self is handed through the timer_ member to the external EventLoop owned by main, which runs it once and drops it; after stop() no new wait is issued, so the last pending handler releases the controller.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace robot {

struct PidGains {
    double kp = 1.0, ki = 0.0, kd = 0.0;
};

// Single-threaded reactor: one-shot timed handlers, run once then destroyed.
class EventLoop {
public:
    using Handler = std::function<void(std::uint64_t nowMs)>;

    void schedule(std::uint64_t dueMs, Handler h) { queue_.emplace(dueMs, std::move(h)); }

    void runUntil(std::uint64_t nowMs) {
        while (!queue_.empty() && queue_.begin()->first <= nowMs) {
            auto node = queue_.extract(queue_.begin());
            node.mapped()(nowMs);
        }
    }
    std::size_t pending() const { return queue_.size(); }

private:
    std::multimap<std::uint64_t, Handler> queue_;
};

// Timer bound to a loop; the wait handler lives in the loop, not in the timer.
class SteadyTimer {
public:
    explicit SteadyTimer(EventLoop& loop) : loop_(loop) {}
    void expiresAt(std::uint64_t dueMs) { due_ = dueMs; }
    template <class F>
    void asyncWait(F&& handler) {
        loop_.schedule(due_, std::forward<F>(handler));
    }

private:
    EventLoop& loop_;
    std::uint64_t due_ = 0;
};

class ControlLoop : public std::enable_shared_from_this<ControlLoop> {
public:
    ControlLoop(std::string name, EventLoop& loop) : name_(std::move(name)), timer_(loop) { ++s_live; }
    virtual ~ControlLoop() { --s_live; }

    void start(std::uint32_t periodMs, std::uint64_t nowMs) {
        running_ = true;
        period_ = periodMs;
        armNext(nowMs);
    }
    void stop() { running_ = false; }

    static int live() { return s_live; }

protected:
    virtual void step(std::uint64_t now) = 0;
    bool running_ = false;

private:
    void armNext(std::uint64_t nowMs) {
        auto self = shared_from_this();
        timer_.expiresAt(nowMs + period_);
        timer_.asyncWait([self](std::uint64_t now) {
            if (!self->running_) return;
            self->step(now);
            self->armNext(now);
        });
    }

    std::string name_;
    SteadyTimer timer_;
    std::uint32_t period_ = 0;
    static inline int s_live = 0;
};

class PidJointController : public ControlLoop {
public:
    PidJointController(int joint, PidGains gains, EventLoop& loop)
        : ControlLoop("joint" + std::to_string(joint), loop), joint_(joint), gains_(gains) {}

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

std::shared_ptr<PidJointController> makeJointController(int joint, EventLoop& loop) {
    PidGains gains{2.0, 0.1, 0.05};
    if (joint == 0) gains.kp = 3.0;  // base joint carries the arm
    return std::make_shared<PidJointController>(joint, gains, loop);
}

class MotionSupervisor {
public:
    explicit MotionSupervisor(EventLoop& loop) : loop_(loop) {}

    double runMission(int joints, double target, std::uint64_t& clockMs) {
        for (int j = 0; j < joints; ++j) {
            auto ctl = makeJointController(j, loop_);
            ctl->setTarget(target);
            ctl->start(5, clockMs);
            joints_.push_back(ctl);
            loops_.push_back(ctl);
        }
        for (int t = 0; t < 200; ++t, ++clockMs) loop_.runUntil(clockMs);

        double reached = joints_.empty() ? 0 : joints_.front()->position();
        for (auto& l : loops_) l->stop();
        loops_.clear();
        joints_.clear();
        return reached;
    }

private:
    EventLoop& loop_;
    std::vector<std::shared_ptr<ControlLoop>> loops_;
    std::vector<std::shared_ptr<PidJointController>> joints_;
};

}  // namespace robot

int main() {
    robot::EventLoop loop;
    robot::MotionSupervisor supervisor(loop);
    std::uint64_t clockMs = 1;
    int baseline = robot::ControlLoop::live();
    for (int mission = 1; mission <= 40; ++mission) {
        double pos = supervisor.runMission(6, 0.5 + mission * 0.01, clockMs);
        clockMs += 10;
        loop.runUntil(clockMs);  // let cancelled waits complete
        if (mission % 10 == 0)
            std::printf("mission %d: base joint at %.3f rad, live controllers=%d, pending=%zu\n",
                        mission, pos, robot::ControlLoop::live(), loop.pending());
    }
    std::printf("baseline %d, final live controllers %d\n", baseline, robot::ControlLoop::live());
    return 0;
}
