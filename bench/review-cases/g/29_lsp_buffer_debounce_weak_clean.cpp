// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: TextBuffer re-arms its own member Debouncer with a task from makeDiagnosticsTask(), but that helper captures only a weak_ptr and locks it when the task runs, so the stored callback never owns the buffer and closed buffers are destroyed.
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace lsp {

using Clock = std::chrono::steady_clock;

class Debouncer {
public:
    void schedule(std::function<void()> fn, std::chrono::milliseconds quiet) {
        pending_ = std::move(fn);
        due_ = Clock::now() + quiet;
        armed_ = true;
    }
    void poll(Clock::time_point now) {
        if (!armed_ || now < due_) return;
        armed_ = false;
        pending_();  // kept so that a rapid re-edit can reuse it
    }

private:
    std::function<void()> pending_;
    Clock::time_point due_{};
    bool armed_ = false;
};

class TextBuffer;
std::function<void()> makeDiagnosticsTask(std::weak_ptr<TextBuffer> buf);

class TextBuffer : public std::enable_shared_from_this<TextBuffer> {
public:
    explicit TextBuffer(std::string uri) : uri_(std::move(uri)) {}

    void didChange(const std::string& text, int version) {
        contents_ = text;
        version_ = version;
        debounce_.schedule(makeDiagnosticsTask(weak_from_this()), std::chrono::milliseconds(0));
    }

    void publishDiagnostics() {
        std::size_t warnings = 0;
        for (char c : contents_)
            if (c == '\t') ++warnings;
        lastWarningCount_ = warnings;
    }

    void tick(Clock::time_point now) { debounce_.poll(now); }
    std::size_t warnings() const { return lastWarningCount_; }

private:
    std::string uri_;
    std::string contents_;
    int version_ = 0;
    std::size_t lastWarningCount_ = 0;
    Debouncer debounce_;
};

std::function<void()> makeDiagnosticsTask(std::weak_ptr<TextBuffer> buf) {
    return [buf = std::move(buf)]() {
        if (auto b = buf.lock()) b->publishDiagnostics();
    };
}

class Workspace {
public:
    void didOpen(const std::string& uri) { open_[uri] = std::make_shared<TextBuffer>(uri); }
    void didChange(const std::string& uri, const std::string& text, int v) {
        auto it = open_.find(uri);
        if (it != open_.end()) it->second->didChange(text, v);
    }
    void didClose(const std::string& uri) { open_.erase(uri); }
    std::size_t pump() {
        std::size_t total = 0;
        for (auto& [uri, buf] : open_) {
            buf->tick(Clock::now());
            total += buf->warnings();
        }
        return total;
    }

private:
    std::map<std::string, std::shared_ptr<TextBuffer>> open_;
};

}  // namespace lsp

int main() {
    lsp::Workspace ws;
    std::size_t warnings = 0;
    for (int i = 0; i < 30000; ++i) {
        const std::string uri = "file:///src/module_" + std::to_string(i) + ".cpp";
        ws.didOpen(uri);
        ws.didChange(uri, "int main() {\n\treturn " + std::to_string(i) + ";\n}\n", 2);
        warnings += ws.pump();
        ws.didClose(uri);
    }
    std::printf("warnings=%zu\n", warnings);
    return 0;
}
