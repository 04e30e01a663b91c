// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each TileJob subscribes a style-reload listener capturing shared_from_this() on a RenderContext that lives in the static ContextPool<Backend>::pool_; the listener is never removed when the tile is done, so every job ever rendered is kept alive by program-lifetime storage.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tiles {

struct TileCoord {
  int z, x, y;
  std::string key() const { return std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y); }
};

struct StyleLayer {
  std::string id;
  uint32_t fill;
  int minZoom;
  int maxZoom;
  bool visibleAt(int z) const { return z >= minZoom && z <= maxZoom; }
};

struct Stylesheet {
  std::string name;
  int version = 1;
  std::vector<StyleLayer> layers;
};

Stylesheet loadStyle(const std::string& name, int version) {
  Stylesheet s{name, version, {}};
  s.layers.push_back({"water", 0x3366ccffu, 0, 22});
  s.layers.push_back({"landuse", 0x88aa55ffu + static_cast<uint32_t>(version), 4, 22});
  s.layers.push_back({"roads", 0xffffffffu, 8, 22});
  if (name == "satellite-hybrid") s.layers.push_back({"labels", 0x000000ffu, 10, 22});
  return s;
}

// Expensive shared state: shader programs, glyph atlas, the current stylesheet.
class RenderContext {
 public:
  using ReloadListener = std::function<void(const Stylesheet&)>;

  RenderContext(const std::string& style, const char* backend) : style_(loadStyle(style, 1)), backend_(backend) {}

  void onStyleReload(ReloadListener fn) { listeners_.push_back(std::move(fn)); }

  void reload() {
    style_ = loadStyle(style_.name, style_.version + 1);
    for (auto& fn : listeners_) fn(style_);
  }

  const Stylesheet& style() const { return style_; }
  size_t listenerCount() const { return listeners_.size(); }
  const char* backend() const { return backend_; }

 private:
  Stylesheet style_;
  const char* backend_;
  std::vector<ReloadListener> listeners_;  // LEAK-HERE
};

template <class Backend>
class ContextPool {
 public:
  // Contexts are created once per style and live for the rest of the process.
  static RenderContext& acquire(const std::string& style) {
    std::unique_ptr<RenderContext>& slot = pool_[style];
    if (!slot) slot = std::make_unique<RenderContext>(style, Backend::name());
    return *slot;
  }

  template <class Fn>
  static void forEach(Fn fn) {
    for (auto& [name, ctx] : pool_) fn(*ctx);
  }

 private:
  static inline std::unordered_map<std::string, std::unique_ptr<RenderContext>> pool_;
};

struct RasterBackend {
  static const char* name() { return "raster-gl"; }
};

class TileJob : public std::enable_shared_from_this<TileJob> {
 public:
  TileJob(TileCoord coord, RenderContext& ctx) : coord_(coord), ctx_(ctx) {}
  ~TileJob() { ++destroyed; }

  // Re-render on style hot-reload while the tile may still be on screen.
  void watchStyle() {
    auto self = shared_from_this();
    ctx_.onStyleReload([self](const Stylesheet& s) { self->invalidate(s.version); });  // LEAK-HERE
  }

  void render() {
    constexpr int kSize = 32;
    std::vector<uint32_t> pixels(kSize * kSize, 0u);
    for (const StyleLayer& layer : ctx_.style().layers) {
      if (!layer.visibleAt(coord_.z)) continue;
      for (int py = 0; py < kSize; ++py)
        for (int px = 0; px < kSize; ++px)
          if (((px + coord_.x) / 4 + (py + coord_.y) / 4 + static_cast<int>(layer.id.size())) % 3 != 0)
            pixels[static_cast<size_t>(py * kSize + px)] = layer.fill;
    }
    encoded_ = encodeRle(pixels);
    renderedVersion_ = ctx_.style().version;
  }

  void invalidate(int version) {
    if (version != renderedVersion_) stale_ = true;
  }

  const std::vector<uint32_t>& encoded() const { return encoded_; }
  const TileCoord& coord() const { return coord_; }

  static inline size_t destroyed = 0;

 private:
  static std::vector<uint32_t> encodeRle(const std::vector<uint32_t>& px) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < px.size();) {
      size_t j = i;
      while (j < px.size() && px[j] == px[i]) ++j;
      out.push_back(static_cast<uint32_t>(j - i));
      out.push_back(px[i]);
      i = j;
    }
    return out;
  }

  TileCoord coord_;
  RenderContext& ctx_;
  std::vector<uint32_t> encoded_;
  int renderedVersion_ = 0;
  bool stale_ = false;
};

// Bounded LRU of encoded tiles served to clients.
class TileCache {
 public:
  explicit TileCache(size_t capacity) : capacity_(capacity) {}

  void put(const std::string& key, std::vector<uint32_t> bytes) {
    auto it = index_.find(key);
    if (it != index_.end()) lru_.erase(it->second);
    lru_.emplace_front(key, std::move(bytes));
    index_[key] = lru_.begin();
    if (lru_.size() > capacity_) {
      index_.erase(lru_.back().first);
      lru_.pop_back();
    }
  }

  size_t size() const { return lru_.size(); }

 private:
  using Entry = std::pair<std::string, std::vector<uint32_t>>;
  size_t capacity_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

class TileRenderer {
 public:
  explicit TileRenderer(size_t cacheCapacity) : cache_(cacheCapacity) {}

  void serve(const std::string& style, TileCoord coord) {
    auto job = std::make_shared<TileJob>(coord, ContextPool<RasterBackend>::acquire(style));
    job->watchStyle();
    job->render();
    bytesOut_ += job->encoded().size() * sizeof(uint32_t);
    cache_.put(style + "@" + coord.key(), job->encoded());
    ++jobs_;
  }

  size_t jobs() const { return jobs_; }
  size_t bytesOut() const { return bytesOut_; }
  size_t cached() const { return cache_.size(); }

 private:
  TileCache cache_;
  size_t jobs_ = 0;
  size_t bytesOut_ = 0;
};

}  // namespace tiles

int main(int argc, char** argv) {
  long requests = argc > 1 ? std::atol(argv[1]) : 8000;
  const std::string styles[] = {"streets-v11", "outdoors", "satellite-hybrid"};
  tiles::TileRenderer renderer(256);
  for (long i = 0; i < requests; ++i) {
    int z = 6 + static_cast<int>(i % 9);
    tiles::TileCoord coord{z, static_cast<int>((i * 31) % (1 << (z - 2))), static_cast<int>((i * 17) % (1 << (z - 3)))};
    renderer.serve(styles[i % 3], coord);
    if (i % 2000 == 1999) tiles::ContextPool<tiles::RasterBackend>::forEach([](tiles::RenderContext& c) { c.reload(); });
  }
  size_t listeners = 0;
  tiles::ContextPool<tiles::RasterBackend>::forEach([&](tiles::RenderContext& c) { listeners += c.listenerCount(); });
  std::printf("jobs=%zu bytes=%zu cached tiles=%zu reload listeners=%zu jobs destroyed=%zu\n", renderer.jobs(),
              renderer.bytesOut(), renderer.cached(), listeners, tiles::TileJob::destroyed);
  return 0;
}
