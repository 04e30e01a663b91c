// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: MeshRebuildTask posts std::bind(&step, shared_from_this()) to the RenderLoop owned by main (not by the task), and the loop moves each handler out of its queue, runs it once and destroys it, so the task is freed as soon as it stops rescheduling; its own onProgress_ member captures only the external StatusBar.
#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cad {

class RenderLoop {
 public:
  using Task = std::function<void()>;
  void post(Task t) { queue_.push_back(std::move(t)); }

  // Runs one frame: everything queued before the frame started.
  std::size_t runFrame() {
    std::deque<Task> frame;
    frame.swap(queue_);
    std::size_t ran = 0;
    while (!frame.empty()) {
      Task t = std::move(frame.front());
      frame.pop_front();
      t();
      ++ran;
    }
    return ran;
  }
  bool idle() const { return queue_.empty(); }
  std::size_t queued() const { return queue_.size(); }

 private:
  std::deque<Task> queue_;
};

class StatusBar {
 public:
  void setProgress(const std::string& label, int percent) {
    last_ = label + " " + std::to_string(percent) + "%";
    ++updates_;
  }
  const std::string& text() const { return last_; }
  int updates() const { return updates_; }

 private:
  std::string last_;
  int updates_ = 0;
};

struct Vec3 {
  double x, y, z;
};

class MeshRebuildTask : public std::enable_shared_from_this<MeshRebuildTask> {
 public:
  static inline int live = 0;

  MeshRebuildTask(RenderLoop& loop, std::string partName, int resolution)
      : loop_(loop), partName_(std::move(partName)), resolution_(resolution) {
    vertices_.reserve(static_cast<std::size_t>(resolution_ * resolution_));
    ++live;
  }
  ~MeshRebuildTask() { --live; }

  void onProgress(std::function<void(const std::string&, int)> cb) { onProgress_ = std::move(cb); }

  void start() {
    auto self = shared_from_this();
    loop_.post(std::bind(&MeshRebuildTask::step, self));
  }

  std::size_t vertexCount() const { return vertices_.size(); }

 private:
  void step() {
    // Tessellate one row per frame so the viewport stays responsive.
    const double v = static_cast<double>(row_) / resolution_;
    for (int i = 0; i < resolution_; ++i) {
      const double u = static_cast<double>(i) / resolution_;
      vertices_.push_back({std::cos(u * 6.283) * (1 + 0.3 * v), std::sin(u * 6.283) * (1 + 0.3 * v), v});
    }
    ++row_;
    if (onProgress_) onProgress_(partName_, row_ * 100 / resolution_);
    if (row_ < resolution_) loop_.post(std::bind(&MeshRebuildTask::step, shared_from_this()));
  }

  RenderLoop& loop_;
  std::string partName_;
  int resolution_;
  int row_ = 0;
  std::vector<Vec3> vertices_;
  std::function<void(const std::string&, int)> onProgress_;
};

class Editor {
 public:
  Editor(RenderLoop& loop, StatusBar& status) : loop_(loop), status_(status) {}

  void rebuild(const std::string& part, int resolution) {
    auto task = std::make_shared<MeshRebuildTask>(loop_, part, resolution);
    StatusBar* bar = &status_;
    task->onProgress([bar](const std::string& name, int pct) { bar->setProgress("tessellating " + name, pct); });
    task->start();
  }

 private:
  RenderLoop& loop_;
  StatusBar& status_;
};

}  // namespace cad

int main() {
  using namespace cad;
  RenderLoop loop;
  StatusBar status;
  Editor editor(loop, status);
  const int baseline = MeshRebuildTask::live;
  for (int edit = 0; edit < 5; ++edit) {
    editor.rebuild("bracket_" + std::to_string(edit), 16 + edit * 4);
    editor.rebuild("fillet_" + std::to_string(edit), 8);
    std::printf("edit %d queued: live tasks=%d queued=%zu\n", edit, MeshRebuildTask::live, loop.queued());
    std::size_t frames = 0;
    while (!loop.idle()) {
      loop.runFrame();
      ++frames;
    }
    std::printf("edit %d done after %zu frames: live tasks=%d status='%s'\n", edit, frames, MeshRebuildTask::live,
                status.text().c_str());
  }
  std::printf("baseline tasks=%d final=%d status updates=%d\n", baseline, MeshRebuildTask::live, status.updates());
  return 0;
}
