//===--- WeakPtrRewrite.h - Turn a shared_ptr field into a weak_ptr -*- C++
//-*-===//
//
// Builds the fix-it for leak-shared-ptr-cycle: the back-edge field becomes a
// std::weak_ptr and every use of it is rewritten so the code compiles and
// means the same while the owner is alive:
//   p->m, *p, p.get()     ->  p.lock()->m, *p.lock(), p.lock().get()
//   if (p), !p            ->  if (!p.expired()), p.expired()
//   p == nullptr, p != nullptr -> p.expired(), !p.expired()
//   passing or copying p as a shared_ptr -> p.lock()
//   p = nullptr           ->  p.reset()
//   p = q, p.reset(), p.use_count(), construction from a shared_ptr: as is.
// It is offered only when every use is visible and rewritable: the class is
// defined in the main file (so no other file can use the field), no use is
// in a macro, and none is of a kind not listed above.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_SHARED_PTR_CYCLE_WEAKPTRREWRITE_H
#define LEAKLINT_CHECKS_SHARED_PTR_CYCLE_WEAKPTRREWRITE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace leaklint {

struct WeakPtrRewrite {
  /// The field's new declaration, e.g. `std::weak_ptr<Node> parent;`.
  std::string Declaration;
  llvm::SmallVector<clang::FixItHint, 8> Fixes;
  /// Why there are no edits, phrased to follow "no automatic fix: ".
  std::string WhyNot;
};

/// Plans the rewrite of each of \p Fields, with one pass over the main
/// file for all of them.
llvm::DenseMap<const clang::FieldDecl *, WeakPtrRewrite>
planWeakPtrRewrites(llvm::ArrayRef<const clang::FieldDecl *> Fields,
                    clang::ASTContext &Ctx);

} // namespace leaklint

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_WEAKPTRREWRITE_H
