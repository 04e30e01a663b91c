// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Document arms its own member IdleTimer with a task built by makeAutosaveTask(), which captures the document's shared_ptr, and the timer keeps the task after firing so it can re-arm, so a closed document is kept alive by the timer it owns.
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace editor {

using Clock = std::chrono::steady_clock;

class IdleTimer {
public:
    using Task = std::function<void()>;

    void arm(Task task, std::chrono::milliseconds idle) {
        m_task = std::move(task);  // LEAK-HERE
        m_deadline = Clock::now() + idle;
        m_armed = true;
    }
    void poll(Clock::time_point now) {
        if (m_armed && now >= m_deadline) {
            m_armed = false;
            m_task();  // task is kept so the next edit can re-arm cheaply
        }
    }
    bool armed() const { return m_armed; }

private:
    Task m_task;  // LEAK-HERE
    Clock::time_point m_deadline{};
    bool m_armed = false;
};

class Document;
IdleTimer::Task makeAutosaveTask(std::shared_ptr<Document> doc);

class Document : public std::enable_shared_from_this<Document> {
public:
    explicit Document(std::string path) : m_path(std::move(path)) {}

    void insert(std::size_t pos, const std::string& text) {
        if (pos > m_text.size()) pos = m_text.size();
        m_text.insert(pos, text);
        m_dirty = true;
        m_autosave.arm(makeAutosaveTask(shared_from_this()), std::chrono::milliseconds(0));  // LEAK-HERE
    }

    void flushToSwapFile() {
        if (!m_dirty) return;
        m_swapBytes += m_text.size();
        m_dirty = false;
    }

    void tick(Clock::time_point now) { m_autosave.poll(now); }
    std::size_t swapBytes() const { return m_swapBytes; }

private:
    std::string m_path;
    std::string m_text;
    bool m_dirty = false;
    std::size_t m_swapBytes = 0;
    IdleTimer m_autosave;
};

IdleTimer::Task makeAutosaveTask(std::shared_ptr<Document> doc) {
    return [doc]() { doc->flushToSwapFile(); };  // LEAK-HERE
}

}  // namespace editor

class TabStrip {
public:
    std::shared_ptr<editor::Document> open(const std::string& path) {
        auto doc = std::make_shared<editor::Document>(path);
        tabs_.push_back(doc);
        return doc;
    }
    void closeAll() { tabs_.clear(); }
    std::size_t swapBytes() const {
        std::size_t n = 0;
        for (const auto& d : tabs_) n += d->swapBytes();
        return n;
    }
    void tick() {
        for (auto& d : tabs_) d->tick(editor::Clock::now());
    }

private:
    std::vector<std::shared_ptr<editor::Document>> tabs_;
};

int main() {
    TabStrip strip;
    std::size_t written = 0;
    for (int session = 0; session < 10000; ++session) {
        for (int f = 0; f < 3; ++f) {
            auto doc = strip.open("/tmp/scratch_" + std::to_string(session) + "_" + std::to_string(f) + ".txt");
            doc->insert(0, std::string(256, 'a' + f));
        }
        strip.tick();
        written += strip.swapBytes();
        strip.closeAll();  // user closes the window
    }
    std::printf("written=%zu\n", written);
    return 0;
}
