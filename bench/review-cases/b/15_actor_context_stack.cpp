// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Dispatcher::deliver() pushes the receiving actor onto a thread_local current-actor stack but returns early without popping when the actor rejects the message, so long-lived worker threads accumulate strong references to actors.
#include <atomic>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#define DISPATCH_TRACE(x) do { if (kTrace) std::clog << "[dispatch] " << x << '\n'; } while (0)

namespace actors {

constexpr bool kTrace = false;

struct Envelope {
    std::string topic;
    std::string payload;
    std::uint64_t sender = 0;
};

class Actor : public std::enable_shared_from_this<Actor> {
public:
    explicit Actor(std::string name) : name_(std::move(name)) {}
    virtual ~Actor() = default;
    virtual bool accepts(const Envelope& e) const { return !e.topic.empty(); }
    virtual void receive(const Envelope& e) = 0;
    const std::string& name() const { return name_; }

private:
    std::string name_;
};

using ActorPtr = std::shared_ptr<Actor>;

namespace context {
thread_local std::vector<ActorPtr> t_current;  // LEAK-HERE

ActorPtr current() { return t_current.empty() ? nullptr : t_current.back(); }
}  // namespace context

struct DispatchStats {
    std::atomic<std::uint64_t> delivered{0};
    std::atomic<std::uint64_t> dropped{0};
};

class Dispatcher {
public:
    static Dispatcher& instance();
    void deliver(const ActorPtr& actor, const Envelope& env);
    const DispatchStats& stats() const { return stats_; }

private:
    DispatchStats stats_;
};

Dispatcher& Dispatcher::instance() {
    static Dispatcher d;
    return d;
}

void Dispatcher::deliver(const ActorPtr& actor, const Envelope& env) {
    context::t_current.push_back(actor);  // LEAK-HERE
    if (!actor->accepts(env)) {
        ++stats_.dropped;
        DISPATCH_TRACE(actor->name() << " rejected " << env.topic);
        return;
    }
    actor->receive(env);
    ++stats_.delivered;
    context::t_current.pop_back();
}

class EchoActor : public Actor {
public:
    using Actor::Actor;
    bool accepts(const Envelope& e) const override { return e.topic == "echo"; }
    void receive(const Envelope& e) override {
        auto self = context::current();
        replies_.push_back(self ? self->name() + ": " + e.payload : e.payload);
        if (replies_.size() > 16) replies_.erase(replies_.begin());
    }

private:
    std::vector<std::string> replies_;
};

void workerLoop(std::vector<std::pair<ActorPtr, Envelope>>& mailbox) {
    for (auto& [actor, env] : mailbox) Dispatcher::instance().deliver(actor, env);
    mailbox.clear();
}

}  // namespace actors
