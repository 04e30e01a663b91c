// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: MetricsReporter registers std::bind(&MetricsReporter::flush, shared_from_this()) into the handler list of its own FlushSignal member, so every reporter created per scrape target holds itself alive.
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>
#include <sstream>

namespace metrics {

template <typename... Args>
class Signal {
public:
    using Slot = std::function<void(Args...)>;
    void connect(Slot s) { slots_.push_back(std::move(s)); } // LEAK-HERE
    void emit(Args... args) {
        for (auto& s : slots_) s(args...);
    }
    size_t slotCount() const { return slots_.size(); }

private:
    std::vector<Slot> slots_; // LEAK-HERE
};

struct Sample {
    std::string name;
    double value = 0.0;
};

std::string formatLine(const std::string& prefix, const Sample& s) {
    std::ostringstream os;
    os << prefix << "." << s.name << " " << s.value << "\n";
    return os.str();
}

class MetricsReporter : public std::enable_shared_from_this<MetricsReporter> {
public:
    explicit MetricsReporter(std::string prefix) : prefix_(std::move(prefix)) {}

    void init() {
        using namespace std::placeholders;
        onFlush_.connect(std::bind(&MetricsReporter::flush, shared_from_this(), _1)); // LEAK-HERE
    }

    void record(const std::string& name, double v) { gauges_[name] = v; }

    void tick(int reason) { onFlush_.emit(reason); }

    const std::string& lastPayload() const { return payload_; }

private:
    void flush(int /*reason*/) {
        payload_.clear();
        for (auto& [name, v] : gauges_) payload_ += formatLine(prefix_, {name, v});
    }

    std::string prefix_;
    std::unordered_map<std::string, double> gauges_;
    std::string payload_;
    Signal<int> onFlush_; // LEAK-HERE
};

std::shared_ptr<MetricsReporter> makeReporter(const std::string& target) {
    auto r = std::make_shared<MetricsReporter>("scrape." + target);
    r->init();
    return r;
}

} // namespace metrics

int main() {
    for (int i = 0; i < 500; ++i) {
        auto rep = metrics::makeReporter("host" + std::to_string(i % 40));
        rep->record("cpu", 0.25 * i);
        rep->record("mem", 1024.0 * i);
        rep->tick(0);
    }
    return 0;
}
