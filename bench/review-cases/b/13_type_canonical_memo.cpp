// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: TypeNode::canonical() memoizes results in a function-local static map keyed by `this`, so every type node of every re-analysed document leaves a permanent entry (and its canonical shared_ptr) behind in the language server.
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lsp {
namespace ast {

enum class TypeKind { Builtin, Pointer, Alias, Function };

class TypeNode;
using TypePtr = std::shared_ptr<TypeNode>;

class TypeNode : public std::enable_shared_from_this<TypeNode> {
public:
    TypeNode(TypeKind kind, std::string name, std::vector<TypePtr> args = {})
        : kind_(kind), name_(std::move(name)), args_(std::move(args)) {}

    TypeKind kind() const { return kind_; }
    const std::string& name() const { return name_; }
    const std::vector<TypePtr>& args() const { return args_; }

    TypePtr canonical() const;
    std::string spelling() const;

private:
    TypePtr computeCanonical() const;

    TypeKind kind_;
    std::string name_;
    std::vector<TypePtr> args_;
};

TypePtr TypeNode::computeCanonical() const {
    switch (kind_) {
    case TypeKind::Alias:
        return args_.empty() ? nullptr : args_.front()->canonical();
    case TypeKind::Pointer:
    case TypeKind::Function: {
        std::vector<TypePtr> canonArgs;
        canonArgs.reserve(args_.size());
        for (const auto& a : args_) canonArgs.push_back(a->canonical());
        return std::make_shared<TypeNode>(kind_, name_, std::move(canonArgs));
    }
    case TypeKind::Builtin:
        break;
    }
    return std::const_pointer_cast<TypeNode>(shared_from_this());
}

TypePtr TypeNode::canonical() const {
    static std::unordered_map<const TypeNode*, TypePtr> memo;  // LEAK-HERE
    if (auto it = memo.find(this); it != memo.end()) return it->second;
    auto result = computeCanonical();
    memo.emplace(this, result);  // LEAK-HERE
    return result;
}

std::string TypeNode::spelling() const {
    std::string s = name_;
    if (kind_ == TypeKind::Pointer) s += "*";
    for (const auto& a : args_) s += " " + a->spelling();
    return s;
}

class AstContext {
public:
    TypePtr builtin(const std::string& n) { return make(TypeKind::Builtin, n); }
    TypePtr pointerTo(TypePtr t) { return make(TypeKind::Pointer, "ptr", {std::move(t)}); }
    TypePtr alias(const std::string& n, TypePtr t) { return make(TypeKind::Alias, n, {std::move(t)}); }

private:
    TypePtr make(TypeKind k, std::string n, std::vector<TypePtr> args = {}) {
        auto t = std::make_shared<TypeNode>(k, std::move(n), std::move(args));
        nodes_.push_back(t);
        return t;
    }
    std::vector<TypePtr> nodes_;
};

}  // namespace ast

struct Diagnostic { int line; std::string message; };

std::vector<Diagnostic> analyzeDocument(const std::string& uri, const std::string& text) {
    ast::AstContext ctx;
    auto intTy = ctx.builtin("int");
    auto handle = ctx.alias("handle_t", ctx.pointerTo(intTy));
    std::vector<Diagnostic> diags;
    if (handle->canonical()->spelling() != "ptr int")
        diags.push_back({1, uri + ": unexpected canonical type"});
    if (text.empty()) diags.push_back({0, uri + ": empty document"});
    return diags;
}

}  // namespace lsp
