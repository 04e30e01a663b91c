// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Commands in a Document's UndoHistory refer back to the Document only through a weak_ptr (locked on apply/revert), so the back edge is non-owning and closing the tab frees the Document together with its history.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cad {

struct Shape {
  int id;
  double x, y, w, h;
  std::string layer;
};

class Document;

// Lightweight reference to an open drawing, passed around by tools and commands.
class DocHandle {
 public:
  DocHandle() = default;
  explicit DocHandle(std::shared_ptr<Document> doc) : doc_(std::move(doc)) {}
  Document* operator->() const { return doc_.get(); }
  Document& operator*() const { return *doc_; }
  explicit operator bool() const { return static_cast<bool>(doc_); }
  void reset() { doc_.reset(); }
  std::weak_ptr<Document> observe() const { return doc_; }

 private:
  std::shared_ptr<Document> doc_;
};

class EditCommand {
 public:
  virtual ~EditCommand() = default;
  virtual void apply() = 0;
  virtual void revert() = 0;
  virtual std::string label() const = 0;
};

// Base for every command that mutates a drawing. The document owns its history,
// so commands only observe it.
class DocumentEdit : public EditCommand {
 protected:
  explicit DocumentEdit(const DocHandle& target) : target_(target.observe()) {}
  std::shared_ptr<Document> doc() const { return target_.lock(); }

 private:
  std::weak_ptr<Document> target_;
};

class UndoHistory {
 public:
  explicit UndoHistory(size_t depth) : depth_(depth) {}
  void record(std::unique_ptr<EditCommand> cmd) {
    redo_.clear();
    done_.push_back(std::move(cmd));
    if (done_.size() > depth_) done_.erase(done_.begin());
  }
  bool undo() {
    if (done_.empty()) return false;
    done_.back()->revert();
    redo_.push_back(std::move(done_.back()));
    done_.pop_back();
    return true;
  }
  size_t size() const { return done_.size() + redo_.size(); }

 private:
  size_t depth_;
  std::vector<std::unique_ptr<EditCommand>> done_;
  std::vector<std::unique_ptr<EditCommand>> redo_;
};

class Document {
 public:
  explicit Document(std::string path) : path_(std::move(path)), history_(200) {}

  void execute(std::unique_ptr<EditCommand> cmd) {
    cmd->apply();
    history_.record(std::move(cmd));
    dirty_ = true;
  }
  UndoHistory& history() { return history_; }

  Shape* shape(int id) {
    for (auto& s : shapes_) if (s.id == id) return &s;
    return nullptr;
  }
  int addShape(Shape s) { s.id = nextId_++; shapes_.push_back(std::move(s)); return shapes_.back().id; }
  void removeShape(int id) {
    for (size_t i = 0; i < shapes_.size(); ++i)
      if (shapes_[i].id == id) { shapes_.erase(shapes_.begin() + static_cast<long>(i)); return; }
  }
  size_t shapeCount() const { return shapes_.size(); }

 private:
  std::string path_;
  std::vector<Shape> shapes_;
  UndoHistory history_;
  int nextId_ = 1;
  bool dirty_ = false;
};

class MoveShape : public DocumentEdit {
 public:
  MoveShape(const DocHandle& d, int id, double dx, double dy) : DocumentEdit(d), id_(id), dx_(dx), dy_(dy) {}
  void apply() override { nudge(dx_, dy_); }
  void revert() override { nudge(-dx_, -dy_); }
  std::string label() const override { return "Move"; }

 private:
  void nudge(double dx, double dy) {
    auto d = doc();
    if (!d) return;
    if (Shape* s = d->shape(id_)) { s->x += dx; s->y += dy; }
  }

  int id_;
  double dx_, dy_;
};

class InsertRect : public DocumentEdit {
 public:
  InsertRect(const DocHandle& d, Shape proto) : DocumentEdit(d), proto_(std::move(proto)) {}
  void apply() override { if (auto d = doc()) created_ = d->addShape(proto_); }
  void revert() override { if (auto d = doc()) d->removeShape(created_); }
  std::string label() const override { return "Insert Rectangle"; }

 private:
  Shape proto_;
  int created_ = 0;
};

DocHandle openDrawing(const std::string& path) { return DocHandle(std::make_shared<Document>(path)); }

// Simulates a user session on one drawing: draw some rectangles, nudge them, undo a bit.
void editSession(const DocHandle& doc, int seed) {
  for (int i = 0; i < 12; ++i) {
    doc->execute(std::make_unique<InsertRect>(doc, Shape{0, i * 10.0, seed * 1.0, 5, 5, "walls"}));
    doc->execute(std::make_unique<MoveShape>(doc, i + 1, 0.5, -0.25));
  }
  for (int u = 0; u < seed % 5; ++u) doc->history().undo();
}

}  // namespace cad

int main() {
  size_t shapesSeen = 0;
  for (int tab = 0; tab < 3000; ++tab) {
    cad::DocHandle doc = cad::openDrawing("/projects/site/plan_" + std::to_string(tab) + ".dwg");
    cad::editSession(doc, tab);
    shapesSeen += doc->shapeCount();
    doc.reset();  // tab closed
  }
  std::printf("closed 3000 drawings, shapes edited=%zu\n", shapesSeen);
  std::fflush(stdout);
  return 0;
}
