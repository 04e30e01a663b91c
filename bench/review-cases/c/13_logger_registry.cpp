// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Every Logger constructor (default, copy and move) inserts this into the static registry and the destructor erases it, so the set only ever holds live loggers.
#include <iostream>
#include <mutex>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace logging {

enum class Level { Trace, Debug, Info, Warn, Error };

class Logger {
public:
    explicit Logger(std::string channel, Level lvl = Level::Info);
    Logger(const Logger& other);
    Logger(Logger&& other) noexcept;
    Logger& operator=(const Logger& other) = default;
    Logger& operator=(Logger&& other) noexcept = default;
    ~Logger();

    void log(Level lvl, const std::string& msg) const;
    void setLevel(Level lvl) { level_ = lvl; }

    static void setGlobalLevel(Level lvl);
    static std::size_t liveCount();

private:
    static std::mutex& registryMutex();
    static std::unordered_set<Logger*>& registry();
    void enroll();

    std::string channel_;
    Level level_;
};

std::mutex& Logger::registryMutex() {
    static std::mutex m;
    return m;
}

std::unordered_set<Logger*>& Logger::registry() {
    static std::unordered_set<Logger*> instances;
    return instances;
}

void Logger::enroll() {
    std::lock_guard<std::mutex> lock(registryMutex());
    registry().insert(this);
}

Logger::Logger(std::string channel, Level lvl) : channel_(std::move(channel)), level_(lvl) { enroll(); }

Logger::Logger(const Logger& other) : channel_(other.channel_), level_(other.level_) { enroll(); }

Logger::Logger(Logger&& other) noexcept : channel_(std::move(other.channel_)), level_(other.level_) { enroll(); }

Logger::~Logger() {
    std::lock_guard<std::mutex> lock(registryMutex());
    registry().erase(this);
}

void Logger::log(Level lvl, const std::string& msg) const {
    if (lvl < level_) return;
    static const char* names[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};
    if (lvl >= Level::Warn) std::cerr << '[' << names[static_cast<int>(lvl)] << "] " << channel_ << ": " << msg << '\n';
}

void Logger::setGlobalLevel(Level lvl) {
    std::lock_guard<std::mutex> lock(registryMutex());
    for (Logger* l : registry()) l->setLevel(lvl);
}

std::size_t Logger::liveCount() {
    std::lock_guard<std::mutex> lock(registryMutex());
    return registry().size();
}

} // namespace logging

struct RequestContext {
    logging::Logger log;
    std::string path;
};

static void serve(std::vector<RequestContext>& inflight, int i) {
    logging::Logger reqLog("http.request");
    RequestContext ctx{reqLog, "/api/items/" + std::to_string(i)};
    inflight.push_back(std::move(ctx));
    if (i % 1000 == 0) inflight.back().log.log(logging::Level::Warn, "slow request " + inflight.back().path);
}

int main() {
    logging::Logger root("root");
    std::vector<RequestContext> inflight;
    for (int i = 1;; ++i) {
        serve(inflight, i);
        if (inflight.size() >= 64) inflight.clear();
        if (i % 20000 == 0) logging::Logger::setGlobalLevel(i % 40000 ? logging::Level::Debug : logging::Level::Warn);
        if (i == 200000) break;
    }
    std::cout << "live loggers: " << logging::Logger::liveCount() << '\n';
}
