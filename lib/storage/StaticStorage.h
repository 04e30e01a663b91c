//===--- StaticStorage.h - Variables that live as long as the program -*- C++
//-*-===//
#ifndef LEAKLINT_LIB_STORAGE_STATICSTORAGE_H
#define LEAKLINT_LIB_STORAGE_STATICSTORAGE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace leaklint {

/// Where a variable with static or thread storage duration is declared; the
/// wording of diagnostics and the available fixes depend on it.
enum class StaticStorageKind {
  FunctionLocal, ///< `static` in a function body
  ThreadLocal,   ///< `thread_local` anywhere
  StaticMember,  ///< static data member
  Global, ///< namespace scope, including `static` and anonymous namespaces
};

/// The kind of static storage \p VD has, or none for automatic storage.
std::optional<StaticStorageKind>
classifyStaticStorage(const clang::VarDecl *VD);

/// How diagnostics name the kind: "function-local static", "thread_local",
/// "static member", "global".
llvm::StringRef describeStaticStorage(StaticStorageKind Kind);

/// The name diagnostics use for \p VD: `Widget::registry` for static members,
/// the plain name otherwise.
std::string storageName(const clang::VarDecl *VD);

/// The variable of static storage duration whose container \p E designates:
/// the variable itself, a static member through `this->`, an element of one
/// (`listeners[event]`, `byTopic.at(t)`), a static pointer to one
/// (`registry->`), a local reference bound to one, or the result of an
/// accessor that returns one (`T &cache() { static T c; return c; }`,
/// `... static T *c = new T; return *c;`). Null for anything else.
/// \p ThroughElement, when given, says whether the walk went through an
/// element (`listeners[event]`, also behind `auto &l = listeners[event];`):
/// then \p E is a value inside the variable, not the variable itself.
const clang::VarDecl *staticVariableOf(const clang::Expr *E,
                                       bool *ThroughElement = nullptr);

/// The same walk ending at a member: the field whose container \p E
/// designates (`items_`, `reg.items_[k]`, `Registry::instance().items()`
/// when the accessor returns `items_`). Whether that member lives as long
/// as the program depends on its class, which the caller decides.
const clang::FieldDecl *memberStorageOf(const clang::Expr *E);

/// The container a local iterator walks, \p Iterator naming a local
/// initialised by its lookup or walk (`auto It = Buckets.find(Tag);`, also
/// `begin`, `cbegin`, `lower_bound`, `upper_bound`); null otherwise.
const clang::Expr *iteratedContainer(const clang::Expr *Iterator);

/// True for `first` or `second` of a std::pair.
bool isPairMember(const clang::ValueDecl *D);

/// Either of the two, in one walk: the variable or member whose container
/// \p E designates, as its canonical declaration.
const clang::ValueDecl *containerStorageOf(const clang::Expr *E);

/// The type of the container \p VD stores: its own type without reference
/// or, for a pointer to a container, the pointee.
clang::QualType containerTypeOf(const clang::VarDecl *VD);

/// True when \p A and \p B are the same variable: redeclarations, or the
/// same source variable in a template pattern and its instantiation.
bool sameVariable(const clang::VarDecl *A, const clang::VarDecl *B);

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_STATICSTORAGE_H
