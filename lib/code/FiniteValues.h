//===--- FiniteValues.h - Values from a set the program text fixes -*- C++ -*-===//
//
// A map keyed by counter names that every caller spells as a literal, or by
// an HTTP status checked to lie in 100..599, holds at most one entry per
// value the program's own text can produce: it grows to a bound and stops.
// An expression takes finitely many values when it is
//  - a literal, an enumerator, a constant, or a local or global constant
//    initialised with one of those; an object built only from them;
//  - of a type with few values (bool, an enumeration, at most 16 bits), or
//    reduced to few (`h % 64`, `h & 0xff`);
//  - a variable that the conditions guarding the expression confine to an
//    interval of at most 65536 integers (`if (s < 100 || s > 599) return;`);
//  - a call of a function whose every return gives finitely many values;
//  - a parameter, never assigned, of a function only this translation unit
//    can call (lib/code/UncalledFunctions.h) and that nothing takes the
//    address of, when every call in the TU passes finitely many values.
// Calls are followed a few levels deep; past that the answer is no.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_FINITEVALUES_H
#define LEAKLINT_LIB_CODE_FINITEVALUES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <optional>

namespace leaklint {

class FiniteValues {
public:
  /// True when \p E takes only finitely many values, which the program's
  /// text fixes (see above).
  bool isFinite(const clang::Expr *E, clang::ASTContext &Ctx);
  void clear() {
    Calls.reset();
    Verdicts.clear();
  }

private:
  /// Every call of each function (by UncalledFunctions::origin()), read
  /// from the whole TU on the first question that needs it.
  struct CallIndex {
    llvm::DenseMap<const clang::FunctionDecl *,
                   llvm::SmallVector<const clang::Expr *, 4>>
        Calls;
    /// Functions named other than as a callee: their address is taken.
    llvm::DenseSet<const clang::FunctionDecl *> Escaped;
    /// Names that templates leave unresolved.
    llvm::StringSet<> Spellings;
  };
  bool finite(const clang::Expr *E, unsigned Depth);
  bool finiteParameter(const clang::ParmVarDecl *P, const clang::Expr *Use,
                       unsigned Depth);
  bool finiteReturns(const clang::FunctionDecl *F, unsigned Depth);
  const CallIndex &callIndex();

  clang::ASTContext *Ctx = nullptr;
  std::optional<CallIndex> Calls;
  /// Answers for parameters and returns, per function; also what stops a
  /// recursion (an answer in progress is no).
  llvm::DenseMap<const void *, bool> Verdicts;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_FINITEVALUES_H
