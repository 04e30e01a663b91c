// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: A Document owns its UndoHistory, whose commands each keep a DocHandle (a strong shared_ptr) back to that same Document, so closing the editor tab leaves Document -> history -> command -> Document alive forever.
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

 private:
  std::shared_ptr<Document> doc_;  // LEAK-HERE
};

class EditCommand {
 public:
  virtual ~EditCommand() = default;
  virtual void apply() = 0;
  virtual void revert() = 0;
  virtual std::string label() const = 0;
};

// Base for every command that mutates a drawing.
class DocumentEdit : public EditCommand {
 protected:
  explicit DocumentEdit(DocHandle target) : target_(std::move(target)) {}
  Document& doc() { return *target_; }

 private:
  DocHandle target_;  // LEAK-HERE
};

class UndoHistory {
 public:
  explicit UndoHistory(size_t depth) : depth_(depth) {}
  void record(std::unique_ptr<EditCommand> cmd) {
    redo_.clear();
    done_.push_back(std::move(cmd));  // LEAK-HERE
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
  MoveShape(DocHandle d, int id, double dx, double dy) : DocumentEdit(std::move(d)), id_(id), dx_(dx), dy_(dy) {}
  void apply() override { if (Shape* s = doc().shape(id_)) { s->x += dx_; s->y += dy_; } }
  void revert() override { if (Shape* s = doc().shape(id_)) { s->x -= dx_; s->y -= dy_; } }
  std::string label() const override { return "Move"; }

 private:
  int id_;
  double dx_, dy_;
};

class InsertRect : public DocumentEdit {
 public:
  InsertRect(DocHandle d, Shape proto) : DocumentEdit(std::move(d)), proto_(std::move(proto)) {}
  void apply() override { created_ = doc().addShape(proto_); }
  void revert() override { doc().removeShape(created_); }
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
