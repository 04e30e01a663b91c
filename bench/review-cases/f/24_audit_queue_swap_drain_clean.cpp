// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: the global audit queue grows once per request, but the AuditFlusher swaps it out under the lock and drains it every kFlushEvery requests (and at shutdown), and the status-name table is filled once at start-up, so no program-lifetime container grows without bound.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace audit {

struct Event {
    std::uint64_t requestId;
    std::string principal;
    std::string action;
    int status;
};

using EventBatch = std::vector<Event>;

class EventQueue {
public:
    static EventQueue& global();

    void push(Event e) {
        std::lock_guard<std::mutex> lk(mu_);
        pending_.push_back(std::move(e));
    }

    EventBatch takeAll() {
        EventBatch out;
        std::lock_guard<std::mutex> lk(mu_);
        out.swap(pending_);
        return out;
    }

    std::size_t depth() {
        std::lock_guard<std::mutex> lk(mu_);
        return pending_.size();
    }

private:
    std::mutex mu_;
    EventBatch pending_;
};

EventQueue& EventQueue::global() {
    static EventQueue q;
    return q;
}

const std::unordered_map<int, std::string>& statusNames() {
    static const std::unordered_map<int, std::string> names = [] {
        std::unordered_map<int, std::string> m;
        m.emplace(200, "OK");
        m.emplace(403, "FORBIDDEN");
        m.emplace(404, "NOT_FOUND");
        m.emplace(500, "INTERNAL");
        return m;
    }();
    return names;
}

class Sink {
public:
    virtual ~Sink() = default;
    virtual void write(const EventBatch& batch) = 0;
};

class CountingSink : public Sink {
public:
    void write(const EventBatch& batch) override {
        for (const Event& e : batch) {
            auto it = statusNames().find(e.status);
            bytes_ += e.principal.size() + e.action.size() +
                      (it == statusNames().end() ? 7 : it->second.size());
        }
    }
    std::uint64_t bytes() const { return bytes_; }

private:
    std::uint64_t bytes_ = 0;
};

class AuditFlusher {
public:
    explicit AuditFlusher(Sink& sink, std::size_t every) : sink_(sink), every_(every) {}
    void onRequestDone();
    void flush();
    ~AuditFlusher() { flush(); }

private:
    Sink& sink_;
    std::size_t every_;
    std::size_t sinceFlush_ = 0;
};

void AuditFlusher::onRequestDone() {
    if (++sinceFlush_ >= every_) flush();
}

void AuditFlusher::flush() {
    EventBatch batch = EventQueue::global().takeAll();
    if (!batch.empty()) sink_.write(batch);
    sinceFlush_ = 0;
}

}  // namespace audit

#define AUDIT(id, who, what, code) \
    ::audit::EventQueue::global().push(::audit::Event{(id), (who), (what), (code)})

namespace app {

int handle(std::uint64_t id, const std::string& user, const std::string& path) {
    int status = (id % 17 == 0) ? 403 : (path.size() > 12 ? 404 : 200);
    AUDIT(id, user, "GET " + path, status);
    return status;
}

}  // namespace app

int main() {
    constexpr std::size_t kFlushEvery = 500;
    audit::CountingSink sink;
    audit::AuditFlusher flusher(sink, kFlushEvery);
    std::size_t maxDepth = 0;
    for (std::uint64_t id = 1; id <= 200000; ++id) {
        app::handle(id, "user" + std::to_string(id % 1000), "/item/" + std::to_string(id));
        flusher.onRequestDone();
        maxDepth = std::max(maxDepth, audit::EventQueue::global().depth());
    }
    flusher.flush();
    std::cout << "bytes=" << sink.bytes() << " maxDepth=" << maxDepth << "\n";
}
