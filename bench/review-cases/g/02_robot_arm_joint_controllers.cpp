// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Each JointController is owned by its Arm through a unique_ptr in joints_, but holds a strong std::shared_ptr<Arm> back to that arm, so every shadow arm the planner builds per request keeps itself alive.
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace robo {

class Arm;

struct JointLimits {
    double min_rad = -3.14;
    double max_rad = 3.14;
    double max_vel = 1.0;
};

class JointController {
public:
    JointController(std::shared_ptr<Arm> arm, int index)
        : arm_(std::move(arm)), index_(index) {}  // LEAK-HERE

    void set_limits(const JointLimits& lim) { limits_ = lim; }
    void set_gain(double kp) { kp_ = kp; }

    double step(double target, double dt);
    double position() const { return pos_; }

private:
    std::shared_ptr<Arm> arm_;  // LEAK-HERE
    int index_;
    JointLimits limits_;
    double kp_ = 2.0;
    double pos_ = 0.0;
};

class Arm : public std::enable_shared_from_this<Arm> {
public:
    explicit Arm(std::string model) : model_(std::move(model)) {}

    void add_joint(const JointLimits& lim, double kp) {
        auto jc = std::make_unique<JointController>(shared_from_this(),
                                                    static_cast<int>(joints_.size()));
        jc->set_limits(lim);
        jc->set_gain(kp);
        joints_.push_back(std::move(jc));  // LEAK-HERE
    }

    bool emergency_stopped() const { return estop_; }
    std::size_t dof() const { return joints_.size(); }

    double move_to(const std::vector<double>& goal, double dt, int steps) {
        double err = 0.0;
        for (int s = 0; s < steps; ++s) {
            err = 0.0;
            for (std::size_t j = 0; j < joints_.size(); ++j)
                err += std::fabs(goal[j] - joints_[j]->step(goal[j], dt));
        }
        return err;
    }

private:
    std::string model_;
    bool estop_ = false;
    std::vector<std::unique_ptr<JointController>> joints_;  // LEAK-HERE
};

double JointController::step(double target, double dt) {
    if (arm_->emergency_stopped())
        return pos_;
    double v = kp_ * (target - pos_);
    if (std::fabs(v) > limits_.max_vel)
        v = v > 0 ? limits_.max_vel : -limits_.max_vel;
    pos_ += v * dt;
    if (pos_ < limits_.min_rad) pos_ = limits_.min_rad;
    if (pos_ > limits_.max_rad) pos_ = limits_.max_rad;
    (void)index_;
    return pos_;
}

std::shared_ptr<Arm> make_arm(const std::string& model, int dof) {
    auto arm = std::make_shared<Arm>(model);
    for (int i = 0; i < dof; ++i)
        arm->add_joint(JointLimits{-2.9, 2.9, 1.5}, 3.0 + 0.1 * i);
    return arm;
}

// Motion planner: simulates every candidate trajectory on a throw-away shadow arm.
class Planner {
public:
    double score(const std::vector<double>& goal) {
        auto shadow = make_arm("ur5-shadow", static_cast<int>(goal.size()));
        return shadow->move_to(goal, 0.01, 50);
    }
};

}  // namespace robo

int main() {
    robo::Planner planner;
    double best = 1e9;
    for (int req = 0; req < 200000; ++req) {
        std::vector<double> goal(6);
        for (int j = 0; j < 6; ++j)
            goal[j] = std::sin(req * 0.01 + j);
        double e = planner.score(goal);
        if (e < best) best = e;
    }
    std::printf("best residual %.4f\n", best);
    return 0;
}
