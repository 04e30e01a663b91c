// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: declare() fills a Symbol field by field, including a strong shared_ptr to the declaring Scope, and pushes it by value into that same Scope's symbol vector, so every function scope built during compilation owns itself.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace minic {

enum class TypeKind : std::uint8_t { Int, Float, Pointer, Function };

struct Scope;

struct Symbol {
    std::string name;
    TypeKind type = TypeKind::Int;
    int line = 0;
    bool isParam = false;
    std::shared_ptr<Scope> declScope;  // LEAK-HERE
};

struct Scope {
    std::string label;
    int depth = 0;
    std::shared_ptr<Scope> enclosing;
    std::vector<Symbol> symbols;  // LEAK-HERE
};

using ScopePtr = std::shared_ptr<Scope>;

static ScopePtr openScope(const ScopePtr& parent, std::string label) {
    auto s = std::make_shared<Scope>();
    s->label = std::move(label);
    s->enclosing = parent;
    s->depth = parent ? parent->depth + 1 : 0;
    return s;
}

static void declare(const ScopePtr& scope, const std::string& name, TypeKind ty, int line,
                    bool param) {
    Symbol sym;
    sym.name = name;
    sym.type = ty;
    sym.line = line;
    sym.isParam = param;
    sym.declScope = scope;            // LEAK-HERE
    scope->symbols.push_back(sym);    // LEAK-HERE
}

static const Symbol* lookup(const ScopePtr& scope, const std::string& name) {
    for (Scope* s = scope.get(); s; s = s->enclosing.get())
        for (const Symbol& sym : s->symbols)
            if (sym.name == name)
                return &sym;
    return nullptr;
}

struct FunctionDecl {
    std::string name;
    std::vector<std::string> params;
    std::vector<std::string> locals;
    std::vector<std::string> uses;
};

class SemaPass {
public:
    SemaPass() : globals_(openScope(nullptr, "<global>")) {
        declare(globals_, "printf", TypeKind::Function, 0, false);
    }

    int check(const FunctionDecl& fn) {
        ScopePtr body = openScope(globals_, fn.name);
        int line = 1;
        for (const auto& p : fn.params)
            declare(body, p, TypeKind::Int, line++, true);
        for (const auto& l : fn.locals)
            declare(body, l, TypeKind::Float, line++, false);

        int errors = 0;
        for (const auto& u : fn.uses)
            if (!lookup(body, u))
                ++errors;
        return errors;  // body scope is discarded once the function is checked
    }

private:
    ScopePtr globals_;
};

}  // namespace minic

int main() {
    minic::SemaPass sema;
    int errors = 0;
    for (int i = 0; i < 100000; ++i) {
        minic::FunctionDecl fn;
        fn.name = "fn_" + std::to_string(i);
        fn.params = {"argc", "argv"};
        fn.locals = {"tmp", "acc", "idx"};
        fn.uses = {"argc", "acc", "printf", (i % 7 == 0) ? "undeclared" : "idx"};
        errors += sema.check(fn);
    }
    std::printf("%d semantic errors\n", errors);
    return 0;
}
