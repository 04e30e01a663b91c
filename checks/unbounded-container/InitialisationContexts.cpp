//===--- InitialisationContexts.cpp - Growth that runs once
//----------------===//
//
// Growth while a container is being set up is not accumulation: in its own
// initializer, under std::call_once, in a constructor of an object that
// lives as long as the program, or in a function that only such contexts
// call.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {

bool UnboundedContainer::within(SourceLocation Loc, SourceRange R) const {
  const SourceManager &SM = Ctx->getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  R = SourceRange(SM.getExpansionLoc(R.getBegin()),
                  SM.getExpansionLoc(R.getEnd()));
  return R.isValid() && SM.isPointWithin(Loc, R.getBegin(), R.getEnd());
}

bool UnboundedContainer::withinAny(SourceLocation Loc,
                                   ArrayRef<SourceRange> Ranges) const {
  return llvm::any_of(Ranges, [&](SourceRange R) { return within(Loc, R); });
}

bool UnboundedContainer::duringInitialisation(const ValueDecl *D,
                                              const Expr *Site) const {
  SourceLocation Loc = Site->getBeginLoc();
  // In the variable's own initializer, an immediately invoked lambda
  // included: `static const auto T = [] { std::vector<int> V; ... }();`.
  if (const auto *VD = dyn_cast<VarDecl>(D))
    for (const VarDecl *R : VD->redecls())
      if (const Expr *Init = R->getInit();
          Init && within(Loc, Init->getSourceRange()))
        return true;
  if (withinAny(Loc, CallOnceRanges))
    return true;
  const FunctionDecl *F = functionAt(Loc);
  return F && initialisationOnly(F, 0);
}

bool UnboundedContainer::initialisationOnly(const FunctionDecl *F,
                                            unsigned Depth) const {
  // The constructor of a class whose objects all live as long as the
  // program runs once per object, while its static is initialised: a
  // registry's constructor filling its table (`add("clone", ...)`).
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
    return livesAsLongAsTheProgram(Ctor->getParent());
  // A function that only initializers of statics, std::call_once, or such
  // functions call (a few levels deep). Top-level answers are kept: every
  // growth site in a function asks the same question.
  if (Depth == 0)
    if (auto It = InitialisationOnly.find(F); It != InitialisationOnly.end())
      return It->second;
  auto Calls = CallSites.find(F->getCanonicalDecl());
  bool Result =
      Calls != CallSites.end() && !Calls->second.empty() &&
      llvm::all_of(Calls->second, [&](SourceLocation Call) {
        if (withinAny(Call, StaticInitRanges) ||
            withinAny(Call, CallOnceRanges))
          return true;
        const FunctionDecl *Caller = Depth < 3 ? functionAt(Call) : nullptr;
        return Caller && Caller != F && initialisationOnly(Caller, Depth + 1);
      });
  if (Depth == 0)
    InitialisationOnly[F] = Result;
  return Result;
}

void UnboundedContainer::recordCall(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (FD && !Ctx->getSourceManager().isInSystemHeader(FD->getLocation()))
    CallSites[FD->getCanonicalDecl()].push_back(Call->getBeginLoc());
}

const FunctionDecl *UnboundedContainer::functionAt(SourceLocation Loc) const {
  const SourceManager &SM = Ctx->getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  const FunctionDecl *Best = nullptr;
  for (const FunctionDecl *F : Functions) {
    SourceRange R(SM.getExpansionLoc(F->getBeginLoc()),
                  SM.getExpansionLoc(F->getEndLoc()));
    if (!SM.isPointWithin(Loc, R.getBegin(), R.getEnd()))
      continue;
    // The innermost: a lambda's call operator inside a function.
    if (!Best || SM.isBeforeInTranslationUnit(
                     SM.getExpansionLoc(Best->getBeginLoc()), R.getBegin()))
      Best = F;
  }
  return Best;
}

} // namespace leaklint
