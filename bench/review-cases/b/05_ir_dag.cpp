// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: IR values share operands through shared_ptr only in the def-to-use direction (a DAG with CSE sharing), use lists are raw pointers, and the persistent scope chain only points from newer frames to shared older tails, so no strong cycle exists.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace ir {

enum class Op : std::uint8_t { Const, Arg, Add, Mul, Load, Ret };

class Value;
using ValuePtr = std::shared_ptr<Value>;

class Value {
public:
    Value(Op op, std::vector<ValuePtr> operands, std::int64_t imm = 0);
    ~Value();

    Op op() const { return op_; }
    std::int64_t imm() const { return imm_; }
    const std::vector<ValuePtr>& operands() const { return operands_; }
    const std::vector<Value*>& users() const { return users_; }

private:
    Op op_;
    std::int64_t imm_;
    std::vector<ValuePtr> operands_;
    std::vector<Value*> users_;
};

Value::Value(Op op, std::vector<ValuePtr> operands, std::int64_t imm)
    : op_(op), imm_(imm), operands_(std::move(operands)) {
    for (auto& o : operands_) o->users_.push_back(this);
}

Value::~Value() {
    for (auto& o : operands_) {
        auto& u = o->users_;
        u.erase(std::remove(u.begin(), u.end(), this), u.end());
    }
}

// Persistent, immutable scope chain: binding a name creates a new head sharing the old tail.
struct Scope {
    std::string name;
    ValuePtr binding;
    std::shared_ptr<const Scope> parent;
};
using ScopeRef = std::shared_ptr<const Scope>;

inline ScopeRef bind(ScopeRef env, std::string name, ValuePtr v) {
    return std::make_shared<const Scope>(Scope{std::move(name), std::move(v), std::move(env)});
}

inline ValuePtr lookup(const ScopeRef& env, const std::string& name) {
    for (auto s = env.get(); s; s = s->parent.get())
        if (s->name == name) return s->binding;
    return nullptr;
}

class Builder {
public:
    ValuePtr constant(std::int64_t v) { return intern(Op::Const, nullptr, nullptr, v); }
    ValuePtr add(const ValuePtr& a, const ValuePtr& b) { return intern(Op::Add, a, b, 0); }
    ValuePtr mul(const ValuePtr& a, const ValuePtr& b) { return intern(Op::Mul, a, b, 0); }

private:
    using Key = std::tuple<Op, const Value*, const Value*, std::int64_t>;
    ValuePtr intern(Op op, const ValuePtr& a, const ValuePtr& b, std::int64_t imm);
    std::map<Key, ValuePtr> cse_;
};

ValuePtr Builder::intern(Op op, const ValuePtr& a, const ValuePtr& b, std::int64_t imm) {
    Key key{op, a.get(), b.get(), imm};
    if (auto it = cse_.find(key); it != cse_.end()) return it->second;
    std::vector<ValuePtr> ops;
    if (a) ops.push_back(a);
    if (b) ops.push_back(b);
    auto v = std::make_shared<Value>(op, std::move(ops), imm);
    cse_.emplace(key, v);
    return v;
}

ValuePtr lowerPolynomial(std::int64_t x) {
    Builder b;
    ScopeRef global = bind(nullptr, "x", b.constant(x));
    ScopeRef inner = bind(global, "sq", b.mul(lookup(global, "x"), lookup(global, "x")));
    ScopeRef other = bind(global, "dbl", b.add(lookup(global, "x"), lookup(global, "x")));
    auto sq = lookup(inner, "sq");
    auto dbl = lookup(other, "dbl");
    return b.add(b.add(sq, dbl), b.constant(1));
}

}  // namespace ir
