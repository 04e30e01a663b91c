// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The singleton Logger appends every record to recent_ but trims it with pop_front() once it exceeds kMaxRecent, and its other per-call containers are keyed by the Level enum so they cannot grow past five entries.
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#define LOG_AT(lvl, msg) ::logging::Logger::instance().log((lvl), (msg), __FILE__, __LINE__)
#define LOG_INFO(msg) LOG_AT(::logging::Level::Info, msg)
#define LOG_WARN(msg) LOG_AT(::logging::Level::Warn, msg)

namespace logging {

enum class Level : std::uint8_t { Trace, Debug, Info, Warn, Error, kCount };

struct Record {
    Level level;
    std::string message;
    const char* file;
    int line;
    std::chrono::system_clock::time_point when;
};

class Logger {
public:
    static Logger& instance();

    void log(Level lvl, std::string msg, const char* file, int line);
    std::vector<Record> snapshot() const;
    std::uint64_t count(Level lvl) const { return counts_[static_cast<std::size_t>(lvl)]; }

private:
    Logger() = default;
    const std::string& prefixFor(Level lvl);

    static constexpr std::size_t kMaxRecent = 512;

    mutable std::mutex mu_;
    std::deque<Record> recent_;
    std::array<std::uint64_t, static_cast<std::size_t>(Level::kCount)> counts_{};
    std::map<Level, std::string> prefixes_;
};

Logger& Logger::instance() {
    static Logger logger;
    return logger;
}

const std::string& Logger::prefixFor(Level lvl) {
    auto& p = prefixes_[lvl];
    if (p.empty()) {
        static const char* names[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};
        p = std::string("[") + names[static_cast<std::size_t>(lvl)] + "] ";
    }
    return p;
}

void Logger::log(Level lvl, std::string msg, const char* file, int line) {
    std::lock_guard<std::mutex> lock(mu_);
    ++counts_[static_cast<std::size_t>(lvl)];
    std::fprintf(stderr, "%s%s (%s:%d)\n", prefixFor(lvl).c_str(), msg.c_str(), file, line);
    recent_.push_back(Record{lvl, std::move(msg), file, line, std::chrono::system_clock::now()});
    while (recent_.size() > kMaxRecent) recent_.pop_front();
}

std::vector<Record> Logger::snapshot() const {
    std::lock_guard<std::mutex> lock(mu_);
    return {recent_.begin(), recent_.end()};
}

struct HttpRequest {
    std::string method;
    std::string path;
    int status = 200;
};

void handle(const HttpRequest& req) {
    LOG_INFO(req.method + " " + req.path + " -> " + std::to_string(req.status));
    if (req.status >= 500) LOG_WARN("server error on " + req.path);
}

std::string renderDebugPage() {
    std::string out;
    for (const auto& r : Logger::instance().snapshot()) out += r.message + "\n";
    return out;
}

}  // namespace logging
