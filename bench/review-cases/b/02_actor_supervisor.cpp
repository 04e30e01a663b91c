// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: The supervisor owns its child actors through children_, and spawn() installs into each child a std::function failure handler that captures a shared_ptr back to the supervisor, closing a two-object ownership cycle.
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#define ACTOR_LOG(msg) (std::clog << "[actor] " << msg << '\n')

namespace actors {

struct Failure {
    std::uint64_t actorId;
    std::string reason;
};

enum class Directive { Resume, Restart, Stop };

class Actor {
public:
    using FailureHandler = std::function<void(const Failure&)>;

    Actor(std::uint64_t id, std::string name) : id_(id), name_(std::move(name)) {}
    virtual ~Actor() = default;

    void setFailureHandler(FailureHandler h);
    void tell(const std::string& msg);
    std::uint64_t id() const { return id_; }
    const std::string& name() const { return name_; }

protected:
    virtual void receive(const std::string& msg) = 0;

private:
    std::uint64_t id_;
    std::string name_;
    FailureHandler onFailure_;  // LEAK-HERE
};

using ActorRef = std::shared_ptr<Actor>;

class Supervisor : public std::enable_shared_from_this<Supervisor> {
public:
    explicit Supervisor(std::string path) : path_(std::move(path)) {}

    template <typename A, typename... Args>
    std::shared_ptr<A> spawn(Args&&... args);

    void handleFailure(const Failure& f);
    Directive decide(const Failure& f) const;

private:
    std::string path_;
    std::uint64_t nextId_ = 1;
    std::vector<ActorRef> children_;  // LEAK-HERE
    std::unordered_map<std::uint64_t, int> restarts_;
};

void Actor::setFailureHandler(FailureHandler h) {
    onFailure_ = std::move(h);  // LEAK-HERE
}

void Actor::tell(const std::string& msg) {
    try {
        receive(msg);
    } catch (const std::exception& e) {
        if (onFailure_) onFailure_(Failure{id_, e.what()});
    }
}

template <typename A, typename... Args>
std::shared_ptr<A> Supervisor::spawn(Args&&... args) {
    auto child = std::make_shared<A>(nextId_++, std::forward<Args>(args)...);
    child->setFailureHandler([sup = shared_from_this()](const Failure& f) {  // LEAK-HERE
        sup->handleFailure(f);
    });
    children_.push_back(child);  // LEAK-HERE
    ACTOR_LOG(path_ << " spawned " << child->name());
    return child;
}

Directive Supervisor::decide(const Failure& f) const {
    auto it = restarts_.find(f.actorId);
    if (it != restarts_.end() && it->second >= 3) return Directive::Stop;
    return Directive::Restart;
}

void Supervisor::handleFailure(const Failure& f) {
    switch (decide(f)) {
    case Directive::Restart:
        ++restarts_[f.actorId];
        ACTOR_LOG(path_ << " restarting " << f.actorId << ": " << f.reason);
        break;
    case Directive::Stop:
        ACTOR_LOG(path_ << " stopping " << f.actorId);
        break;
    case Directive::Resume:
        break;
    }
}

class ParserActor : public Actor {
public:
    ParserActor(std::uint64_t id, std::string name) : Actor(id, std::move(name)) {}

protected:
    void receive(const std::string& msg) override {
        if (msg.empty()) throw std::runtime_error("empty message");
        bytes_ += msg.size();
    }

private:
    std::size_t bytes_ = 0;
};

void runBatch(const std::vector<std::string>& lines) {
    auto sup = std::make_shared<Supervisor>("/user/batch");
    auto parser = sup->spawn<ParserActor>("parser");
    for (const auto& l : lines) parser->tell(l);
}

}  // namespace actors
