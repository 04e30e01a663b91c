//===--- InitialisationContexts.cpp - Growth that runs once ---------------===//
//
// Growth while a container is being set up is not accumulation: in its own
// initializer, under std::call_once, in a constructor of an object that
// lives as long as the program, in main() outside its repeating loops, or in
// a function that only such contexts call.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/LibraryFunctions.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {

// The most times a loop counted to a constant may run and still be read as
// set-up. Set-up sizes tables by what the program configures (threads,
// channels, slots, a lookup table of a byte's values), rarely more than a
// thousand; a program that runs a handler 5000 or 20000 times from main()
// stands for a workload.
constexpr int64_t SetUpLoopLimit = 1024;

// A count fixed before the loop starts whose value the code does not spell
// (argc, a container's size, a variable the loop leaves alone).
constexpr int64_t UnspelledCount = -1;

// How often a body runs that runs \p Inner times each of \p Outer times:
// unspelled when either is, else their product, capped past set-up sizes.
int64_t timesTogether(int64_t Outer, int64_t Inner) {
  if (Outer == UnspelledCount || Inner == UnspelledCount)
    return UnspelledCount;
  return std::min<int64_t>(Outer * Inner, SetUpLoopLimit + 1);
}

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
  return howOftenAt(Loc, 0) != RunCount::Repeatedly;
}

UnboundedContainer::RunCount
UnboundedContainer::howOftenAt(SourceLocation Loc, unsigned Depth) const {
  if (withinAny(Loc, StaticInitRanges) || withinAny(Loc, CallOnceRanges))
    return RunCount::DuringSetUp;
  return howOftenIn(functionAt(Loc), Loc, Depth);
}

UnboundedContainer::RunCount
UnboundedContainer::howOftenIn(const FunctionDecl *F, SourceLocation Loc,
                               unsigned Depth) const {
  if (!F)
    return RunCount::Repeatedly;
  // main() runs once, but a loop in it may be the program's event loop.
  RunCount Count = F->isMain() ? RunCount::Once : howOften(F, Depth);
  if (Count == RunCount::Once && inRepeatingLoop(F, Loc))
    return RunCount::Repeatedly;
  return Count;
}

bool UnboundedContainer::drivenByMainLoop(SourceLocation Loc, unsigned Depth,
                                          CallerLoops Below) const {
  const FunctionDecl *F = functionAt(Loc);
  if (!F)
    return false;
  LoopsAround Here = loopsAround(F, Loc);
  // A loop that repeats whatever calls it: counted past set-up sizes, or
  // batches in rounds it counts itself.
  if (Here.Repeats && (F->isMain() || Here.Counted))
    return true;
  if (F->isMain()) {
    // Rounds main() counts around a batch drained below (`for (Round < 6)
    // server.runOnce()`, where runOnce() empties a queue), or counts that
    // multiply past set-up sizes through the calls.
    if (Here.Times == UnspelledCount)
      return false;
    return (Here.Times > 1 && Below.Batch && !Below.PerKey) ||
           timesTogether(Here.Times, Below.Times) > SetUpLoopLimit;
  }
  if (Depth >= 5)
    return false;
  CallerLoops Up = Below;
  Up.Batch |= Here.Repeats || Here.Times == UnspelledCount;
  Up.Times = timesTogether(Up.Times, Here.Times);
  return llvm::any_of(callSitesOf(F), [&](SourceLocation Call) {
    const FunctionDecl *Caller = functionAt(Call);
    return Caller && origin(Caller) != origin(F) &&
           drivenByMainLoop(Call, Depth + 1, Up);
  });
}

const FunctionDecl *UnboundedContainer::origin(const FunctionDecl *F) {
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    F = Pattern;
  return F->getCanonicalDecl();
}

