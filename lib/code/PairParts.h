//===--- PairParts.h - Which part of a pair an expression reads -*- C++ -*-===//
//
// `insert()` answers with a pair: the entry, and whether it is new. Code
// reads the parts as `r.first` / `r.second`, `std::get<0>(r)`, or through a
// structured binding (`auto [It, Inserted] = s.insert(x);`, whose bindings
// of a std::pair are `std::get` calls on a hidden variable).
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_PAIRPARTS_H
#define LEAKLINT_LIB_CODE_PAIRPARTS_H

#include "clang/AST/Expr.h"
#include <optional>

namespace leaklint {

struct PairPart {
  /// The pair: the expression that makes it (a call), when it is a local
  /// or a binding initialised from one; otherwise the expression naming it.
  const clang::Expr *Pair;
  /// 0 for `first`, 1 for `second`.
  unsigned Index;
};

/// The part of a pair \p E reads, if it reads one.
std::optional<PairPart> pairPart(const clang::Expr *E);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_PAIRPARTS_H
