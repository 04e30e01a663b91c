// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: DocumentAnalyzer owns a DiagnosticsScheduler whose Timer keeps the last std::bind(..., shared_from_this(), ...) handler even after firing, so every closed document is kept alive by its own timer.
#include <atomic>
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

// Tick-driven one-shot timer, in the style of a steady_timer stand-in.
class Timer {
public:
    void expiresAfter(int ticks) { remaining_ = ticks; }
    void asyncWait(std::function<void()> handler) {
        handler_ = std::move(handler); // LEAK-HERE
        armed_ = true;
    }
    void cancel() { armed_ = false; }
    void tick() {
        if (!armed_) return;
        if (--remaining_ <= 0) {
            armed_ = false;
            handler_();
        }
    }
private:
    int remaining_ = 0;
    bool armed_ = false;
    std::function<void()> handler_; // LEAK-HERE
};

class DiagnosticsScheduler {
public:
    explicit DiagnosticsScheduler(int debounceTicks) : debounceTicks_(debounceTicks) {}
    template <typename Task>
    void debounce(Task&& task) {
        timer_.cancel();
        timer_.expiresAfter(debounceTicks_);
        timer_.asyncWait(std::forward<Task>(task));
    }
    void pump() { timer_.tick(); }
private:
    int debounceTicks_;
    Timer timer_; // LEAK-HERE
};

class DocumentAnalyzer : public std::enable_shared_from_this<DocumentAnalyzer> {
public:
    static std::atomic<int> live;
    using Publisher = std::function<void(const std::string&, const std::vector<Diagnostic>&)>;

    DocumentAnalyzer(std::string uri, Publisher publish)
        : uri_(std::move(uri)), publish_(std::move(publish)), scheduler_(2) {
        ++live;
    }
    ~DocumentAnalyzer() { --live; }

    void didChange(std::string text, int version) {
        text_ = std::move(text);
        version_ = version;
        auto self = shared_from_this();
        scheduler_.debounce(std::bind(&DocumentAnalyzer::publishDiagnostics, self, version)); // LEAK-HERE
    }

    void pump() { scheduler_.pump(); }

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
    DiagnosticsScheduler scheduler_; // LEAK-HERE
};

std::atomic<int> DocumentAnalyzer::live{0};

class LanguageServer {
public:
    void didOpen(const std::string& uri, const std::string& text) {
        auto doc = std::make_shared<DocumentAnalyzer>(
            uri, [this](const std::string& u, const std::vector<Diagnostic>& d) { onPublish(u, d); });
        docs_[uri] = doc;
        doc->didChange(text, 1);
    }
    void didChange(const std::string& uri, const std::string& text, int version) {
        auto it = docs_.find(uri);
        if (it != docs_.end()) it->second->didChange(text, version);
    }
    void didClose(const std::string& uri) { docs_.erase(uri); }
    void runOnce() {
        for (auto& kv : docs_) kv.second->pump();
    }
    std::size_t openDocs() const { return docs_.size(); }
    std::size_t published() const { return published_; }
private:
    void onPublish(const std::string&, const std::vector<Diagnostic>& d) { published_ += 1 + d.size(); }
    std::map<std::string, std::shared_ptr<DocumentAnalyzer>> docs_;
    std::size_t published_ = 0;
};

} // namespace lsp

int main() {
    lsp::LanguageServer server;
    for (int session = 1; session <= 5; ++session) {
        for (int f = 0; f < 30; ++f) {
            std::string uri = "file:///ws/src/mod" + std::to_string(session) + "_" + std::to_string(f) + ".cpp";
            server.didOpen(uri, "int main() {}\n");
            server.didChange(uri, "// TODO: wire config\nint main() { return 0; }\n", 2);
            for (int t = 0; t < 3; ++t) server.runOnce();
            server.didClose(uri);
        }
        std::cout << "session " << session << " open=" << server.openDocs()
                  << " published=" << server.published()
                  << " live analyzers=" << lsp::DocumentAnalyzer::live.load() << "\n";
    }
    return 0;
}