UnboundedContainer::RunCount
UnboundedContainer::howOften(const FunctionDecl *F, unsigned Depth) const {
  F = origin(F);
  // The constructor of a class whose objects all live as long as the
  // program runs once per object, while its static is initialised: a
  // registry's constructor filling its table (`add("clone", ...)`).
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
    return livesAsLongAsTheProgram(Ctor->getParent()) ? RunCount::DuringSetUp
                                                      : RunCount::Repeatedly;
  // As often as its most frequent call site runs: functions that only initializers of statics, std::call_once, main()
  // outside its loops, or such functions call (a few levels deep). Top-level
  // answers are kept: every growth site in a function asks the same
  // question.
  if (Depth == 0)
    if (auto It = RunCounts.find(F); It != RunCounts.end())
      return It->second;
  SmallVector<SourceLocation, 4> Calls = callSitesOf(F);
  RunCount Result = RunCount::Repeatedly;
  if (!Calls.empty()) {
    Result = RunCount::DuringSetUp;
    for (SourceLocation Call : Calls) {
      RunCount AtCall = RunCount::Repeatedly;
      if (withinAny(Call, StaticInitRanges) || withinAny(Call, CallOnceRanges))
        AtCall = RunCount::DuringSetUp;
      else if (const FunctionDecl *Caller = functionAt(Call);
               Depth < 3 && Caller && origin(Caller) != F)
        AtCall = howOftenIn(Caller, Call, Depth + 1);
      Result = std::min(Result, AtCall);
      if (Result == RunCount::Repeatedly)
        break;
    }
  }
  if (Depth == 0)
    RunCounts[F] = Result;
  return Result;
}

namespace {

// True when \p Body may change the variable \p VD: assigns it, increments
// or decrements it, takes its address or binds it to a non-const reference.
class WritesTo : public RecursiveASTVisitor<WritesTo> {
public:
  explicit WritesTo(const VarDecl *VD) : VD(VD) {}
  bool is(const Expr *E) const {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    return Ref && Ref->getDecl() == VD;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    Found |= B->isAssignmentOp() && is(B->getLHS());
    return !Found;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    Found |= (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
             is(U->getSubExpr());
    return !Found;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *FD = Call->getDirectCallee();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      if (!is(Call->getArg(I)))
        continue;
      // An operator's or an unknown callee's argument, or one bound to a
      // non-const reference, may be written.
      const ParmVarDecl *P =
          FD && I < FD->getNumParams() ? FD->getParamDecl(I) : nullptr;
      Found |= !P || isa<CXXOperatorCallExpr>(Call) ||
               (P->getType()->isReferenceType() &&
                !P->getType()->getPointeeType().isConstQualified());
    }
    return !Found;
  }
  bool Found = false;

private:
  const VarDecl *VD;
};

// How many times a loop runs when that is fixed before it starts: over a
// range (an array's length, or UnspelledCount), or counting up to a bound
// the loop does not change (a constant, argc, a size, a variable it never
// writes). std::nullopt for anything else (`while (running)`, `for (;;)`),
// which may be the program's event loop, and for a count fixed at more
// than SetUpLoopLimit: `for (int I = 0; I < 20000; ++I) S.handle(...)`
// drives a service the way its clients would, it does not fill a table.
std::optional<int64_t> countedLoopTimes(const Stmt *S, const ASTContext &Ctx) {
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
    const Expr *Init = Range->getRangeInit();
    if (const auto *Array = Init ? Ctx.getAsConstantArrayType(
                                       Init->IgnoreParenImpCasts()->getType())
                                 : nullptr;
        Array && Array->getSize().getActiveBits() < 32)
      return static_cast<int64_t>(Array->getSize().getZExtValue());
    return UnspelledCount;
  }
  const auto *For = dyn_cast<ForStmt>(S);
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(
      For && For->getCond() ? For->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || !(Cond->isRelationalOp() || Cond->getOpcode() == BO_NE))
    return std::nullopt;
  auto Limit = [&](const Expr *E) -> std::optional<int64_t> {
    E = E->IgnoreParenImpCasts();
    if (!E->isValueDependent())
      if (std::optional<llvm::APSInt> Count = E->getIntegerConstantExpr(Ctx)) {
        if (Count->getSignificantBits() <= 64 &&
            Count->getExtValue() <= SetUpLoopLimit)
          return std::max<int64_t>(Count->getExtValue(), 0);
        return std::nullopt;
      }
    if (isa<IntegerLiteral>(E) || isa<UnaryExprOrTypeTraitExpr>(E))
      return UnspelledCount;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      if (!VD)
        return isa<EnumConstantDecl>(Ref->getDecl())
                   ? std::optional<int64_t>(UnspelledCount)
                   : std::nullopt;
      if (VD->getType().isConstQualified() || VD->isConstexpr())
        return UnspelledCount;
      // A variable the loop leaves alone (main's argc, a count parsed from
      // the command line into a local or a global).
      if (VD->getType()->isReferenceType())
        return std::nullopt;
      WritesTo Writes(VD);
      Writes.TraverseStmt(const_cast<Stmt *>(For->getBody()));
      if (!Writes.Found && For->getInc())
        Writes.TraverseStmt(const_cast<Expr *>(For->getInc()));
      return Writes.Found ? std::nullopt
                          : std::optional<int64_t>(UnspelledCount);
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
      if (const CXXMethodDecl *M = Call->getMethodDecl();
          M && M->getDeclName().isIdentifier() &&
          llvm::is_contained({"size", "length"}, M->getName()))
        return UnspelledCount;
    return std::nullopt;
  };
  std::optional<int64_t> Times = Limit(Cond->getLHS());
  return Times ? Times : Limit(Cond->getRHS());
}

