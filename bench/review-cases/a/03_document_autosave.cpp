// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Document owns its Autosaver through shared_ptr and the Autosaver's snapshot std::function captures a shared_ptr<Document>, so closing an editor tab never destroys either object.
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <chrono>

namespace editor {

using Clock = std::chrono::steady_clock;

class Autosaver {
public:
    using SnapshotFn = std::function<std::string()>;

    explicit Autosaver(SnapshotFn fn, std::chrono::seconds every)
        : snapshot_(std::move(fn)), interval_(every), last_(Clock::now()) {} // LEAK-HERE

    bool maybeSave(Clock::time_point now) {
        if (now - last_ < interval_) return false;
        lastBlob_ = snapshot_();
        last_ = now;
        return true;
    }

    const std::string& lastBlob() const { return lastBlob_; }

private:
    SnapshotFn snapshot_; // LEAK-HERE
    std::chrono::seconds interval_;
    Clock::time_point last_;
    std::string lastBlob_;
};

class Document {
public:
    explicit Document(std::string path) : path_(std::move(path)) {}

    void insert(size_t pos, const std::string& s) {
        if (pos > text_.size()) pos = text_.size();
        text_.insert(pos, s);
        ++revision_;
    }
    std::string serialize() const {
        return path_ + "\n" + std::to_string(revision_) + "\n" + text_;
    }
    void attachAutosaver(std::shared_ptr<Autosaver> a) { autosaver_ = std::move(a); } // LEAK-HERE
    Autosaver* autosaver() const { return autosaver_.get(); }

private:
    std::string path_;
    std::string text_;
    unsigned revision_ = 0;
    std::shared_ptr<Autosaver> autosaver_; // LEAK-HERE
};

std::shared_ptr<Autosaver> makeAutosaverFor(const std::shared_ptr<Document>& doc) {
    auto captured = doc;
    return std::make_shared<Autosaver>(
        [captured]() { return captured->serialize(); }, // LEAK-HERE
        std::chrono::seconds(30));
}

std::shared_ptr<Document> openDocument(const std::string& path) {
    auto doc = std::make_shared<Document>(path);
    doc->attachAutosaver(makeAutosaverFor(doc));
    return doc;
}

class TabStrip {
public:
    void open(const std::string& path) { tabs_.push_back(openDocument(path)); }
    void closeAll() { tabs_.clear(); }
    void tick() {
        auto now = Clock::now();
        for (auto& d : tabs_)
            if (auto* a = d->autosaver()) a->maybeSave(now);
    }

private:
    std::vector<std::shared_ptr<Document>> tabs_;
};

} // namespace editor

int main() {
    editor::TabStrip strip;
    for (int i = 0; i < 20; ++i) {
        strip.open("/home/user/notes_" + std::to_string(i) + ".md");
        strip.tick();
        if (i % 5 == 4) strip.closeAll();
    }
    return 0;
}
