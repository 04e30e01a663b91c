// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: PList is a persistent cons list whose nodes are immutable once built and only point at older nodes, so even `undo_ = undo_.push(...)` (a list stored into its own successor) shares structure without ever creating a cycle.
#include <cstddef>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

template <typename T>
class PList {
    struct Node {
        Node(T h, std::shared_ptr<const Node> t) : head(std::move(h)), tail(std::move(t)) {}
        const T head;
        const std::shared_ptr<const Node> tail;
    };
    using NodePtr = std::shared_ptr<const Node>;

    explicit PList(NodePtr root, std::size_t n) : root_(std::move(root)), size_(n) {}

public:
    PList() = default;

    PList push(T value) const {
        return PList(std::make_shared<Node>(std::move(value), root_), size_ + 1);
    }
    PList pop() const { return empty() ? *this : PList(root_->tail, size_ - 1); }
    const T& front() const { return root_->head; }
    bool empty() const { return !root_; }
    std::size_t size() const { return size_; }

private:
    NodePtr root_;
    std::size_t size_ = 0;
};

struct EditorState {
    std::string text;
    std::size_t cursor = 0;
};

class History {
public:
    using Stack = PList<EditorState>;

    explicit History(EditorState initial) : current_(std::move(initial)) {}

    void apply(const std::string& insert) {
        undo_ = undo_.push(current_);
        redo_ = Stack();
        current_.text.insert(current_.cursor, insert);
        current_.cursor += insert.size();
    }

    bool undo() {
        if (undo_.empty()) return false;
        redo_ = redo_.push(current_);
        current_ = undo_.front();
        undo_ = undo_.pop();
        return true;
    }

    bool redo() {
        if (redo_.empty()) return false;
        undo_ = undo_.push(current_);
        current_ = redo_.front();
        redo_ = redo_.pop();
        return true;
    }

    Stack snapshot() const { return undo_; }  // cheap: shares nodes
    const EditorState& current() const { return current_; }

private:
    EditorState current_;
    Stack undo_;
    Stack redo_;
};

int main() {
    History::Stack checkpoint;
    {
        History h(EditorState{"", 0});
        for (const char* word : {"hello", " ", "persistent", " ", "world"}) h.apply(word);
        checkpoint = h.snapshot();
        h.undo();
        h.undo();
        h.redo();
        h.apply("!");
        std::cout << h.current().text << "\n";
    }
    std::size_t n = 0;
    for (auto s = checkpoint; !s.empty(); s = s.pop()) ++n;
    std::cout << "checkpoint depth " << n << " (" << checkpoint.size() << ")\n";
    return 0;
}
