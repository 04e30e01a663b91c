//===--- AggregateInits.h - Which field each initialiser of an aggregate sets -*- C++ -*-===//
//
// A struct without constructors is made by listing its fields' values:
// `new Entry{shared_from_this(), 1}`, `Entry{.owner = self}`, and since
// C++20 `std::make_shared<Entry>(self, 1)` and `new Entry(self, 1)`. Each
// value lands in the field at its position, in declaration order: the
// object keeps what its initialisers name, as it keeps what a constructor
// stores of its parameters.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_AGGREGATEINITS_H
#define LEAKLINT_LIB_CODE_AGGREGATEINITS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <utility>

namespace leaklint {

using FieldInit = std::pair<const clang::FieldDecl *, const clang::Expr *>;

/// The fields of the aggregate \p RD that \p Values initialise, in order,
/// paired with their values. Empty when \p RD is no aggregate, has base
/// classes (their parts come first) or unnamed bit-fields, or is given more
/// values than it has fields.
llvm::SmallVector<FieldInit, 4>
aggregateFieldInits(const clang::CXXRecordDecl *RD,
                    llvm::ArrayRef<const clang::Expr *> Values);

/// The fields \p E initialises when it makes an aggregate from a list of
/// values (`{a, b}`, `T{a, b}`, C++20's `T(a, b)`), through parentheses,
/// temporaries and implicit casts. Empty otherwise.
llvm::SmallVector<FieldInit, 4> aggregateFieldInits(const clang::Expr *E);

/// The locals of \p F whose fields its body writes: a field assigned
/// (`E.f = x`, `++E.n`), a non-const method called on a field, a field's
/// address taken. One walk of the body answers for all of them.
llvm::DenseSet<const clang::VarDecl *>
localsWithFieldWrites(const clang::FunctionDecl *F);

/// The values \p F's body assigns to a direct field of its local \p VD
/// (`R.fn = std::move(f);`), paired with the field, in source order: a
/// local filled in field by field, then returned or stored, holds them.
llvm::SmallVector<FieldInit, 2>
fieldAssignments(const clang::FunctionDecl *F, const clang::VarDecl *VD);

/// The list \p VD, a local aggregate, was made from (`Entry E{self, 1};`)
/// when it is not in \p FieldWritten, the locals of its function whose
/// fields are written (localsWithFieldWrites()): what each field holds is
/// what the list gave it. Null otherwise. Whether the local itself is
/// assigned again is the caller's to ask.
const clang::Expr *
unchangedListedLocal(const clang::VarDecl *VD,
                     const llvm::DenseSet<const clang::VarDecl *> &FieldWritten);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_AGGREGATEINITS_H