// The loops of a function that may repeat without a bound. Counted loops
// nested in counted loops run as often as their counts multiplied: six
// rounds of 500 requests is a workload, as 3000 requests in one loop is.
class RepeatingLoops : public RecursiveASTVisitor<RepeatingLoops> {
  using Base = RecursiveASTVisitor<RepeatingLoops>;

public:
  explicit RepeatingLoops(const ASTContext &Ctx) : Ctx(Ctx) {}
  bool shouldVisitLambdaExpressions() const { return false; }
  bool TraverseStmt(Stmt *S) {
    if (!S || !(isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<ForStmt>(S) ||
                isa<CXXForRangeStmt>(S)))
      return Base::TraverseStmt(S);
    std::optional<int64_t> Times = countedLoopTimes(S, Ctx);
    int64_t Outer = Runs.back();
    int64_t Total = Times ? timesTogether(Outer, *Times) : UnspelledCount;
    // A loop over a batch inside rounds a count repeats (`for (Round < 6)
    // for (Msg : Feed.next())`) handles a stream: each round brings new
    // input, as a set-up table's loop does not.
    bool BatchPerRound =
        Times && *Times == UnspelledCount && Outer > 1;
    if (!Times || Total > SetUpLoopLimit || BatchPerRound) {
      Loops.push_back({S->getSourceRange(), Total, /*Repeats=*/true,
                       /*Counted=*/Times.has_value()});
      return true; // everything inside repeats too
    }
    Loops.push_back({S->getSourceRange(), Total, /*Repeats=*/false,
                     /*Counted=*/true});
    Runs.push_back(Total);
    Base::TraverseStmt(S);
    Runs.pop_back();
    return true;
  }
  /// Outer loops before the loops they hold.
  std::vector<containers::FunctionLoop> Loops;

private:
  const ASTContext &Ctx;
  /// How often the body being read runs: 1 outside loops.
  SmallVector<int64_t, 4> Runs{1};
};

} // namespace

