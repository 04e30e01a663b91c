// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: the process-wide compiled-pattern cache in the logger is keyed by caller-supplied format strings but is an LRU capped at kMaxPatterns entries that evicts the oldest entry on every insert past the cap, so it stays bounded however many distinct keys arrive.
#include <cstddef>
#include <iostream>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace logging {

struct CompiledPattern {
    std::vector<std::string> literals;
    std::size_t placeholders = 0;
};

template <typename Key, typename Value, std::size_t Capacity>
class LruCache {
public:
    using ValuePtr = std::shared_ptr<const Value>;

    ValuePtr get(const Key& k) {
        auto it = index_.find(k);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
    }

    void put(const Key& k, ValuePtr v) {
        auto it = index_.find(k);
        if (it != index_.end()) {
            it->second->second = std::move(v);
            order_.splice(order_.begin(), order_, it->second);
            return;
        }
        order_.emplace_front(k, std::move(v));
        index_[k] = order_.begin();
        if (index_.size() > Capacity) evictOldest();
    }

    std::size_t size() const { return index_.size(); }

private:
    void evictOldest() {
        auto& victim = order_.back();
        index_.erase(victim.first);
        order_.pop_back();
    }

    std::list<std::pair<Key, ValuePtr>> order_;
    std::unordered_map<Key, typename std::list<std::pair<Key, ValuePtr>>::iterator> index_;
};

constexpr std::size_t kMaxPatterns = 256;
using PatternCache = LruCache<std::string, CompiledPattern, kMaxPatterns>;

class Logger {
public:
    static Logger& get() {
        static Logger instance;
        return instance;
    }
    void log(const std::string& fmt, const std::vector<std::string>& args);
    std::size_t cachedPatterns() const { return cache_.size(); }
    const std::string& lastLine() const { return last_; }

private:
    std::shared_ptr<const CompiledPattern> compile(const std::string& fmt);
    std::mutex mu_;
    PatternCache cache_;
    std::string last_;
};

std::shared_ptr<const CompiledPattern> Logger::compile(const std::string& fmt) {
    if (auto hit = cache_.get(fmt)) return hit;
    auto p = std::make_shared<CompiledPattern>();
    std::string cur;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] == '{' && i + 1 < fmt.size() && fmt[i + 1] == '}') {
            p->literals.push_back(cur);
            cur.clear();
            ++p->placeholders;
            ++i;
        } else {
            cur += fmt[i];
        }
    }
    p->literals.push_back(cur);
    cache_.put(fmt, p);
    return p;
}

void Logger::log(const std::string& fmt, const std::vector<std::string>& args) {
    std::lock_guard<std::mutex> lk(mu_);
    auto pattern = compile(fmt);
    std::string out;
    for (std::size_t i = 0; i < pattern->literals.size(); ++i) {
        out += pattern->literals[i];
        if (i < pattern->placeholders && i < args.size()) out += args[i];
    }
    last_ = std::move(out);
}

}  // namespace logging

#define LOG_INFO(fmt, ...) ::logging::Logger::get().log(fmt, {__VA_ARGS__})

int main() {
    for (int req = 0; req < 100000; ++req) {
        // Sloppy call site: request id baked into the format string -> unique key per request.
        std::string fmt = "req " + std::to_string(req) + " user={} status={}";
        LOG_INFO(fmt, "alice", "200");
        LOG_INFO("static pattern {} {}", std::to_string(req), "ok");
    }
    std::cout << logging::Logger::get().lastLine() << "\n"
              << "cached: " << logging::Logger::get().cachedPatterns() << "\n";
}
