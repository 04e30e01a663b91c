// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each SessionEvaluator binds a slot holding its `this` pointer into the static ExposureRecorder singleton, but its destructor never detaches, so one slot per evaluation session survives forever.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace ff {

std::atomic<int> g_liveEvaluators{0};

struct Exposure {
    std::string flag;
    bool value = false;
    std::uint64_t atMs = 0;
};

// Analytics side channel: evaluators report which variant a tenant saw.
class ExposureRecorder {
public:
    struct Slot {
        const void *owner = nullptr;
        std::string tenant;
        std::vector<Exposure> pending;
        std::uint64_t flushed = 0;
    };

    static ExposureRecorder &instance() {
        static ExposureRecorder recorder;
        return recorder;
    }

    Slot &attach(std::uint64_t sessionId, const void *owner, const std::string &tenant) {
        auto &slot = slots_[sessionId];  // LEAK-HERE
        slot.owner = owner;              // LEAK-HERE
        slot.tenant = tenant;
        return slot;
    }

    void detach(std::uint64_t sessionId) {
        auto it = slots_.find(sessionId);
        if (it == slots_.end())
            return;
        shipped_ += it->second.pending.size();
        slots_.erase(it);
    }

    // Periodic batch upload: ships pending rows, keeps the slot for the owner.
    void flushAll() {
        for (auto &kv : slots_) {
            kv.second.flushed += kv.second.pending.size();
            shipped_ += kv.second.pending.size();
            kv.second.pending.clear();
        }
    }

    std::size_t slotCount() const { return slots_.size(); }
    std::uint64_t shipped() const { return shipped_; }

private:
    ExposureRecorder() = default;
    std::unordered_map<std::uint64_t, Slot> slots_;  // LEAK-HERE
    std::uint64_t shipped_ = 0;
};

class FlagStore {
public:
    struct Rule {
        int rolloutPercent = 0;
        std::vector<std::string> allowTenants;
    };

    void define(const std::string &flag, Rule rule) { rules_[flag] = std::move(rule); }

    bool evaluate(const std::string &flag, const std::string &tenant) const {
        auto it = rules_.find(flag);
        if (it == rules_.end())
            return false;
        for (const auto &t : it->second.allowTenants)
            if (t == tenant)
                return true;
        const auto bucket = std::hash<std::string>{}(flag + ":" + tenant) % 100;
        return static_cast<int>(bucket) < it->second.rolloutPercent;
    }

private:
    std::map<std::string, Rule> rules_;
};

class SessionEvaluator {
public:
    SessionEvaluator(const FlagStore &store, std::string tenant)
        : store_(store), tenant_(std::move(tenant)), sessionId_(++s_nextSession) {
        slot_ = &ExposureRecorder::instance().attach(sessionId_, this, tenant_);
        ++g_liveEvaluators;
    }
    ~SessionEvaluator() { --g_liveEvaluators; }

    SessionEvaluator(const SessionEvaluator &) = delete;
    SessionEvaluator &operator=(const SessionEvaluator &) = delete;

    bool isEnabled(const std::string &flag, std::uint64_t nowMs) {
        auto cached = memo_.find(flag);
        const bool value =
            cached != memo_.end() ? cached->second : (memo_[flag] = store_.evaluate(flag, tenant_));
        slot_->pending.push_back(Exposure{flag, value, nowMs});
        return value;
    }

private:
    static inline std::uint64_t s_nextSession = 0;
    const FlagStore &store_;
    std::string tenant_;
    std::uint64_t sessionId_;
    ExposureRecorder::Slot *slot_ = nullptr;
    std::map<std::string, bool> memo_;  // per-session memo, dies with the session
};

}  // namespace ff

namespace {

int handleRequest(const ff::FlagStore &store, int i) {
    const std::string tenant = "tenant-" + std::to_string(i % 37);
    ff::SessionEvaluator eval(store, tenant);
    int enabled = 0;
    const std::uint64_t now = 1700000000000ULL + static_cast<std::uint64_t>(i) * 5;
    for (const char *flag : {"new-checkout", "dark-mode", "search-v2", "new-checkout"})
        enabled += eval.isEnabled(flag, now) ? 1 : 0;
    return enabled;
}

}  // namespace

int main(int argc, char **argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    ff::FlagStore store;
    store.define("new-checkout", {25, {"tenant-3"}});
    store.define("dark-mode", {100, {}});
    store.define("search-v2", {50, {"tenant-7", "tenant-11"}});

    long enabled = 0;
    for (int round = 1; round <= 2; ++round) {
        for (int i = 0; i < n; ++i) {
            enabled += handleRequest(store, i);
            if (i % 100 == 99)
                ff::ExposureRecorder::instance().flushAll();
        }
        auto &rec = ff::ExposureRecorder::instance();
        std::printf("after %d requests: live evaluators=%d recorder slots=%zu shipped=%llu enabled=%ld\n",
                    round * n, ff::g_liveEvaluators.load(), rec.slotCount(),
                    static_cast<unsigned long long>(rec.shipped()), enabled);
    }
    return 0;
}
