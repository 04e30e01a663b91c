// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Every per-request BufferSink registers shared_from_this() into the process-wide SinkRegistry singleton (which has no removal API) and installs a static fallback hook capturing its raw this, so sinks outlive their requests.
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#define LOG_INTERNAL(msg) std::fputs((std::string("[log] ") + (msg) + "\n").c_str(), stderr)

namespace logging {

enum class Level { Trace, Debug, Info, Warn, Error };

struct Record {
    Level level;
    std::string text;
};

class Sink : public std::enable_shared_from_this<Sink> {
public:
    virtual ~Sink() = default;
    virtual void write(const Record& r) = 0;
    void attach();
};

using SinkPtr = std::shared_ptr<Sink>;

class SinkRegistry {
public:
    static SinkRegistry& instance();
    void add(SinkPtr s);
    void broadcast(const Record& r);

private:
    SinkRegistry() = default;
    std::mutex mu_;
    std::vector<SinkPtr> sinks_;  // LEAK-HERE
};

using FallbackHook = std::function<void(const std::string&)>;

FallbackHook& fallbackHook() {
    static FallbackHook hook;  // LEAK-HERE
    return hook;
}

SinkRegistry& SinkRegistry::instance() {
    static SinkRegistry reg;
    return reg;
}

void SinkRegistry::add(SinkPtr s) {
    std::lock_guard<std::mutex> lock(mu_);
    sinks_.push_back(std::move(s));  // LEAK-HERE
}

void SinkRegistry::broadcast(const Record& r) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& s : sinks_) s->write(r);
}

void Sink::attach() {
    SinkRegistry::instance().add(shared_from_this());  // LEAK-HERE
}

class BufferSink : public Sink {
public:
    explicit BufferSink(std::string requestId) : requestId_(std::move(requestId)) {}
    void write(const Record& r) override;
    void installFallback();
    std::string drain();

private:
    std::string requestId_;
    std::vector<std::string> lines_;
};

void BufferSink::write(const Record& r) {
    if (r.level >= Level::Info) lines_.push_back(requestId_ + " " + r.text);
}

void BufferSink::installFallback() {
    fallbackHook() = [this](const std::string& msg) { lines_.push_back("fallback: " + msg); };  // LEAK-HERE
}

std::string BufferSink::drain() {
    std::string out;
    for (auto& l : lines_) out += l + '\n';
    lines_.clear();
    return out;
}

std::string handleRequest(const std::string& requestId, const std::string& path) {
    auto sink = std::make_shared<BufferSink>(requestId);
    sink->attach();
    sink->installFallback();
    SinkRegistry::instance().broadcast({Level::Info, "GET " + path});
    LOG_INTERNAL("request " + requestId + " done");
    return sink->drain();
}

}  // namespace logging
