// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Every FilterInstance registers `this` in the class-static live-instance map in its constructor and erases its own key in the destructor, so the map only ever holds instances that are currently alive.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pluginhost {

struct PluginDescriptor {
    std::string vendor;
    std::string name;
    int apiVersion;
};

class FilterInstance {
public:
    explicit FilterInstance(PluginDescriptor desc) : m_desc(std::move(desc)) {
        std::lock_guard<std::mutex> lock(s_mutex);
        m_handle = ++s_nextHandle;
        s_live.emplace(m_handle, this);
    }

    ~FilterInstance() {
        std::lock_guard<std::mutex> lock(s_mutex);
        s_live.erase(m_handle);
    }

    FilterInstance(const FilterInstance&) = delete;
    FilterInstance& operator=(const FilterInstance&) = delete;

    // host callbacks from the plugin ABI arrive with only the opaque handle
    static FilterInstance* fromHandle(std::uint32_t handle) {
        std::lock_guard<std::mutex> lock(s_mutex);
        auto it = s_live.find(handle);
        return it == s_live.end() ? nullptr : it->second;
    }

    static std::size_t liveCount() {
        std::lock_guard<std::mutex> lock(s_mutex);
        return s_live.size();
    }

    void process(std::vector<std::uint8_t>& pixels) {
        for (auto& p : pixels) p = static_cast<std::uint8_t>(255 - p);
        m_processed += pixels.size();
    }

    void reportProgress(double fraction) { m_progress = fraction; }
    std::uint32_t handle() const { return m_handle; }
    std::uint64_t processed() const { return m_processed; }

private:
    static inline std::mutex s_mutex;
    static inline std::uint32_t s_nextHandle = 0;
    static inline std::unordered_map<std::uint32_t, FilterInstance*> s_live;

    PluginDescriptor m_desc;
    std::uint32_t m_handle = 0;
    std::uint64_t m_processed = 0;
    double m_progress = 0.0;
};

// ABI trampoline a plugin calls into
extern "C" void host_report_progress(std::uint32_t handle, double fraction) {
    if (FilterInstance* inst = FilterInstance::fromHandle(handle)) inst->reportProgress(fraction);
}

}  // namespace pluginhost

static std::uint64_t runJob(int jobId) {
    using namespace pluginhost;
    auto inst = std::make_unique<FilterInstance>(PluginDescriptor{"acme", "invert", 3});
    std::vector<std::uint8_t> tile(1024, static_cast<std::uint8_t>(jobId));
    for (int pass = 0; pass < 4; ++pass) {
        inst->process(tile);
        host_report_progress(inst->handle(), (pass + 1) / 4.0);
    }
    return inst->processed();
}  // instance destroyed, unregisters itself

int main() {
    std::uint64_t bytes = 0;
    for (int job = 0; job < 50000; ++job) bytes += runJob(job);
    std::printf("bytes=%llu live=%zu\n", static_cast<unsigned long long>(bytes),
                pluginhost::FilterInstance::liveCount());
    return 0;
}
