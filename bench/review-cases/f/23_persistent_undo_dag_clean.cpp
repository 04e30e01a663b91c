// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: the editor's undo history is an immutable cons list whose versions share tails, and expression nodes form a hash-consed DAG of shared_ptr children; nodes only point at older/smaller nodes, so no strong cycle can form and dropped versions are freed.
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

namespace pds {

template <typename T>
class List {
    struct Node {
        Node(T v, std::shared_ptr<const Node> n) : value(std::move(v)), next(std::move(n)) {}
        T value;
        std::shared_ptr<const Node> next;
    };

public:
    List() = default;
    List push(T v) const { return List(std::make_shared<const Node>(std::move(v), head_)); }
    List pop() const { return head_ ? List(head_->next) : List(); }
    const T& front() const { return head_->value; }
    bool empty() const { return !head_; }
    std::size_t size() const {
        std::size_t n = 0;
        for (auto p = head_; p; p = p->next) ++n;
        return n;
    }

private:
    explicit List(std::shared_ptr<const Node> h) : head_(std::move(h)) {}
    std::shared_ptr<const Node> head_;
};

}  // namespace pds

namespace expr {

struct Node;
using NodeRef = std::shared_ptr<const Node>;

struct Node {
    char op;  // '+', '*', 'n' (number), 'v' (variable)
    long value;
    NodeRef lhs, rhs;
};

class ExprFactory {
public:
    NodeRef num(long v) { return intern('n', v, nullptr, nullptr); }
    NodeRef var(long id) { return intern('v', id, nullptr, nullptr); }
    NodeRef add(NodeRef a, NodeRef b) { return intern('+', 0, std::move(a), std::move(b)); }
    NodeRef mul(NodeRef a, NodeRef b) { return intern('*', 0, std::move(a), std::move(b)); }
    void collect() { table_.clear(); }  // per-document; children survive through parents

private:
    using Key = std::tuple<char, long, const Node*, const Node*>;
    NodeRef intern(char op, long v, NodeRef l, NodeRef r);
    std::map<Key, std::weak_ptr<const Node>> table_;
};

NodeRef ExprFactory::intern(char op, long v, NodeRef l, NodeRef r) {
    Key key{op, v, l.get(), r.get()};
    auto it = table_.find(key);
    if (it != table_.end()) {
        if (auto existing = it->second.lock()) return existing;
    }
    auto n = std::make_shared<const Node>(Node{op, v, std::move(l), std::move(r)});
    table_[key] = n;
    return n;
}

long eval(const NodeRef& n, const std::function<long(long)>& env) {
    switch (n->op) {
        case 'n': return n->value;
        case 'v': return env(n->value);
        case '+': return eval(n->lhs, env) + eval(n->rhs, env);
        default: return eval(n->lhs, env) * eval(n->rhs, env);
    }
}

}  // namespace expr

namespace editor {

struct Snapshot {
    std::string text;
    expr::NodeRef formula;
};

class Document {
public:
    using History = pds::List<Snapshot>;
    void apply(std::string text, expr::NodeRef f) {
        history_ = history_.push(Snapshot{std::move(text), std::move(f)});
        if (history_.size() > 64) history_ = trimmed(history_, 32);
    }
    void undo() { if (!history_.empty()) history_ = history_.pop(); }
    const History& history() const { return history_; }

private:
    static History trimmed(const History& h, std::size_t keep);
    History history_;
};

Document::History Document::trimmed(const History& h, std::size_t keep) {
    // rebuild the newest `keep` entries; older shared tail becomes unreachable
    pds::List<Snapshot> rev;
    History cur = h;
    for (std::size_t i = 0; i < keep && !cur.empty(); ++i, cur = cur.pop()) rev = rev.push(cur.front());
    History out;
    for (; !rev.empty(); rev = rev.pop()) out = out.push(rev.front());
    return out;
}

}  // namespace editor

int main() {
    expr::ExprFactory factory;
    long total = 0;
    for (int docId = 0; docId < 2000; ++docId) {
        editor::Document doc;
        auto x = factory.var(0);
        auto shared = factory.mul(x, factory.num(docId));  // reused by several parents: a DAG
        for (int edit = 0; edit < 100; ++edit) {
            auto f = factory.add(shared, factory.add(shared, factory.num(edit)));
            doc.apply("rev" + std::to_string(edit), f);
            if (edit % 7 == 0) doc.undo();
        }
        total += expr::eval(doc.history().front().formula, [](long) { return 3L; });
        factory.collect();
    }
    std::cout << "total=" << total << "\n";
}
