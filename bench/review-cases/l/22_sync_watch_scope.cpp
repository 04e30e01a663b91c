// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The WatchRegistry singleton does hold shared_from_this() while a sync pass runs, but runSyncPass installs a ScopeGuard whose destructor always calls disarm(), which erases that entry, so finished tasks are freed.
#include <algorithm>
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
        byRoot_[root].push_back(std::move(target));
    }

    void remove(const std::string& root, const WatchTarget* target) {
        auto it = byRoot_.find(root);
        if (it == byRoot_.end()) return;
        auto& vec = it->second;
        vec.erase(std::remove_if(vec.begin(), vec.end(),
                                 [target](const std::shared_ptr<WatchTarget>& p) { return p.get() == target; }),
                  vec.end());
        if (vec.empty()) byRoot_.erase(it);
    }

    std::size_t watchedCount() const {
        std::size_t n = 0;
        for (const auto& kv : byRoot_) n += kv.second.size();
        return n;
    }

private:
    WatchRegistry() = default;
    std::unordered_map<std::string, std::vector<std::shared_ptr<WatchTarget>>> byRoot_;
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

    void disarm() { WatchRegistry::instance().remove(root_, this); }

    const std::string& root() const { return root_; }

protected:
    virtual void onArmed() {}

private:
    static void publish(const std::string& root, std::shared_ptr<WatchTarget> who) {
        auto& reg = WatchRegistry::instance();
        reg.add(root, std::move(who));
    }

    std::string root_;
};

class ScopeGuard {
public:
    explicit ScopeGuard(std::function<void()> fn) : fn_(std::move(fn)) {}
    ScopeGuard(const ScopeGuard&) = delete;
    ScopeGuard& operator=(const ScopeGuard&) = delete;
    ~ScopeGuard() { if (fn_) fn_(); }

private:
    std::function<void()> fn_;
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
    FolderSyncTask* raw = task.get();
    ScopeGuard unwatch([raw] { raw->disarm(); });
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
