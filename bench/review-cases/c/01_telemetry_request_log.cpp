// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The agent-lifetime deque of recent exports is trimmed with pop_front whenever it grows past kMaxRecent, so it stays bounded.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace telemetry {

using Clock = std::chrono::steady_clock;

struct ExportRecord {
    std::string endpoint;
    std::uint32_t status = 0;
    std::size_t bytes = 0;
    Clock::time_point at;
};

class ExportHistory {
public:
    static constexpr std::size_t kMaxRecent = 256;

    void record(ExportRecord rec);
    std::vector<ExportRecord> snapshot() const;
    std::size_t size() const { return recent_.size(); }

private:
    std::deque<ExportRecord> recent_;
};

void ExportHistory::record(ExportRecord rec) {
    recent_.push_back(std::move(rec));
    while (recent_.size() > kMaxRecent) {
        recent_.pop_front();
    }
}

std::vector<ExportRecord> ExportHistory::snapshot() const {
    return {recent_.begin(), recent_.end()};
}

class Agent {
public:
    static Agent& instance();

    void flushBatch(const std::string& endpoint, std::size_t points);
    const ExportHistory& history() const { return history_; }

private:
    Agent() = default;
    std::uint64_t batches_ = 0;
    ExportHistory history_;
};

Agent& Agent::instance() {
    static Agent agent;
    return agent;
}

void Agent::flushBatch(const std::string& endpoint, std::size_t points) {
    ++batches_;
    ExportRecord rec;
    rec.endpoint = endpoint;
    rec.status = (batches_ % 17 == 0) ? 503u : 200u;
    rec.bytes = points * 48;
    rec.at = Clock::now();
    history_.record(std::move(rec));
}

} // namespace telemetry

static std::atomic<bool> running{true};

int main() {
    auto& agent = telemetry::Agent::instance();
    const std::vector<std::string> sinks = {"otlp://collector:4317", "statsd://127.0.0.1:8125"};
    std::uint64_t tick = 0;
    while (running) {
        for (const auto& sink : sinks) {
            agent.flushBatch(sink, 1000 + (tick % 250));
        }
        if (++tick % 10000 == 0) {
            auto snap = agent.history().snapshot();
            std::size_t failures = 0;
            for (const auto& r : snap) failures += (r.status >= 500);
            std::cout << "recent exports=" << snap.size() << " failures=" << failures << '\n';
        }
        if (tick == 1000000) running = false;
    }
    return 0;
}
