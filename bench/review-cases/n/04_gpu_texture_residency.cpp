// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: the ResidencyManager singleton only keeps a weak_ptr to each uploaded resource, so it does not own the textures, and ~GpuResource erases its own key, so the map empties when streamed-out textures are dropped.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace engine {
namespace gfx {

enum class Format { RGBA8, BC7, R16F };

inline std::size_t bytesPerPixel(Format f) {
  switch (f) {
    case Format::RGBA8: return 4;
    case Format::BC7: return 1;
    case Format::R16F: return 2;
  }
  return 4;
}

class GpuResource;

class ResidencyManager {
 public:
  static ResidencyManager& instance() {
    // intentionally never destroyed: resources may outlive static teardown
    static ResidencyManager* mgr = new ResidencyManager();
    return *mgr;
  }

  void markResident(const std::shared_ptr<GpuResource>& res);
  void release(const GpuResource* res) { resident_.erase(res); }
  std::size_t residentCount() const { return resident_.size(); }
  std::size_t residentBytes() const;

 private:
  ResidencyManager() = default;
  std::unordered_map<const GpuResource*, std::weak_ptr<GpuResource>> resident_;
};

class GpuResource : public std::enable_shared_from_this<GpuResource> {
 public:
  static std::atomic<int> live;

  explicit GpuResource(std::string debugName) : debugName_(std::move(debugName)) { ++live; }
  virtual ~GpuResource() {
    ResidencyManager::instance().release(this);
    --live;
  }
  GpuResource(const GpuResource&) = delete;
  GpuResource& operator=(const GpuResource&) = delete;

  virtual std::size_t gpuBytes() const = 0;
  virtual void upload() = 0;
  const std::string& name() const { return debugName_; }

 protected:
  void makeResident() {
    auto self = shared_from_this();
    ResidencyManager::instance().markResident(self);
  }

 private:
  std::string debugName_;
};

std::atomic<int> GpuResource::live{0};

void ResidencyManager::markResident(const std::shared_ptr<GpuResource>& res) {
  const GpuResource* key = res.get();
  resident_.emplace(key, std::weak_ptr<GpuResource>(res));
}

std::size_t ResidencyManager::residentBytes() const {
  std::size_t total = 0;
  for (const auto& kv : resident_) {
    auto r = kv.second.lock();
    if (r) total += r->gpuBytes();
  }
  return total;
}

class Texture2D : public GpuResource {
 public:
  Texture2D(std::string name, std::uint32_t w, std::uint32_t h, Format fmt)
      : GpuResource(std::move(name)), width_(w), height_(h), format_(fmt),
        staging_(static_cast<std::size_t>(w) * h * bytesPerPixel(fmt)) {}

  std::size_t gpuBytes() const override { return staging_.size(); }

  void upload() override {
    if (uploaded_) return;
    // pretend DMA copy into device memory
    checksum_ = 0;
    for (std::size_t i = 0; i < staging_.size(); i += 64) checksum_ += staging_[i];
    uploaded_ = true;
    makeResident();
  }

  std::uint32_t width() const { return width_; }
  std::uint32_t height() const { return height_; }
  Format format() const { return format_; }

 private:
  std::uint32_t width_, height_;
  Format format_;
  std::vector<std::uint8_t> staging_;
  std::uint64_t checksum_ = 0;
  bool uploaded_ = false;
};

template <typename Resource, typename... Args>
std::shared_ptr<Resource> createAndUpload(Args&&... args) {
  auto res = std::make_shared<Resource>(std::forward<Args>(args)...);
  res->upload();
  return res;
}

class TextureLoader {
 public:
  std::shared_ptr<Texture2D> load(const std::string& path) {
    ++loads_;
    Format fmt = path.find("normal") != std::string::npos ? Format::BC7 : Format::RGBA8;
    std::uint32_t dim = 64u << (loads_ % 3);
    return createAndUpload<Texture2D>(path, dim, dim, fmt);
  }

 private:
  std::size_t loads_ = 0;
};

}  // namespace gfx

struct Material {
  std::shared_ptr<gfx::Texture2D> albedo;
  std::shared_ptr<gfx::Texture2D> normal;
};

std::vector<Material> streamInLevelChunk(gfx::TextureLoader& loader, int chunk) {
  std::vector<Material> mats;
  for (int i = 0; i < 20; ++i) {
    std::string base = "chunk" + std::to_string(chunk) + "/prop" + std::to_string(i);
    Material m;
    m.albedo = loader.load(base + "_albedo.png");
    m.normal = loader.load(base + "_normal.dds");
    mats.push_back(std::move(m));
  }
  return mats;
}

}  // namespace engine

int main() {
  engine::gfx::TextureLoader loader;
  std::size_t drawn = 0;
  for (int chunk = 0; chunk < 8; ++chunk) {
    {
      auto materials = engine::streamInLevelChunk(loader, chunk);
      for (const auto& m : materials) drawn += m.albedo->gpuBytes() > 0 ? 1 : 0;
    }  // chunk streamed out: materials dropped here
    auto& residency = engine::gfx::ResidencyManager::instance();
    std::printf("chunk %d streamed out: live textures=%d resident=%zu (%zu bytes)\n", chunk,
                engine::gfx::GpuResource::live.load(), residency.residentCount(),
                residency.residentBytes());
  }
  std::printf("drawn=%zu\n", drawn);
  return 0;
}
