// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: DirectoryWatcher stores handlers in its own PollSource and debounce timer members, but both lambdas capture weak_from_this() and lock it per event, so the watcher never owns itself.
#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#define WATCH_LOG(x) (std::cerr << "[watch] " << x << '\n')

namespace fsw {

using Clock = std::chrono::steady_clock;

struct Event {
    enum Kind { Created, Modified, Removed } kind;
    std::string path;
};

class PollSource {
public:
    using Handler = std::function<void(const Event&)>;
    void setHandler(Handler h) { handler_ = std::move(h); }
    void deliver(const Event& ev) { if (handler_) handler_(ev); }

private:
    Handler handler_;
};

class Debouncer {
public:
    void schedule(Clock::duration d, std::function<void()> fn) {
        due_ = Clock::now() + d;
        fn_ = std::move(fn);
    }
    void poll() {
        if (fn_ && Clock::now() >= due_) std::exchange(fn_, nullptr)();
    }

private:
    Clock::time_point due_{};
    std::function<void()> fn_;
};

class DirectoryWatcher : public std::enable_shared_from_this<DirectoryWatcher> {
public:
    using ChangeFn = std::function<void(const std::set<std::string>&)>;

    DirectoryWatcher(std::string root, ChangeFn onChange)
        : root_(std::move(root)), onChange_(std::move(onChange)) {}

    void start();
    void poll() { debounce_.poll(); }
    PollSource& source() { return source_; }

private:
    void onEvent(const Event& ev);
    void flush();

    std::string root_;
    ChangeFn onChange_;
    PollSource source_;
    Debouncer debounce_;
    std::set<std::string> pending_;
};

void DirectoryWatcher::start() {
    source_.setHandler([weak = weak_from_this()](const Event& ev) {
        if (auto self = weak.lock()) self->onEvent(ev);
    });
    WATCH_LOG("watching " << root_);
}

void DirectoryWatcher::onEvent(const Event& ev) {
    pending_.insert(ev.path);
    auto weak = weak_from_this();
    debounce_.schedule(std::chrono::milliseconds(200), [weak] {
        if (auto self = weak.lock()) self->flush();
    });
}

void DirectoryWatcher::flush() {
    std::set<std::string> batch;
    batch.swap(pending_);
    if (!batch.empty() && onChange_) onChange_(batch);
}

class BuildDaemon {
public:
    void watch(const std::string& dir);
    void tick() { for (auto& w : watchers_) w->poll(); }
    void unwatchAll() { watchers_.clear(); }

private:
    std::vector<std::shared_ptr<DirectoryWatcher>> watchers_;
    unsigned rebuilds_ = 0;
};

void BuildDaemon::watch(const std::string& dir) {
    auto w = std::make_shared<DirectoryWatcher>(dir, [this](const std::set<std::string>& files) {
        ++rebuilds_;
        WATCH_LOG("rebuild #" << rebuilds_ << " for " << files.size() << " files");
    });
    w->start();
    watchers_.push_back(std::move(w));
}

}  // namespace fsw
