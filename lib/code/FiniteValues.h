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
//    interval of at most 65536 integers (`if (s < 100 || s > 599) return;`),
//    or let through only when it equals a listed value (an allow-list:
//    `if (!isKnownHeader(name)) return;`; FiniteMembership.cpp);
//  - a local that only stream extractions write (`In >> Verb >> Key`), out
//    of a local string stream made from such a value and only read from;
//  - an element of an array of such values that nothing changes (a const
//    or constexpr array, or a local array whose elements are only read);
//  - the variable of a range-for over such an array, that the loop does
//    not change;
//  - `std::clamp` to constant bounds at most 65536 apart;
//  - a private field of a class without friends that only its
//    constructors set (an initialiser or a default member initialiser of
//    finitely many values), every non-const method of which is defined
//    here and leaves it alone;
//  - a field of a class defined in the main file whose every write there
//    (default, initialisers, assignments, the values lists give it) gives
//    finitely many values (FiniteFields.cpp);
//  - a call of a function whose every return gives finitely many values;
//  - a parameter, never assigned, of a function only this translation unit
//    can call (lib/code/UncalledFunctions.h), or that no header declares in
//    a TU that defines main(), and that nothing takes the address of, when
//    every call in the TU passes finitely many values.
// Calls are followed a few levels deep; past that the answer is no.
// "Finitely many" means at most FewValuesLimit: the parts of a value that
// vary together (a concatenation, an object's arguments) multiply their
// counts, the arms of `?:` and the elements of a list add theirs, and a
// value the text fixes without a count (a literal, a parameter every call
// fixes, a field) counts once.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_FINITEVALUES_H
#define LEAKLINT_LIB_CODE_FINITEVALUES_H

#include "code/UncalledFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace leaklint {

/// More distinct values than this is no bound a reader would call small: a
/// key set, or a count of repetitions, beyond it grows like input does.
constexpr int64_t FewValuesLimit = 65536;

class FiniteValues {
public:
  /// \p Functions tells which calls each function has; whoever owns it
  /// clears it together with this.
  explicit FiniteValues(UncalledFunctions &Functions) : Functions(Functions) {}
  /// True when \p E takes only finitely many values, which the program's
  /// text fixes (see above).
  bool isFinite(const clang::Expr *E, clang::ASTContext &Ctx);
  void clear() {
    Verdicts.clear();
    OpenFieldWrites.reset();
    OpenFieldVerdicts.clear();
  }

private:
  bool finite(const clang::Expr *E, unsigned Depth);
  /// How many distinct values \p E takes, at most: 0 when more than
  /// FewValuesLimit, or not fixed by the text. Parts that vary together
  /// (the pieces of a concatenation, an object's arguments) multiply.
  uint64_t values(const clang::Expr *E, unsigned Depth);
  /// How many values one element of the range \p Range takes.
  uint64_t elementValues(const clang::Expr *Range, unsigned Depth);
  uint64_t productOf(llvm::ArrayRef<const clang::Expr *> Parts, unsigned Depth);
  bool finiteParameter(const clang::ParmVarDecl *P, const clang::Expr *Use,
                       unsigned Depth);
  bool finiteReturns(const clang::FunctionDecl *F, unsigned Depth);
  bool finiteExtracted(const clang::VarDecl *V, const clang::Stmt *Body,
                       unsigned Depth);
  bool finiteField(const clang::FieldDecl *Field, unsigned Depth);
  bool finiteOpenField(const clang::FieldDecl *Field, unsigned Depth);
  const clang::CXXForRangeStmt *loopOver(const clang::VarDecl *V) const;
  static bool writtenIn(const clang::VarDecl *V, const clang::Stmt *Body);

  // Guards that let a variable through only when it equals a listed value
  // (FiniteMembership.cpp).
  bool admits(const clang::Expr *Cond, bool WhenTrue, const clang::ValueDecl *V,
              unsigned Depth);
  bool admitsWhenFalse(const clang::Expr *Cond, const clang::ValueDecl *V,
                       unsigned Depth);
  bool found(const clang::Expr *Search, const clang::ValueDecl *V,
             unsigned Depth);
  bool rangeFinite(const clang::Expr *Begin, unsigned Depth);
  bool predicateAdmits(const clang::Expr *Begin, const clang::Expr *Predicate,
                       const clang::ValueDecl *V, unsigned Depth);
  bool calleeAdmits(const clang::CallExpr *Call, bool WhenTrue,
                    const clang::ValueDecl *V, unsigned Depth);
  bool returnsAdmit(const clang::FunctionDecl *F, bool WhenTrue,
                    const clang::ValueDecl *V, unsigned Depth);

  UncalledFunctions &Functions;
  clang::ASTContext *Ctx = nullptr;
  /// The parameter of the predicate being read, which takes the values of
  /// a fixed range's elements.
  const clang::ParmVarDecl *RangeElement = nullptr;
  /// Answers for parameters and returns, per function; also what stops a
  /// recursion (an answer in progress is no).
  llvm::DenseMap<const void *, bool> Verdicts;
  /// Every write of the main file's fields, read on the first question
  /// about one (FiniteFields.cpp), and the answers so far.
  std::optional<llvm::DenseMap<const clang::FieldDecl *,
                               llvm::SmallVector<const clang::Expr *, 2>>>
      OpenFieldWrites;
  llvm::DenseMap<const clang::FieldDecl *, bool> OpenFieldVerdicts;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_FINITEVALUES_H
