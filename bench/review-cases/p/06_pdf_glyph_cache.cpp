// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The RasterCache singleton is still keyed by the FontFace `this` pointer, but ~FontFace evicts all of that face's entries, so the cache only holds glyphs of fonts that are currently alive.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace pdf {

struct Bitmap {
  uint16_t width = 0;
  uint16_t height = 0;
  std::vector<uint8_t> coverage;
};

struct GlyphKey {
  const void* face;
  uint32_t glyph_id;
  uint16_t size_px;
  bool operator==(const GlyphKey& o) const {
    return face == o.face && glyph_id == o.glyph_id && size_px == o.size_px;
  }
};

struct GlyphKeyHash {
  size_t operator()(const GlyphKey& k) const {
    size_t h = std::hash<const void*>()(k.face);
    h ^= (std::hash<uint32_t>()(k.glyph_id) + 0x9e3779b9 + (h << 6) + (h >> 2));
    return h ^ (size_t(k.size_px) << 17);
  }
};

// Shared by all render workers; rasterizing outlines is the expensive part.
class RasterCache {
 public:
  static RasterCache& instance() {
    static RasterCache cache;
    return cache;
  }
  const Bitmap* find(const GlyphKey& key) const {
    auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : &it->second;
  }
  const Bitmap& insert(const GlyphKey& key, Bitmap bmp) {
    return entries_.emplace(key, std::move(bmp)).first->second;
  }
  void evictFace(const void* face) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->first.face == face)
        it = entries_.erase(it);
      else
        ++it;
    }
  }
  size_t size() const { return entries_.size(); }

 private:
  RasterCache() = default;
  std::unordered_map<GlyphKey, Bitmap, GlyphKeyHash> entries_;
};

class FontFace {
 public:
  FontFace(std::string ps_name, std::vector<uint8_t> program)
      : ps_name_(std::move(ps_name)), program_(std::move(program)) {}
  FontFace(const FontFace&) = delete;
  FontFace& operator=(const FontFace&) = delete;
  // Entries are keyed by address; drop them before the address can be reused.
  ~FontFace() { RasterCache::instance().evictFace(this); }

  const Bitmap& rasterize(uint32_t glyph_id, uint16_t size_px) {
    const GlyphKey key{this, glyph_id, size_px};
    RasterCache& cache = RasterCache::instance();
    if (const Bitmap* hit = cache.find(key)) return *hit;
    return cache.insert(key, renderOutline(glyph_id, size_px));
  }
  const std::string& name() const { return ps_name_; }

 private:
  Bitmap renderOutline(uint32_t glyph_id, uint16_t size_px) const {
    Bitmap bmp;
    bmp.width = size_px;
    bmp.height = size_px;
    bmp.coverage.resize(size_t(size_px) * size_px);
    uint8_t seed = program_.empty() ? 0 : program_[glyph_id % program_.size()];
    for (size_t i = 0; i < bmp.coverage.size(); ++i) bmp.coverage[i] = uint8_t(seed + i * 7);
    return bmp;
  }

  std::string ps_name_;
  std::vector<uint8_t> program_;
};

struct TextRun {
  size_t font_index;
  uint16_t size_px;
  std::string text;
};

class Document {
 public:
  explicit Document(int serial) : serial_(serial) {
    // Each PDF embeds its own subsetted fonts (e.g. ABCDEF+Helvetica).
    for (int f = 0; f < 3; ++f) {
      std::vector<uint8_t> program(512, uint8_t(serial + f));
      fonts_.push_back(std::make_unique<FontFace>(subsetTag(serial, f) + "+Font" + std::to_string(f),
                                                  std::move(program)));
    }
    runs_.push_back({0, 12, "Quarterly report " + std::to_string(serial)});
    runs_.push_back({1, 10, "Revenue increased by 12% compared to last year."});
    runs_.push_back({2, 18, "Summary"});
  }
  FontFace& font(size_t i) { return *fonts_.at(i); }
  const std::vector<TextRun>& runs() const { return runs_; }
  int serial() const { return serial_; }

 private:
  static std::string subsetTag(int serial, int f) {
    std::string tag(6, 'A');
    for (int i = 0; i < 6; ++i) tag[i] = char('A' + (serial * 7 + f * 13 + i) % 26);
    return tag;
  }
  int serial_;
  std::vector<std::unique_ptr<FontFace>> fonts_;
  std::vector<TextRun> runs_;
};

// Returns total inked coverage as a cheap checksum for the rendered page.
uint64_t renderPage(Document& doc) {
  uint64_t ink = 0;
  for (const TextRun& run : doc.runs()) {
    FontFace& face = doc.font(run.font_index);
    for (unsigned char ch : run.text) {
      const Bitmap& glyph = face.rasterize(ch, run.size_px);
      ink += glyph.coverage.empty() ? 0 : glyph.coverage[glyph.coverage.size() / 2];
    }
  }
  return ink;
}

}  // namespace pdf

int main() {
  uint64_t checksum = 0;
  for (int request = 1; request <= 2000; ++request) {
    auto doc = std::make_unique<pdf::Document>(request);  // one upload per request
    checksum += pdf::renderPage(*doc) + uint64_t(doc->serial() % 2);
    if (request % 500 == 0)
      std::printf("requests=%d raster_cache_entries=%zu\n", request, pdf::RasterCache::instance().size());
  }
  std::printf("checksum=%llu\n", static_cast<unsigned long long>(checksum));
  return 0;
}
