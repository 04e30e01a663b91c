//===--- SpelledNames.h - A node as the code spells it -*- C++ -*-===//
//
// An access path as written: a local, or `this`, and the fields followed
// from it (`last->link.next`, `this->head_`). Unlike ObjectNames.h, which
// follows a local to the object its initialiser names, a spelled name keeps
// the local itself: a list walker `auto last = head_; ... last = last->next`
// is one name for many nodes, and the analyses that ask settle what it
// stands for from the writes they weigh.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_SPELLEDNAMES_H
#define LEAKLINT_LIB_CODE_SPELLEDNAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace leaklint {

struct SpelledName {
  /// The local the path starts from (canonical); null for `this`.
  const clang::VarDecl *Var = nullptr;
  /// The fields followed from it, outermost first (canonical).
  llvm::SmallVector<const clang::FieldDecl *, 2> Path;
  bool operator==(const SpelledName &O) const {
    return Var == O.Var && Path == O.Path;
  }
};

/// \p E as a local or `this` and a chain of fields, through parentheses,
/// implicit casts, temporaries, copies and moves (`std::move(n)`), and a
/// smart pointer's `->` or `*`. std::nullopt for anything else: a call, a
/// global, an element of a container.
std::optional<SpelledName> spelledName(const clang::Expr *E);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_SPELLEDNAMES_H
