// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The ThumbnailService owned by main appends a RequestEntry to RequestTracker::log_ and adds a per-photo counter to hits_by_path_ on every thumbnail request and never trims either, so memory grows with total traffic and with every distinct photo ever viewed.
#include <cstdint>
#include <cstdio>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace photos {

enum class Fit : uint8_t { Cover, Contain };

struct ThumbSpec {
  uint16_t width;
  uint16_t height;
  Fit fit;
  std::string key() const {
    return std::to_string(width) + "x" + std::to_string(height) + (fit == Fit::Cover ? "c" : "n");
  }
};

struct Thumbnail {
  ThumbSpec spec;
  std::vector<uint8_t> jpeg;
};

struct RequestEntry {
  uint64_t seq;
  std::string photo_path;
  ThumbSpec spec;
  uint32_t micros;
  bool cache_hit;
};
using RequestLog = std::vector<RequestEntry>;

// LRU of encoded thumbnails; capacity is in entries.
class ThumbnailStore {
 public:
  explicit ThumbnailStore(size_t capacity) : capacity_(capacity) {}

  const Thumbnail* lookup(const std::string& k) {
    auto it = index_.find(k);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->second;
  }
  const Thumbnail& put(const std::string& k, Thumbnail t) {
    order_.emplace_front(k, std::move(t));
    index_[k] = order_.begin();
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    return order_.front().second;
  }

 private:
  size_t capacity_;
  std::list<std::pair<std::string, Thumbnail>> order_;
  std::unordered_map<std::string, std::list<std::pair<std::string, Thumbnail>>::iterator> index_;
};

class RequestTracker {
 public:
  void record(RequestEntry e) {
    ++hits_by_path_[e.photo_path];  // LEAK-HERE
    log_.push_back(std::move(e));   // LEAK-HERE
  }
  double hitRatio() const {
    size_t hits = 0;
    for (const auto& e : log_) hits += e.cache_hit;
    return log_.empty() ? 0.0 : double(hits) / double(log_.size());
  }
  size_t logSize() const { return log_.size(); }
  size_t trackedPaths() const { return hits_by_path_.size(); }

 private:
  RequestLog log_;                                          // LEAK-HERE
  std::unordered_map<std::string, uint32_t> hits_by_path_;  // LEAK-HERE
};

class ThumbnailService {
 public:
  ThumbnailService() : store_(256) {}

  const Thumbnail& get(const std::string& path, const ThumbSpec& spec) {
    const std::string k = path + "@" + spec.key();
    const Thumbnail* hit = store_.lookup(k);
    const Thumbnail& thumb = hit ? *hit : store_.put(k, render(path, spec));
    tracker_.record(RequestEntry{++seq_, path, spec, hit ? 40u : 2500u, hit != nullptr});
    return thumb;
  }
  const RequestTracker& tracker() const { return tracker_; }

 private:
  static Thumbnail render(const std::string& path, const ThumbSpec& spec) {
    Thumbnail t{spec, std::vector<uint8_t>(64 + spec.width / 4, uint8_t(path.size()))};
    t.jpeg[0] = 0xFF;
    t.jpeg[1] = 0xD8;
    return t;
  }

  ThumbnailStore store_;
  RequestTracker tracker_;
  uint64_t seq_ = 0;
};

std::string photoPath(uint64_t n) { return "/library/2024/IMG_" + std::to_string(100000 + n) + ".HEIC"; }

}  // namespace photos

int main() {
  photos::ThumbnailService service;  // lives for the whole process
  const photos::ThumbSpec grid{256, 256, photos::Fit::Cover};
  const photos::ThumbSpec detail{1024, 768, photos::Fit::Contain};

  uint64_t scroll_pos = 0;
  for (int req = 1; req <= 60000; ++req) {
    // Most traffic is the "Recents" strip; the rest is a user scrolling through the timeline.
    bool recent = (req % 5) < 3;
    uint64_t n = recent ? uint64_t(req % 120) : scroll_pos++;
    service.get(photos::photoPath(n), (req % 9 == 0) ? detail : grid);
    if (req % 15000 == 0)
      std::printf("requests=%d log_entries=%zu tracked_paths=%zu hit_ratio=%.2f\n", req,
                  service.tracker().logSize(), service.tracker().trackedPaths(), service.tracker().hitRatio());
  }
  return 0;
}
