// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: ViewportOverlay registers a std::bind of raw `this` in the static handler table of ChangeNotifier<SelectionChanged>, but it keeps the returned token and unsubscribes in its destructor, so the static table holds no strong reference and drops each entry when its overlay dies.
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cad {

struct SelectionChanged {
  std::vector<int> entityIds;
};
struct UnitsChanged {
  double mmPerUnit;
};

template <class Event>
class ChangeNotifier {
 public:
  using Handler = std::function<void(const Event&)>;
  using Token = std::size_t;

  static Token subscribe(Handler h) {
    const Token t = ++lastToken_;
    handlers_.emplace(t, std::move(h));
    return t;
  }
  static void unsubscribe(Token t) { handlers_.erase(t); }
  static void emit(const Event& e) {
    for (auto& kv : handlers_) kv.second(e);
  }
  static std::size_t listenerCount() { return handlers_.size(); }

 private:
  static std::unordered_map<Token, Handler> handlers_;
  static Token lastToken_;
};

template <class Event>
std::unordered_map<typename ChangeNotifier<Event>::Token, typename ChangeNotifier<Event>::Handler>
    ChangeNotifier<Event>::handlers_;
template <class Event>
typename ChangeNotifier<Event>::Token ChangeNotifier<Event>::lastToken_ = 0;

template <class Event, class T>
typename ChangeNotifier<Event>::Token listenFor(T* obj, void (T::*method)(const Event&)) {
  return ChangeNotifier<Event>::subscribe(std::bind(method, obj, std::placeholders::_1));
}

class ViewportOverlay : public std::enable_shared_from_this<ViewportOverlay> {
 public:
  static inline int live = 0;

  ViewportOverlay(std::string viewName, int width, int height)
      : viewName_(std::move(viewName)), width_(width), height_(height) {
    highlightMask_.assign(static_cast<std::size_t>(width_ * height_) / 64 + 1, 0u);
    ++live;
  }
  ~ViewportOverlay() {
    if (selectionToken_ != 0) ChangeNotifier<SelectionChanged>::unsubscribe(selectionToken_);
    --live;
  }

  void attach() { selectionToken_ = listenFor<SelectionChanged>(this, &ViewportOverlay::onSelection); }

  void onSelection(const SelectionChanged& ev) {
    std::fill(highlightMask_.begin(), highlightMask_.end(), 0u);
    for (int id : ev.entityIds) {
      const std::size_t slot = static_cast<std::size_t>(id) % highlightMask_.size();
      highlightMask_[slot] |= 1ull << (id % 64);
    }
    ++redraws_;
  }
  void onUnits(const UnitsChanged& ev) { gridStep_ = 10.0 / ev.mmPerUnit; }

  int redraws() const { return redraws_; }
  const std::string& name() const { return viewName_; }

 private:
  std::string viewName_;
  int width_;
  int height_;
  int redraws_ = 0;
  double gridStep_ = 1.0;
  std::vector<unsigned long long> highlightMask_;
  ChangeNotifier<SelectionChanged>::Token selectionToken_ = 0;
};

namespace {
void wireOverlay(const std::shared_ptr<ViewportOverlay>& overlay) {
  auto self = overlay->shared_from_this();
  self->attach();
}
}  // namespace

struct OverlayFactory {
  static std::shared_ptr<ViewportOverlay> create(const std::string& doc, int w, int h) {
    auto overlay = std::make_shared<ViewportOverlay>(doc + "/persp", w, h);
    wireOverlay(overlay);
    return overlay;
  }
};

class DocumentTab {
 public:
  explicit DocumentTab(std::string path) : path_(std::move(path)) {
    overlay_ = OverlayFactory::create(path_, 640, 480);
  }
  const ViewportOverlay& overlay() const { return *overlay_; }

 private:
  std::string path_;
  std::shared_ptr<ViewportOverlay> overlay_;
};

class Editor {
 public:
  void open(const std::string& path) { tabs_.push_back(std::make_unique<DocumentTab>(path)); }
  void closeAll() { tabs_.clear(); }
  void select(std::vector<int> ids) { ChangeNotifier<SelectionChanged>::emit(SelectionChanged{std::move(ids)}); }
  std::size_t tabCount() const { return tabs_.size(); }

 private:
  std::vector<std::unique_ptr<DocumentTab>> tabs_;
};

}  // namespace cad

int main() {
  using namespace cad;
  const int baseline = ViewportOverlay::live;
  Editor editor;
  for (int session = 0; session < 6; ++session) {
    for (int d = 0; d < 3; ++d) editor.open("part_" + std::to_string(session) + "_" + std::to_string(d) + ".step");
    editor.select({1, 7, 42, 99 + session});
    editor.closeAll();
    std::printf("session %d: open tabs=%zu live overlays=%d selection listeners=%zu\n", session,
                editor.tabCount(), ViewportOverlay::live, ChangeNotifier<SelectionChanged>::listenerCount());
  }
  std::printf("baseline overlays=%d final=%d\n", baseline, ViewportOverlay::live);
  return 0;
}
