// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: EditList cells are immutable and only point to older cells via shared_ptr<const Cell>, so versions share tails as a DAG that can never loop back, and the undo history is capped.
#include <deque>
#include <memory>
#include <string>
#include <vector>
#include <functional>

namespace text {

struct Edit {
    size_t offset = 0;
    std::string inserted;
    size_t removed = 0;
};

class EditList {
    struct Cell {
        Cell(Edit e, std::shared_ptr<const Cell> n) : edit(std::move(e)), next(std::move(n)) {}
        const Edit edit;
        const std::shared_ptr<const Cell> next;
    };

public:
    EditList() = default;

    EditList push(Edit e) const {
        return EditList(std::make_shared<const Cell>(std::move(e), head_), size_ + 1);
    }
    EditList pop() const { return head_ ? EditList(head_->next, size_ - 1) : *this; }
    const Edit* top() const { return head_ ? &head_->edit : nullptr; }
    size_t size() const { return size_; }
    bool empty() const { return !head_; }

    void forEach(const std::function<void(const Edit&)>& fn) const {
        for (const Cell* c = head_.get(); c; c = c->next.get()) fn(c->edit);
    }

private:
    EditList(std::shared_ptr<const Cell> h, size_t n) : head_(std::move(h)), size_(n) {}
    std::shared_ptr<const Cell> head_;
    size_t size_ = 0;
};

class Buffer {
public:
    explicit Buffer(size_t historyLimit) : limit_(historyLimit) {}

    void apply(const Edit& e) {
        history_.push_back(edits_);
        if (history_.size() > limit_) history_.pop_front();
        edits_ = edits_.push(e);
        if (e.offset <= contents_.size()) {
            contents_.erase(e.offset, e.removed);
            contents_.insert(e.offset, e.inserted);
        }
    }

    bool undo() {
        if (history_.empty()) return false;
        edits_ = history_.back();
        history_.pop_back();
        rebuild();
        return true;
    }

    const std::string& contents() const { return contents_; }

private:
    void rebuild() {
        std::vector<const Edit*> ordered;
        edits_.forEach([&](const Edit& e) { ordered.push_back(&e); });
        contents_.clear();
        for (auto it = ordered.rbegin(); it != ordered.rend(); ++it) {
            const Edit& e = **it;
            if (e.offset > contents_.size()) continue;
            contents_.erase(e.offset, e.removed);
            contents_.insert(e.offset, e.inserted);
        }
    }

    size_t limit_;
    EditList edits_;
    std::deque<EditList> history_;
    std::string contents_;
};

} // namespace text

int main() {
    text::Buffer buf(128);
    for (int i = 0; i < 100000; ++i) {
        buf.apply({buf.contents().size(), std::string(1, char('a' + i % 26)), 0});
        if (i % 3 == 0) buf.undo();
    }
    return buf.contents().empty() ? 1 : 0;
}
