// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The program-lifetime TelemetryGateway adds an entry per reporting device, but deviceState_ is an LRU capped at kMaxTrackedDevices (evicting from lruOrder_) and the pending_ batch is cleared on every flush, so neither grows with the number of requests.
#include <cstdio>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace iot {

struct TelemetryReport {
    std::string deviceId;
    long timestampMs = 0;
    double value = 0.0;
    int batteryPct = 100;
};

struct DeviceState {
    long lastSeenMs = 0;
    double lastValue = 0.0;
    int batteryPct = 100;
    long reports = 0;
};

// Upstream sink (cloud ingestion endpoint) stand-in.
class UpstreamClient {
public:
    void sendBatch(const std::vector<TelemetryReport>& batch) {
        ++batches_;
        points_ += static_cast<long>(batch.size());
    }
    long batches() const { return batches_; }
    long points() const { return points_; }

private:
    long batches_ = 0;
    long points_ = 0;
};

template <typename Key, typename Value>
class LruMap {
public:
    explicit LruMap(size_t capacity) : capacity_(capacity) {}

    Value& touch(const Key& key) {
        auto it = index_.find(key);
        if (it != index_.end()) {
            order_.splice(order_.begin(), order_, it->second);
            return it->second->second;
        }
        if (index_.size() >= capacity_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
        order_.emplace_front(key, Value{});
        index_[key] = order_.begin();
        return order_.front().second;
    }

    const Value* peek(const Key& key) const {
        auto it = index_.find(key);
        return it == index_.end() ? nullptr : &it->second->second;
    }
    size_t size() const { return index_.size(); }

private:
    using Node = std::pair<Key, Value>;
    size_t capacity_;
    std::list<Node> order_;
    std::unordered_map<Key, typename std::list<Node>::iterator> index_;
};

class TelemetryGateway {
public:
    static constexpr size_t kMaxTrackedDevices = 256;
    static constexpr size_t kBatchSize = 50;

    explicit TelemetryGateway(UpstreamClient& upstream)
        : upstream_(upstream), deviceState_(kMaxTrackedDevices) {
        pending_.reserve(kBatchSize);
    }

    void onReport(TelemetryReport report) {
        DeviceState& st = deviceState_.touch(report.deviceId);
        st.lastSeenMs = report.timestampMs;
        st.lastValue = report.value;
        st.batteryPct = report.batteryPct;
        ++st.reports;
        if (report.batteryPct < 10) ++lowBatteryAlerts_;

        pending_.push_back(std::move(report));
        if (pending_.size() >= kBatchSize) flush();
    }

    void flush() {
        if (pending_.empty()) return;
        upstream_.sendBatch(pending_);
        pending_.clear();
    }

    size_t trackedDevices() const { return deviceState_.size(); }
    size_t pendingReports() const { return pending_.size(); }
    long lowBatteryAlerts() const { return lowBatteryAlerts_; }

private:
    UpstreamClient& upstream_;
    LruMap<std::string, DeviceState> deviceState_;
    std::vector<TelemetryReport> pending_;
    long lowBatteryAlerts_ = 0;
};

TelemetryReport parseReport(const std::string& line, long nowMs) {
    // "<device>;<value>;<battery>"
    auto a = line.find(';');
    auto b = line.find(';', a + 1);
    TelemetryReport r;
    r.deviceId = line.substr(0, a);
    r.value = std::stod(line.substr(a + 1, b - a - 1));
    r.batteryPct = std::stoi(line.substr(b + 1));
    r.timestampMs = nowMs;
    return r;
}

} // namespace iot

int main() {
    iot::UpstreamClient upstream;
    iot::TelemetryGateway gateway(upstream);
    long now = 0;
    unsigned long deviceSerial = 0;

    for (int hour = 0; hour < 6; ++hour) {
        // A fleet of ephemeral trackers: new device ids keep appearing.
        for (int i = 0; i < 1000; ++i) {
            std::string line = "tracker-" + std::to_string(++deviceSerial % 5000) + ";" +
                               std::to_string(20.0 + i % 13) + ";" + std::to_string(5 + i % 95);
            gateway.onReport(iot::parseReport(line, now += 37));
        }
        gateway.flush();
        std::printf("hour %d: tracked=%zu pending=%zu batches=%ld points=%ld alerts=%ld\n", hour,
                    gateway.trackedDevices(), gateway.pendingReports(), upstream.batches(), upstream.points(),
                    gateway.lowBatteryAlerts());
    }
    return 0;
}
