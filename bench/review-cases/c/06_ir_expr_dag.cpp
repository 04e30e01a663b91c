// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Expression nodes are immutable and only point at operands created before them, so the shared_ptr graph is a DAG with shared subexpressions and no back edges.
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace ir {

enum class Op : std::uint8_t { Const, Param, Add, Mul, Shl };

struct Expr;
using ExprRef = std::shared_ptr<const Expr>;

struct Expr {
    Op op;
    std::int64_t imm = 0;
    ExprRef lhs;
    ExprRef rhs;

    Expr(Op o, std::int64_t i, ExprRef l, ExprRef r) : op(o), imm(i), lhs(std::move(l)), rhs(std::move(r)) {}
};

class Builder {
public:
    ExprRef constant(std::int64_t v) { return intern(Op::Const, v, nullptr, nullptr); }
    ExprRef param(std::int64_t idx) { return intern(Op::Param, idx, nullptr, nullptr); }
    ExprRef add(ExprRef a, ExprRef b) { return intern(Op::Add, 0, std::move(a), std::move(b)); }
    ExprRef mul(ExprRef a, ExprRef b) { return intern(Op::Mul, 0, std::move(a), std::move(b)); }
    ExprRef shl(ExprRef a, ExprRef b) { return intern(Op::Shl, 0, std::move(a), std::move(b)); }
    std::size_t uniqueNodes() const { return cse_.size(); }

private:
    using Key = std::tuple<Op, std::int64_t, const Expr*, const Expr*>;
    ExprRef intern(Op op, std::int64_t imm, ExprRef l, ExprRef r);

    std::map<Key, ExprRef> cse_;
};

ExprRef Builder::intern(Op op, std::int64_t imm, ExprRef l, ExprRef r) {
    Key key{op, imm, l.get(), r.get()};
    auto it = cse_.find(key);
    if (it != cse_.end()) return it->second;
    auto node = std::make_shared<const Expr>(op, imm, std::move(l), std::move(r));
    cse_.emplace(key, node);
    return node;
}

// Strength reduction: x * 2^k  ->  x << k. Produces new nodes that share the untouched operand.
ExprRef strengthReduce(Builder& b, const ExprRef& e) {
    if (!e || (e->op != Op::Add && e->op != Op::Mul && e->op != Op::Shl)) return e;
    ExprRef l = strengthReduce(b, e->lhs);
    ExprRef r = strengthReduce(b, e->rhs);
    if (e->op == Op::Mul && r->op == Op::Const && r->imm > 0 && (r->imm & (r->imm - 1)) == 0) {
        std::int64_t k = 0;
        while ((std::int64_t{1} << k) != r->imm) ++k;
        return b.shl(l, b.constant(k));
    }
    if (l == e->lhs && r == e->rhs) return e;
    return e->op == Op::Add ? b.add(l, r) : b.mul(l, r);
}

std::string print(const ExprRef& e) {
    switch (e->op) {
    case Op::Const: return std::to_string(e->imm);
    case Op::Param: return "%" + std::to_string(e->imm);
    case Op::Add: return "(" + print(e->lhs) + " + " + print(e->rhs) + ")";
    case Op::Mul: return "(" + print(e->lhs) + " * " + print(e->rhs) + ")";
    case Op::Shl: return "(" + print(e->lhs) + " << " + print(e->rhs) + ")";
    }
    return "?";
}

struct Function {
    std::string name;
    std::vector<ExprRef> returns;
};

Function lowerFunction(const std::string& name, int width) {
    Builder b;
    Function fn{name, {}};
    ExprRef x = b.param(0);
    ExprRef scaled = b.mul(x, b.constant(8));
    for (int i = 0; i < width; ++i) {
        ExprRef term = b.add(scaled, b.mul(b.param(1), b.constant(i + 1)));
        fn.returns.push_back(strengthReduce(b, b.add(term, scaled)));
    }
    std::cout << name << ": " << b.uniqueNodes() << " unique nodes\n";
    return fn;
}

} // namespace ir

int main() {
    for (int i = 0; i < 4; ++i) {
        ir::Function f = ir::lowerFunction("kernel_" + std::to_string(i), 3 + i);
        std::cout << "  ret0 = " << ir::print(f.returns.front()) << '\n';
    }
}
