// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each FolderSyncTask stores shared_from_this() into the WatchRegistry singleton's per-root vector when armed, and no path ever removes it, so every finished task stays alive for the rest of the program.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace syncagent {

static int g_liveTasks = 0;

class WatchTarget;

class WatchRegistry {
public:
    static WatchRegistry& instance() {
        static WatchRegistry registry;
        return registry;
    }

    void add(const std::string& root, std::shared_ptr<WatchTarget> target) {
        byRoot_[root].push_back(std::move(target));  // LEAK-HERE
    }

    std::size_t watchedCount() const {
        std::size_t n = 0;
        for (const auto& kv : byRoot_) n += kv.second.size();
        return n;
    }

private:
    WatchRegistry() = default;
    std::unordered_map<std::string, std::vector<std::shared_ptr<WatchTarget>>> byRoot_;  // LEAK-HERE
};

class WatchTarget : public std::enable_shared_from_this<WatchTarget> {
public:
    explicit WatchTarget(std::string root) : root_(std::move(root)) {}
    virtual ~WatchTarget() = default;

    void arm() {
        auto self = shared_from_this();
        publish(root_, self);
        onArmed();
    }

    const std::string& root() const { return root_; }

protected:
    virtual void onArmed() {}

private:
    static void publish(const std::string& root, std::shared_ptr<WatchTarget> who) {
        auto& reg = WatchRegistry::instance();
        reg.add(root, std::move(who));  // LEAK-HERE
    }

    std::string root_;
};

struct FileEntry {
    std::string relPath;
    std::size_t size;
    unsigned long long mtime;
};

class FolderSyncTask : public WatchTarget {
public:
    FolderSyncTask(std::string root, std::vector<FileEntry> snapshot)
        : WatchTarget(std::move(root)), snapshot_(std::move(snapshot)) {
        ++g_liveTasks;
        for (const auto& f : snapshot_) index_[f.relPath] = f.mtime;
    }
    ~FolderSyncTask() override { --g_liveTasks; }

    std::size_t diff(const std::vector<FileEntry>& remote) const {
        std::size_t changed = 0;
        for (const auto& r : remote) {
            auto it = index_.find(r.relPath);
            if (it == index_.end() || it->second < r.mtime) ++changed;
        }
        return changed;
    }

protected:
    void onArmed() override { armedAt_ = static_cast<unsigned long long>(snapshot_.size()); }

private:
    std::vector<FileEntry> snapshot_;
    std::map<std::string, unsigned long long> index_;
    unsigned long long armedAt_ = 0;
};

std::vector<FileEntry> scanFolder(const std::string& root, int generation) {
    std::vector<FileEntry> out;
    for (int i = 0; i < 8; ++i) {
        out.push_back({root + "/doc" + std::to_string(i) + ".txt",
                       static_cast<std::size_t>(100 * i),
                       static_cast<unsigned long long>(generation * 10 + i)});
    }
    return out;
}

std::shared_ptr<FolderSyncTask> makeTask(const std::string& root, int generation) {
    auto task = std::make_shared<FolderSyncTask>(root, scanFolder(root, generation));
    task->arm();
    return task;
}

struct PassResult {
    std::string root;
    std::size_t changed;
};

PassResult runSyncPass(const std::string& root, int generation) {
    auto task = makeTask(root, generation);
    auto remote = scanFolder(root, generation + 1);
    return {root, task->diff(remote)};
}

}  // namespace syncagent

int main() {
    using namespace syncagent;
    const std::vector<std::string> roots = {"/home/ana/Documents", "/home/ana/Photos", "/srv/share"};
    std::size_t totalChanged = 0;
    for (int gen = 0; gen < 40; ++gen) {
        for (const auto& r : roots) totalChanged += runSyncPass(r, gen).changed;
        if (gen % 10 == 9)
            std::printf("after pass %d: live tasks=%d registry=%zu\n", gen + 1, g_liveTasks,
                        WatchRegistry::instance().watchedCount());
    }
    std::printf("changed=%zu final live tasks=%d\n", totalChanged, g_liveTasks);
    return 0;
}
