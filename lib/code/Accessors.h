//===--- Accessors.h - Member functions that hand out a field -*- C++ -*-===//
//
// `Handler &onClick() { return OnClick; }` and `Handler *handler() { return
// &Cb; }` hand their caller a field of their own object, which the caller
// may fill or empty: `w.onClick() = nullptr`, `p->handler()->swap(x)`. The
// analyses read a call of such an accessor as the field itself.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_ACCESSORS_H
#define LEAKLINT_LIB_CODE_ACCESSORS_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

namespace leaklint {

/// The field of its own object \p E names (`Field`, `this->Field`); null
/// otherwise, and for a null \p E.
const clang::FieldDecl *ownField(const clang::Expr *E);

/// The field of its own object that \p Return, in the member function \p F,
/// hands out by address or by non-const reference; null otherwise.
const clang::FieldDecl *fieldHandedOut(const clang::ReturnStmt *Return,
                                       const clang::FunctionDecl *F);

/// The field \p Call hands out, when its callee takes no argument and its
/// body is one such return; null otherwise.
const clang::FieldDecl *fieldHandedOutBy(const clang::CXXMemberCallExpr *Call);

/// The field whose pointee \p Call hands out by reference, when its callee
/// takes no argument and its body is `return *Field;` for a raw or smart
/// pointer field of its own object (`Registry &observers() { return
/// *registry_; }`); null otherwise. Callers reach the object the field
/// points to, not the field.
const clang::FieldDecl *
fieldPointeeHandedOutBy(const clang::CXXMemberCallExpr *Call);

/// The container \p E reads one entry of (`C[k]`, `C.at(k)`); null for any
/// other expression.
const clang::Expr *entryContainer(const clang::Expr *E);

/// The field of its own object an element of which \p Call hands out by
/// non-const reference, when its callee's body is one `return Field[k];` or
/// `return Field.at(k);` (`DownTrack &downTrackFor(const Id &I) { return
/// Tracks[I]; }`); null otherwise. Callers reach that element.
const clang::FieldDecl *
fieldEntryHandedOutBy(const clang::CXXMemberCallExpr *Call);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_ACCESSORS_H
