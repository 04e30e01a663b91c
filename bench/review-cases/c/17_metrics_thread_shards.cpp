// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The singleton's shard map is keyed by std::thread::id and only the fixed worker pool created once at startup ever touches it, so it holds at most one entry per pool thread.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace metrics {

struct Shard {
    std::map<std::string, std::uint64_t> counters;
};

class Registry {
public:
    static Registry& instance() {
        static Registry r;
        return r;
    }

    Shard& localShard();
    std::map<std::string, std::uint64_t> aggregate();
    std::size_t shardCount();

private:
    Registry() = default;
    std::mutex mu_;
    std::unordered_map<std::thread::id, std::unique_ptr<Shard>> shards_;
};

Shard& Registry::localShard() {
    thread_local Shard* cached = nullptr;
    if (cached) return *cached;
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = shards_[std::this_thread::get_id()];
    if (!slot) slot = std::make_unique<Shard>();
    cached = slot.get();
    return *cached;
}

std::map<std::string, std::uint64_t> Registry::aggregate() {
    std::lock_guard<std::mutex> lock(mu_);
    std::map<std::string, std::uint64_t> out;
    for (auto& kv : shards_)
        for (auto& c : kv.second->counters) out[c.first] += c.second;
    return out;
}

std::size_t Registry::shardCount() {
    std::lock_guard<std::mutex> lock(mu_);
    return shards_.size();
}

inline void increment(const std::string& name, std::uint64_t by = 1) {
    Registry::instance().localShard().counters[name] += by;
}

} // namespace metrics

class WorkerPool {
public:
    explicit WorkerPool(unsigned n) {
        for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this, i] { loop(i); });
    }
    ~WorkerPool() {
        stop_ = true;
        for (auto& t : threads_) t.join();
    }

private:
    void loop(unsigned idx) {
        std::uint64_t n = 0;
        while (!stop_) {
            metrics::increment(n % 7 ? "rpc.ok" : "rpc.retry");
            metrics::increment("bytes.out", 512 + idx);
            if (++n == 200000) break;
        }
    }

    std::atomic<bool> stop_{false};
    std::vector<std::thread> threads_;
};

int main() {
    {
        WorkerPool pool(std::max(2u, std::thread::hardware_concurrency()));
    }
    auto totals = metrics::Registry::instance().aggregate();
    for (const auto& kv : totals) std::cout << kv.first << " = " << kv.second << '\n';
    std::cout << "shards: " << metrics::Registry::instance().shardCount() << '\n';
}
