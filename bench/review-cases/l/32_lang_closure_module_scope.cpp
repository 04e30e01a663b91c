// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: The module Environment and the Closures stored in it do form a temporary cycle, but evalModule holds the environment through a ModuleScope whose destructor always calls Environment::clear(), dropping the closures and breaking the cycle.
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace minilang {

static int g_liveEnvs = 0;

struct Closure;

struct Value {
    double number = 0;
    std::shared_ptr<Closure> fn;
    static Value num(double d) { Value v; v.number = d; return v; }
    static Value function(std::shared_ptr<Closure> c) { Value v; v.fn = std::move(c); return v; }
};

class Environment {
public:
    explicit Environment(std::shared_ptr<Environment> parent) : parent_(std::move(parent)) { ++g_liveEnvs; }
    ~Environment() { --g_liveEnvs; }

    void define(const std::string& name, Value v) { vars_[name] = std::move(v); }

    const Value& lookup(const std::string& name) const {
        for (const Environment* e = this; e; e = e->parent_.get()) {
            auto it = e->vars_.find(name);
            if (it != e->vars_.end()) return it->second;
        }
        throw std::runtime_error("undefined name: " + name);
    }

    void clear() {
        std::unordered_map<std::string, Value> doomed;
        doomed.swap(vars_);
    }

private:
    std::shared_ptr<Environment> parent_;
    std::unordered_map<std::string, Value> vars_;
};

class Interpreter;
using EnvPtr = std::shared_ptr<Environment>;

struct Expr {
    virtual ~Expr() = default;
    virtual Value eval(Interpreter& in, const EnvPtr& env) const = 0;
};
using ExprPtr = std::shared_ptr<const Expr>;

struct FunctionDecl {
    std::string name;
    std::vector<std::string> params;
    ExprPtr body;
};

struct Closure {
    std::shared_ptr<const FunctionDecl> decl;
    EnvPtr captured;
};

std::shared_ptr<Closure> makeClosure(std::shared_ptr<const FunctionDecl> decl, const EnvPtr& scope) {
    auto c = std::make_shared<Closure>();
    c->decl = std::move(decl);
    c->captured = scope;
    return c;
}

class Interpreter {
public:
    void declare(const std::shared_ptr<const FunctionDecl>& decl, const EnvPtr& scope) {
        scope->define(decl->name, Value::function(makeClosure(decl, scope)));
    }

    Value call(const Value& callee, const std::vector<Value>& args) {
        if (!callee.fn) throw std::runtime_error("not callable");
        if (++depth_ > 200) throw std::runtime_error("stack overflow");
        const Closure& c = *callee.fn;
        auto frame = std::make_shared<Environment>(c.captured);
        for (std::size_t i = 0; i < c.decl->params.size() && i < args.size(); ++i)
            frame->define(c.decl->params[i], args[i]);
        Value result = c.decl->body->eval(*this, frame);
        --depth_;
        return result;
    }

private:
    int depth_ = 0;
};

struct NumberExpr : Expr {
    double v;
    explicit NumberExpr(double d) : v(d) {}
    Value eval(Interpreter&, const EnvPtr&) const override { return Value::num(v); }
};

struct VarExpr : Expr {
    std::string name;
    explicit VarExpr(std::string n) : name(std::move(n)) {}
    Value eval(Interpreter&, const EnvPtr& env) const override { return env->lookup(name); }
};

struct BinaryExpr : Expr {
    char op;
    ExprPtr lhs, rhs;
    BinaryExpr(char o, ExprPtr l, ExprPtr r) : op(o), lhs(std::move(l)), rhs(std::move(r)) {}
    Value eval(Interpreter& in, const EnvPtr& env) const override {
        double a = lhs->eval(in, env).number, b = rhs->eval(in, env).number;
        switch (op) {
            case '+': return Value::num(a + b);
            case '-': return Value::num(a - b);
            case '*': return Value::num(a * b);
            default: return Value::num(a < b ? 1 : 0);
        }
    }
};

struct IfExpr : Expr {
    ExprPtr cond, then, otherwise;
    IfExpr(ExprPtr c, ExprPtr t, ExprPtr o) : cond(std::move(c)), then(std::move(t)), otherwise(std::move(o)) {}
    Value eval(Interpreter& in, const EnvPtr& env) const override {
        return cond->eval(in, env).number != 0 ? then->eval(in, env) : otherwise->eval(in, env);
    }
};

struct CallExpr : Expr {
    std::string callee;
    std::vector<ExprPtr> args;
    CallExpr(std::string c, std::vector<ExprPtr> a) : callee(std::move(c)), args(std::move(a)) {}
    Value eval(Interpreter& in, const EnvPtr& env) const override {
        std::vector<Value> argv;
        for (const auto& a : args) argv.push_back(a->eval(in, env));
        return in.call(env->lookup(callee), argv);
    }
};

ExprPtr num(double d) { return std::make_shared<NumberExpr>(d); }
ExprPtr var(const std::string& n) { return std::make_shared<VarExpr>(n); }
ExprPtr bin(char op, ExprPtr l, ExprPtr r) { return std::make_shared<BinaryExpr>(op, std::move(l), std::move(r)); }
ExprPtr call(const std::string& f, std::vector<ExprPtr> a) { return std::make_shared<CallExpr>(f, std::move(a)); }

std::vector<std::shared_ptr<const FunctionDecl>> parseModule() {
    auto fact = std::make_shared<FunctionDecl>(FunctionDecl{"fact", {"n"},
        std::make_shared<IfExpr>(bin('<', var("n"), num(2)), num(1),
                                 bin('*', var("n"), call("fact", {bin('-', var("n"), num(1))})))});
    auto entry = std::make_shared<FunctionDecl>(FunctionDecl{"main", {}, call("fact", {num(10)})});
    return {fact, entry};
}

class ModuleScope {
public:
    explicit ModuleScope(EnvPtr env) : env_(std::move(env)) {}
    ModuleScope(const ModuleScope&) = delete;
    ModuleScope& operator=(const ModuleScope&) = delete;
    ~ModuleScope() { env_->clear(); }
    const EnvPtr& env() const { return env_; }

private:
    EnvPtr env_;
};

double evalModule(Interpreter& interp, const std::vector<std::shared_ptr<const FunctionDecl>>& decls) {
    ModuleScope scope(std::make_shared<Environment>(nullptr));
    const EnvPtr& moduleEnv = scope.env();
    for (const auto& d : decls) interp.declare(d, moduleEnv);
    return interp.call(moduleEnv->lookup("main"), {}).number;
}

}  // namespace minilang

int main() {
    minilang::Interpreter interp;
    auto program = minilang::parseModule();
    double sum = 0;
    for (int run = 0; run < 45; ++run) {
        sum += minilang::evalModule(interp, program);
        if (run % 15 == 14) std::printf("runs=%d live environments=%d\n", run + 1, minilang::g_liveEnvs);
    }
    std::printf("sum=%.0f\n", sum);
    std::fflush(stdout);
    return 0;
}
