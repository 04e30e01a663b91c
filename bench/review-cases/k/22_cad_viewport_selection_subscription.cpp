// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Viewport registers `this` in the SelectionHub singleton, but the registration is owned by a SelectionSubscription member whose destructor always removes it (and drops the empty document key), so the hub returns to empty when views are destroyed.
#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cad {

struct EntityId {
  int value;
};

class SelectionListener {
public:
  virtual ~SelectionListener() = default;
  virtual void selectionChanged(const std::vector<EntityId>& ids) = 0;
};

class SelectionHub {
public:
  static SelectionHub& instance() {
    static SelectionHub hub;
    return hub;
  }

  void add(int docId, SelectionListener* listener) { listeners_[docId].push_back(listener); }

  void remove(int docId, SelectionListener* listener) {
    auto it = listeners_.find(docId);
    if (it == listeners_.end()) return;
    auto& vec = it->second;
    vec.erase(std::remove(vec.begin(), vec.end(), listener), vec.end());
    if (vec.empty()) listeners_.erase(it);
  }

  void publish(int docId, const std::vector<EntityId>& ids) {
    auto it = listeners_.find(docId);
    if (it == listeners_.end()) return;
    for (SelectionListener* l : it->second) l->selectionChanged(ids);
  }

  std::size_t listenerCount() const {
    std::size_t n = 0;
    for (const auto& kv : listeners_) n += kv.second.size();
    return n;
  }

private:
  SelectionHub() = default;
  std::map<int, std::vector<SelectionListener*>> listeners_;
};

// Move-only RAII handle for a hub registration.
class SelectionSubscription {
public:
  SelectionSubscription() = default;
  SelectionSubscription(int docId, SelectionListener& listener) : docId_(docId), listener_(&listener) {
    SelectionHub::instance().add(docId_, listener_);
  }
  SelectionSubscription(SelectionSubscription&& o) noexcept : docId_(o.docId_), listener_(o.listener_) {
    o.listener_ = nullptr;
  }
  SelectionSubscription& operator=(SelectionSubscription&& o) noexcept {
    if (this != &o) {
      reset();
      docId_ = o.docId_;
      listener_ = o.listener_;
      o.listener_ = nullptr;
    }
    return *this;
  }
  ~SelectionSubscription() { reset(); }

  void reset() {
    if (listener_) SelectionHub::instance().remove(docId_, listener_);
    listener_ = nullptr;
  }

private:
  int docId_ = -1;
  SelectionListener* listener_ = nullptr;
};

class Document {
public:
  Document(int id, std::string title) : id_(id), title_(std::move(title)) {}
  int id() const { return id_; }
  void select(std::vector<EntityId> ids) {
    selection_ = std::move(ids);
    SelectionHub::instance().publish(id_, selection_);
  }

private:
  int id_;
  std::string title_;
  std::vector<EntityId> selection_;
};

class Viewport : public SelectionListener {
public:
  static int live;

  Viewport(Document& doc, std::string name) : name_(std::move(name)) {
    ++live;
    bindDocument(doc);
  }
  ~Viewport() override { --live; }

  void selectionChanged(const std::vector<EntityId>& ids) override {
    highlighted_ = ids.size();
    zoom_ = ids.empty() ? 1.0 : 1.0 + 0.1 * static_cast<double>(ids.size());
  }
  std::size_t highlighted() const { return highlighted_; }

private:
  void bindDocument(Document& doc) { subscription_ = SelectionSubscription(doc.id(), *this); }

  std::string name_;
  double zoom_ = 1.0;
  std::size_t highlighted_ = 0;
  SelectionSubscription subscription_;
};

int Viewport::live = 0;

class EditorWindow {
public:
  explicit EditorWindow(Document& doc) {
    views_.push_back(std::make_unique<Viewport>(doc, "top"));
    views_.push_back(std::make_unique<Viewport>(doc, "iso"));
  }
  std::size_t totalHighlighted() const {
    std::size_t n = 0;
    for (const auto& v : views_) n += v->highlighted();
    return n;
  }

private:
  std::vector<std::unique_ptr<Viewport>> views_;
};

std::size_t editSession(int docId) {
  Document doc(docId, "part-" + std::to_string(docId));
  EditorWindow window(doc);
  doc.select({{1}, {2}, {docId}});
  return window.totalHighlighted();
}

} // namespace cad

int main() {
  std::size_t work = 0;
  for (int round = 1; round <= 5; ++round) {
    for (int i = 0; i < 100; ++i) work += cad::editSession(round * 1000 + i);
    std::printf("round %d: live viewports=%d, hub listeners=%zu\n", round, cad::Viewport::live,
                cad::SelectionHub::instance().listenerCount());
  }
  std::printf("highlighted total=%zu\n", work);
  return 0;
}
