// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: the std::bind(..., shared_from_this(), ...) handler is posted to the server-owned EventLoop, which runs each task once and then destroys it, so the analyzer is only kept alive until its pending diagnostics run.
#include <atomic>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace lsp {

struct Diagnostic {
    int line;
    std::string message;
};

// Tick-driven loop owned by the server; tasks are popped before they run.
class EventLoop {
public:
    void postAfter(int ticks, std::function<void()> task) {
        queue_.push_back(Entry{now_ + ticks, std::move(task)});
    }
    void tick() {
        ++now_;
        std::deque<Entry> due;
        for (auto it = queue_.begin(); it != queue_.end();) {
            if (it->when <= now_) { due.push_back(std::move(*it)); it = queue_.erase(it); }
            else ++it;
        }
        for (auto& e : due) e.task();
    }
    std::size_t pending() const { return queue_.size(); }
private:
    struct Entry {
        long when;
        std::function<void()> task;
    };
    long now_ = 0;
    std::deque<Entry> queue_;
};

class DiagnosticsScheduler {
public:
    DiagnosticsScheduler(EventLoop& loop, int debounceTicks) : loop_(loop), debounceTicks_(debounceTicks) {}
    template <typename Task>
    void debounce(Task&& task) {
        loop_.postAfter(debounceTicks_, std::forward<Task>(task));
    }
private:
    EventLoop& loop_;
    int debounceTicks_;
};

class DocumentAnalyzer : public std::enable_shared_from_this<DocumentAnalyzer> {
public:
    static std::atomic<int> live;
    using Publisher = std::function<void(const std::string&, const std::vector<Diagnostic>&)>;

    DocumentAnalyzer(std::string uri, EventLoop& loop, Publisher publish)
        : uri_(std::move(uri)), publish_(std::move(publish)), scheduler_(loop, 2) {
        ++live;
    }
    ~DocumentAnalyzer() { --live; }

    void didChange(std::string text, int version) {
        text_ = std::move(text);
        version_ = version;
        auto self = shared_from_this();
        scheduler_.debounce(std::bind(&DocumentAnalyzer::publishDiagnostics, self, version));
    }

private:
    void publishDiagnostics(int forVersion) {
        if (forVersion != version_) return;
        std::vector<Diagnostic> diags;
        std::istringstream in(text_);
        std::string line;
        for (int n = 0; std::getline(in, line); ++n) {
            if (line.find("TODO") != std::string::npos) diags.push_back({n, "unresolved TODO"});
            if (line.size() > 100) diags.push_back({n, "line too long"});
        }
        publish_(uri_, diags);
    }

    std::string uri_;
    Publisher publish_;
    std::string text_;
    int version_ = 0;
    DiagnosticsScheduler scheduler_;
};

std::atomic<int> DocumentAnalyzer::live{0};

class LanguageServer {
public:
    void didOpen(const std::string& uri, const std::string& text) {
        auto doc = std::make_shared<DocumentAnalyzer>(
            uri, loop_, [this](const std::string& u, const std::vector<Diagnostic>& d) { onPublish(u, d); });
        docs_[uri] = doc;
        doc->didChange(text, 1);
    }
    void didChange(const std::string& uri, const std::string& text, int version) {
        auto it = docs_.find(uri);
        if (it != docs_.end()) it->second->didChange(text, version);
    }
    void didClose(const std::string& uri) { docs_.erase(uri); }
    void runOnce() { loop_.tick(); }
    std::size_t openDocs() const { return docs_.size(); }
    std::size_t pendingTasks() const { return loop_.pending(); }
    std::size_t published() const { return published_; }
private:
    void onPublish(const std::string&, const std::vector<Diagnostic>& d) { published_ += 1 + d.size(); }
    EventLoop loop_;
    std::map<std::string, std::shared_ptr<DocumentAnalyzer>> docs_;
    std::size_t published_ = 0;
};

} // namespace lsp

int main() {
    lsp::LanguageServer server;
    std::cout << "baseline live analyzers=" << lsp::DocumentAnalyzer::live.load() << "\n";
    for (int session = 1; session <= 5; ++session) {
        for (int f = 0; f < 30; ++f) {
            std::string uri = "file:///ws/src/mod" + std::to_string(session) + "_" + std::to_string(f) + ".cpp";
            server.didOpen(uri, "int main() {}\n");
            server.didChange(uri, "// TODO: wire config\nint main() { return 0; }\n", 2);
            server.runOnce();
            server.didClose(uri);
        }
        for (int t = 0; t < 3; ++t) server.runOnce();
        std::cout << "session " << session << " open=" << server.openDocs()
                  << " pending=" << server.pendingTasks()
                  << " published=" << server.published()
                  << " live analyzers=" << lsp::DocumentAnalyzer::live.load() << "\n";
    }
    return 0;
}
