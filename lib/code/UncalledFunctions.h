//===--- UncalledFunctions.h - Functions nothing in the TU runs -*- C++ -*-===//
//
// A removal or a reset in a function that never runs bounds nothing: a
// registry's `remove()` nobody calls, a signal's `clear()` nobody calls.
// That a function never runs is known only for a function no other
// translation unit can call: one with internal linkage, a method of a
// class defined in the main file, or an inline function defined only in
// the main file (a TU that calls an inline function must define it). Such a function runs when something in
// this TU names it: a call, its address, a member pointer (`&C::close`
// handed to std::bind), or a dependent name of the same spelling in a
// template. Constructors, destructors, conversions, operators, virtual
// functions and lambdas' call operators run without being named, and count
// as called. The TU is read for names once, on the first question.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_UNCALLEDFUNCTIONS_H
#define LEAKLINT_LIB_CODE_UNCALLEDFUNCTIONS_H

#include "code/FunctionUses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>

namespace leaklint {

class UncalledFunctions {
public:
  /// True for a function only this TU can call (see above).
  static bool onlyThisTUCanCall(const clang::FunctionDecl *F);
  /// True when only this TU can call \p F and nothing in it names \p F.
  /// False in a host that matched part of the TU (clangd), which cannot
  /// tell.
  bool isUncalled(const clang::FunctionDecl *F);
  /// True when \p F runs only inside destructors of classes \p Dies
  /// accepts: only this TU can call it, it is not virtual, its address is
  /// never taken, and every call of it (and every unresolved name of its
  /// spelling) is in the body of such a destructor. `unsubscribe(id)` that
  /// only `~Lobby()` calls runs once a Lobby dies, never to let one die.
  bool calledOnlyInDestructors(
      const clang::FunctionDecl *F,
      llvm::function_ref<bool(const clang::CXXRecordDecl *)> Dies);
  /// Where the TU calls and names its functions, read on first use.
  const FunctionUses &uses(clang::ASTContext &Ctx);
  /// True when the translation unit defines main(): a whole program, whose
  /// functions that nothing names are dead, not waiting for a caller the
  /// fragment leaves out. Read once.
  bool definesMain(const clang::ASTContext &Ctx);
  void clear() {
    Uses.reset();
    HasMain.reset();
  }

private:
  std::optional<FunctionUses> Uses;
  std::optional<bool> HasMain;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_UNCALLEDFUNCTIONS_H
