//===--- EntryWrites.h - Writes into a container's entry -------*- C++ -*-===//
//
// A registry is filled by writing an entry (`C[k] = Slot{this, 0}`) or a
// field of one (`C[k].owner = this`), also through a local reference bound
// to the entry (`auto &Slot = C[k]; Slot.owner = this;`). Both
// leak-static-instance-cache and leak-unbounded-container read such writes,
// so they match them the same way.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_ENTRYWRITES_H
#define LEAKLINT_LIB_CODE_ENTRYWRITES_H

#include "clang/ASTMatchers/ASTMatchers.h"

namespace leaklint {

/// `C[k]`: a subscript operator call with its container and key.
clang::ast_matchers::internal::BindableMatcher<clang::Stmt> entrySubscript();

/// A field of an entry: `C[k].f`, or `Slot.f` where `Slot` is a local
/// reference initialised with `C[k]`. Binds the subscript as "slot".
clang::ast_matchers::StatementMatcher fieldOfEntry();

} // namespace leaklint

#endif