UnboundedContainer::LoopsAround
UnboundedContainer::loopsAround(const FunctionDecl *F,
                                SourceLocation Loc) const {
  auto [It, New] = FunctionLoops.try_emplace(F);
  if (New && F->getBody()) {
    RepeatingLoops Loops(*Ctx);
    Loops.TraverseStmt(F->getBody());
    It->second = std::move(Loops.Loops);
  }
  LoopsAround Around;
  for (const containers::FunctionLoop &L : It->second)
    if (within(Loc, L.Range)) {
      Around.Times = L.Times; // the innermost holds the product
      Around.Repeats = L.Repeats;
      Around.Counted = L.Counted;
    }
  return Around;
}

bool UnboundedContainer::inRepeatingLoop(const FunctionDecl *F,
                                         SourceLocation Loc) const {
  return loopsAround(F, Loc).Repeats;
}

void UnboundedContainer::recordCall(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  const SourceManager &SM = Ctx->getSourceManager();
  if (FD && !SM.isInSystemHeader(FD->getLocation())) {
    CallSites[origin(FD)].push_back(Call->getBeginLoc());
    // Not `Base::handle()`, which calls that one method.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const auto *ME = dyn_cast<MemberExpr>(
              Member->getCallee()->IgnoreParenImpCasts());
          ME && !ME->hasQualifier() && cast<CXXMethodDecl>(FD)->isVirtual())
        VirtualCallSites[origin(FD)].push_back(Call->getBeginLoc());
  }
  // `std::call_once(flag, loadTable)`: call_once calls the function it is
  // handed, there.
  if (isStdFunction(FD, {"call_once"}))
    for (const Expr *Arg : llvm::drop_begin(Call->arguments())) {
      const Expr *E = Arg->IgnoreParenImpCasts();
      if (const auto *AddressOf = dyn_cast<UnaryOperator>(E);
          AddressOf && AddressOf->getOpcode() == UO_AddrOf)
        E = AddressOf->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
        if (const auto *Handed = dyn_cast<FunctionDecl>(Ref->getDecl());
            Handed && !SM.isInSystemHeader(Handed->getLocation()))
          CallSites[origin(Handed)].push_back(Ref->getBeginLoc());
    }
}

SmallVector<SourceLocation, 4>
UnboundedContainer::callSitesOf(const FunctionDecl *F) const {
  F = origin(F);
  SmallVector<SourceLocation, 4> Sites;
  if (auto It = CallSites.find(F); It != CallSites.end())
    Sites.append(It->second.begin(), It->second.end());
  const auto *M = dyn_cast<CXXMethodDecl>(F);
  if (!M || !M->isVirtual())
    return Sites;
  SmallVector<const CXXMethodDecl *, 4> Work(M->overridden_methods());
  llvm::SmallPtrSet<const CXXMethodDecl *, 4> Seen;
  while (!Work.empty()) {
    const CXXMethodDecl *Base = Work.pop_back_val();
    if (!Seen.insert(Base).second)
      continue;
    if (auto It = VirtualCallSites.find(origin(Base));
        It != VirtualCallSites.end())
      Sites.append(It->second.begin(), It->second.end());
    Work.append(Base->overridden_methods().begin(),
                Base->overridden_methods().end());
  }
  return Sites;
}

const FunctionRanges &UnboundedContainer::functionRanges() const {
  if (!Ranges)
    Ranges.emplace(Functions, Ctx->getSourceManager());
  return *Ranges;
}

const FunctionDecl *UnboundedContainer::functionAt(SourceLocation Loc) const {
  return functionRanges().innermostAt(Loc);
}

namespace {

bool holds(const Stmt *Body, const Stmt *S) {
  if (Body == S)
    return true;
  if (!Body || isa<LambdaExpr>(Body))
    return false; // Its body is a function of its own.
  return llvm::any_of(Body->children(),
                      [&](const Stmt *Child) { return holds(Child, S); });
}

} // namespace

const FunctionDecl *UnboundedContainer::functionHolding(const Stmt *S) const {
  return functionRanges().findAt(S->getBeginLoc(), [&](const FunctionDecl *F) {
    return holds(F->getBody(), S);
  });
}

} // namespace leaklint
