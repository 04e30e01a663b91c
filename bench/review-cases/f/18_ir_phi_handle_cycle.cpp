// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Value is a handle wrapping shared_ptr<ValueImpl> and each ValueImpl stores its operands as Value handles by value; a loop phi gets the loop's increment as an operand while the increment has the phi as an operand, so phi->add->phi is a strong cycle that outlives every compiled Function.
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ir {

enum class Opcode { Const, Arg, Add, Mul, Phi, Cmp, Ret };

struct ValueImpl;

class Value {
public:
    Value() = default;
    explicit Value(std::shared_ptr<ValueImpl> p) : impl_(std::move(p)) {}

    Opcode op() const;
    const std::string& name() const;
    void addOperand(const Value& v);
    std::size_t numOperands() const;
    explicit operator bool() const { return static_cast<bool>(impl_); }

private:
    std::shared_ptr<ValueImpl> impl_;  // LEAK-HERE
};

struct ValueImpl {
    Opcode op;
    std::string name;
    long imm = 0;
    std::vector<Value> operands;  // LEAK-HERE
};

Opcode Value::op() const { return impl_->op; }
const std::string& Value::name() const { return impl_->name; }
std::size_t Value::numOperands() const { return impl_->operands.size(); }

void Value::addOperand(const Value& v) {
    impl_->operands.push_back(v);  // LEAK-HERE
}

class IRBuilder {
public:
    Value create(Opcode op, std::string name, std::initializer_list<Value> ops = {}) {
        auto impl = std::make_shared<ValueImpl>();
        impl->op = op;
        impl->name = std::move(name) + "." + std::to_string(counter_++);
        Value v(impl);
        for (const Value& o : ops) v.addOperand(o);
        return v;
    }
    Value constant(long c) {
        auto impl = std::make_shared<ValueImpl>();
        impl->op = Opcode::Const;
        impl->name = "c" + std::to_string(c);
        impl->imm = c;
        return Value(impl);
    }

private:
    unsigned counter_ = 0;
};

struct Function {
    std::string name;
    std::vector<Value> body;
};

using FunctionPtr = std::unique_ptr<Function>;

// sum = 0; for (i = 0; i < n; ++i) sum += i * k;
FunctionPtr buildLoopKernel(const std::string& name, long k) {
    IRBuilder b;
    auto fn = std::make_unique<Function>();
    fn->name = name;

    Value n = b.create(Opcode::Arg, "n");
    Value zero = b.constant(0);
    Value one = b.constant(1);
    Value kk = b.constant(k);

    Value i = b.create(Opcode::Phi, "i", {zero});
    Value sum = b.create(Opcode::Phi, "sum", {zero});
    Value iNext = b.create(Opcode::Add, "i.next", {i, one});
    Value prod = b.create(Opcode::Mul, "prod", {i, kk});
    Value sumNext = b.create(Opcode::Add, "sum.next", {sum, prod});
    // back-edges: close the loop-carried phis
    i.addOperand(iNext);
    sum.addOperand(sumNext);
    Value cond = b.create(Opcode::Cmp, "cond", {iNext, n});
    Value ret = b.create(Opcode::Ret, "ret", {sum});

    fn->body = {n, i, sum, iNext, prod, sumNext, cond, ret};
    return fn;
}

class CompileService {
public:
    std::size_t compile(const std::string& module, long k) {
        FunctionPtr fn = buildLoopKernel(module + "::kernel", k);
        std::size_t edges = 0;
        for (const Value& v : fn->body) edges += v.numOperands();
        return edges;  // fn is dropped; phis and increments keep each other alive
    }
};

}  // namespace ir

int main() {
    ir::CompileService service;
    std::size_t total = 0;
    for (long req = 0; req < 100000; ++req) {
        total += service.compile("mod" + std::to_string(req % 97), req);
    }
    std::cout << "edges compiled: " << total << "\n";
}
