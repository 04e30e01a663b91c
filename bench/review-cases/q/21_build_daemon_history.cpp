// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: BuildDaemon::history() returns a static vector that receives a BuildRecord (changed files, rebuilt targets, full action log) for every incremental build triggered by file-watch events, and nothing ever trims it, so it grows for as long as the daemon runs.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace buildd {

struct FileEvent {
  enum class Kind { Created, Modified, Deleted };
  std::string path;
  Kind kind;
  uint64_t mtime;
};

struct Target {
  std::string label;
  std::vector<std::string> srcs;
  std::vector<std::string> deps;
};

struct BuildRecord {
  uint64_t buildId;
  std::vector<std::string> changedFiles;
  std::vector<std::string> rebuiltTargets;
  std::string actionLog;
  size_t cacheHits;
};

uint64_t fnv1a(const std::string& s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

class Workspace {
 public:
  void write(const std::string& path, std::string contents) { files_[path] = std::move(contents); }
  void remove(const std::string& path) { files_.erase(path); }
  uint64_t digest(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() ? 0 : fnv1a(it->second);
  }
  size_t size() const { return files_.size(); }

 private:
  std::unordered_map<std::string, std::string> files_;
};

// Debounces raw inotify-style events into one change set per build.
class FileWatcher {
 public:
  void onEvent(FileEvent ev) { pending_.push_back(std::move(ev)); }
  bool hasPending() const { return !pending_.empty(); }

  std::set<std::string> drain() {
    std::set<std::string> changed;
    for (const FileEvent& ev : pending_) changed.insert(ev.path);
    pending_.clear();
    return changed;
  }

 private:
  std::vector<FileEvent> pending_;
};

// Keyed by target label; a target's previous entry is overwritten on rebuild.
class ActionCache {
 public:
  bool lookup(const std::string& label, uint64_t inputKey) const {
    auto it = entries_.find(label);
    return it != entries_.end() && it->second == inputKey;
  }
  void store(const std::string& label, uint64_t inputKey) { entries_[label] = inputKey; }
  size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, uint64_t> entries_;
};

class BuildDaemon {
 public:
  BuildDaemon(Workspace& ws, std::vector<Target> targets) : ws_(ws) {
    for (Target& t : targets) {
      for (const std::string& src : t.srcs) ownersOf_[src].push_back(t.label);
      for (const std::string& dep : t.deps) rdeps_[dep].push_back(t.label);
      targets_.emplace(t.label, std::move(t));
    }
  }

  FileWatcher& watcher() { return watcher_; }

  static std::vector<BuildRecord>& history() {
    static std::vector<BuildRecord> records;  // LEAK-HERE
    return records;
  }

  void runIncrementalBuild() {
    if (!watcher_.hasPending()) return;
    BuildRecord rec{++lastBuildId_, {}, {}, {}, 0};
    std::set<std::string> changed = watcher_.drain();
    std::set<std::string> dirty;
    for (const std::string& path : changed) {
      rec.changedFiles.push_back(path);
      for (const std::string& owner : ownersOf_[path]) markDirty(owner, dirty);
    }
    for (const std::string& label : dirty) execute(label, rec);
    archive(std::move(rec));
  }

 private:
  void markDirty(const std::string& label, std::set<std::string>& dirty) {
    if (!dirty.insert(label).second) return;
    for (const std::string& r : rdeps_[label]) markDirty(r, dirty);
  }

  uint64_t inputKey(const Target& t) const {
    uint64_t h = fnv1a(t.label);
    for (const std::string& src : t.srcs) h = fnv1a(std::to_string(ws_.digest(src)), h);
    for (const std::string& dep : t.deps) h = fnv1a(dep, h);
    return h;
  }

  void execute(const std::string& label, BuildRecord& rec) {
    const Target& t = targets_.at(label);
    uint64_t key = inputKey(t);
    if (cache_.lookup(label, key)) {
      ++rec.cacheHits;
      return;
    }
    rec.actionLog += "[build " + std::to_string(rec.buildId) + "] compile " + label + " (" +
                     std::to_string(t.srcs.size()) + " srcs) key=" + std::to_string(key) + "\n";
    rec.rebuiltTargets.push_back(label);
    cache_.store(label, key);
  }

  void archive(BuildRecord rec) {
    history().push_back(std::move(rec));  // LEAK-HERE
  }

  Workspace& ws_;
  FileWatcher watcher_;
  ActionCache cache_;
  std::map<std::string, Target> targets_;
  std::unordered_map<std::string, std::vector<std::string>> ownersOf_;
  std::unordered_map<std::string, std::vector<std::string>> rdeps_;
  uint64_t lastBuildId_ = 0;
};

std::vector<Target> makeTargets(Workspace& ws) {
  std::vector<Target> targets;
  for (int i = 0; i < 30; ++i) {
    Target t{"//lib/mod" + std::to_string(i), {}, {}};
    for (int s = 0; s < 4; ++s) {
      std::string path = "lib/mod" + std::to_string(i) + "/src" + std::to_string(s) + ".cc";
      ws.write(path, "int f" + std::to_string(s) + "() { return " + std::to_string(i * s) + "; }");
      t.srcs.push_back(path);
    }
    if (i > 0) t.deps.push_back("//lib/mod" + std::to_string(i - 1));
    if (i > 5) t.deps.push_back("//lib/mod" + std::to_string(i / 2));
    targets.push_back(std::move(t));
  }
  return targets;
}

}  // namespace buildd

int main(int argc, char** argv) {
  long edits = argc > 1 ? std::atol(argv[1]) : 6000;
  buildd::Workspace ws;
  buildd::BuildDaemon daemon(ws, buildd::makeTargets(ws));
  for (long i = 0; i < edits; ++i) {
    int mod = static_cast<int>((i * 7) % 30);
    int src = static_cast<int>(i % 4);
    std::string path = "lib/mod" + std::to_string(mod) + "/src" + std::to_string(src) + ".cc";
    // Editors often touch a file without changing it (save-all), which the action cache absorbs.
    std::string body = (i % 3 == 0) ? "int f() { return 0; }" : "int f() { return " + std::to_string(i) + "; }";
    ws.write(path, body);
    daemon.watcher().onEvent({path, buildd::FileEvent::Kind::Modified, static_cast<uint64_t>(i)});
    daemon.watcher().onEvent({path, buildd::FileEvent::Kind::Modified, static_cast<uint64_t>(i) + 1});
    if (i % 2 == 1) daemon.runIncrementalBuild();
  }
  daemon.runIncrementalBuild();
  size_t logBytes = 0;
  for (const auto& rec : buildd::BuildDaemon::history()) logBytes += rec.actionLog.size();
  std::printf("edits=%ld files=%zu history records=%zu history log bytes=%zu\n", edits, ws.size(),
              buildd::BuildDaemon::history().size(), logBytes);
  return 0;
}
