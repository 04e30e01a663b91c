//===--- FiniteValues.cpp - Values from a set the program text fixes ------===//
#include "code/FiniteValues.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "code/Guards.h"
#include "code/LibraryFunctions.h"
#include "code/Loops.h"
#include "code/Mentions.h"
#include "code/Returns.h"
#include "code/SkippedBodies.h"
#include "code/Temporaries.h"
#include "code/UncalledFunctions.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 6;
constexpr int64_t MaxValues = FewValuesLimit;

const Expr *refersTo(const Expr *E, const ValueDecl *V) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Ref && Ref->getDecl() == V ? Ref : nullptr;
}

// The local variable at the root of a chain of stream extractions:
// `In` of `In >> A >> B`.
const VarDecl *extractedFrom(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(Ref->getDecl());
    const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
    if (!Op || Op->getOperator() != OO_GreaterGreater || Op->getNumArgs() != 2)
      return nullptr;
    E = Op->getArg(0);
  }
  return nullptr;
}

// `In >> V`, at any place of a chain.
bool isExtraction(const CallExpr *Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  return Op && Op->getOperator() == OO_GreaterGreater &&
         Op->getNumArgs() == 2 && extractedFrom(Op->getArg(0));
}

// Does \p Body change \p V, or let something else change it? With
// \p Extractions, a stream extraction into \p V (`In >> V`) or out of it
// is no write: the streams it reads from are collected instead.
class Writes : public RecursiveASTVisitor<Writes> {
public:
  explicit Writes(const VarDecl *V,
                  llvm::SmallPtrSetImpl<const VarDecl *> *Extractions = nullptr)
      : V(V), Extractions(Extractions) {}
  bool VisitBinaryOperator(BinaryOperator *B) {
    Found |= B->isAssignmentOp() && refersTo(B->getLHS(), V);
    return !Found;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    Found |= (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
             refersTo(U->getSubExpr(), V);
    return !Found;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    Found |= M && !M->isConst() && refersTo(Call->getImplicitObjectArgument(), V);
    return !Found;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (Extractions && isExtraction(Call)) {
      if (refersTo(Call->getArg(1), V))
        Extractions->insert(extractedFrom(Call->getArg(0)));
      if (extractedFrom(Call->getArg(0)) == V || refersTo(Call->getArg(1), V))
        return true;
    }
    // The library's containers copy what their forwarding members
    // (emplace, try_emplace) are handed; only swap writes it.
    if (isStdMemberKeepingArguments(F) && !isa<CXXOperatorCallExpr>(Call))
      return true;
    unsigned First = 0;
    // A member operator's first argument is the object it runs on.
    if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(F);
        M && isa<CXXOperatorCallExpr>(Call)) {
      First = 1;
      Found |= Call->getNumArgs() > 0 && refersTo(Call->getArg(0), V) &&
               !M->isConst();
    }
    for (unsigned I = First; I < Call->getNumArgs(); ++I)
      Found |= refersTo(Call->getArg(I), V) &&
               (!F || I - First >= F->getNumParams() ||
                mutableParam(F->getParamDecl(I - First)->getType()));
    return !Found;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *C = Construct->getConstructor();
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      Found |= refersTo(Construct->getArg(I), V) &&
               (!C || I >= C->getNumParams() ||
                mutableParam(C->getParamDecl(I)->getType()));
    return !Found;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    // A reference to a const variable changes nothing.
    for (const LambdaCapture &C : L->captures())
      Found |= C.capturesVariable() && C.getCaptureKind() == LCK_ByRef &&
               C.getCapturedVar() == V &&
               !V->getType().getNonReferenceType().isConstQualified();
    return !Found;
  }

  bool Found = false;

private:
  static bool mutableParam(QualType T) {
    return (T->isLValueReferenceType() &&
            !T->getPointeeType().isConstQualified()) ||
           T->isRValueReferenceType();
  }
  const VarDecl *V;
  llvm::SmallPtrSetImpl<const VarDecl *> *Extractions;
};

// A string stream of the standard library: what it yields, it reads from
// the text it was made with.
bool isStringStream(QualType T) {
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         llvm::is_contained({"basic_istringstream", "basic_stringstream"},
                            RD->getName());
}


// How \p E strips to the expression whose values it takes.
const Expr *valueOf(const Expr *E) {
  while (true) {
    E = ignoreTemporaries(E);
    const auto *Default = dyn_cast<CXXDefaultArgExpr>(E);
    if (!Default)
      return E;
    E = Default->getExpr();
  }
}

std::optional<int64_t> integerConstant(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent() || E->containsErrors() ||
      !E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx) || R.Val.getInt().getSignificantBits() > 63)
    return std::nullopt;
  return R.Val.getInt().getExtValue();
}

// The interval the conditions guarding \p Use confine \p V to, as [Lo, Hi].
void confine(const Expr *Cond, bool WhenTrue, const ValueDecl *V,
             const ASTContext &Ctx, std::optional<int64_t> &Lo,
             std::optional<int64_t> &Hi) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot)
    return confine(Not->getSubExpr(), !WhenTrue, V, Ctx, Lo, Hi);
  const auto *B = dyn_cast<BinaryOperator>(Cond);
  if (!B)
    return;
  if ((B->getOpcode() == BO_LAnd && WhenTrue) ||
      (B->getOpcode() == BO_LOr && !WhenTrue)) {
    confine(B->getLHS(), WhenTrue, V, Ctx, Lo, Hi);
    confine(B->getRHS(), WhenTrue, V, Ctx, Lo, Hi);
    return;
  }
  if (!B->isComparisonOp())
    return;
  // As `V Op C`, where the guarded code runs.
  BinaryOperatorKind Op = B->getOpcode();
  const Expr *Other = B->getRHS();
  if (!refersTo(B->getLHS(), V)) {
    if (!refersTo(B->getRHS(), V))
      return;
    Other = B->getLHS();
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  if (!WhenTrue)
    Op = BinaryOperator::negateComparisonOp(Op);
  std::optional<int64_t> C = integerConstant(Other, Ctx);
  if (!C)
    return;
  auto Raise = [&](int64_t L) { Lo = Lo ? std::max(*Lo, L) : L; };
  auto Lower = [&](int64_t H) { Hi = Hi ? std::min(*Hi, H) : H; };
  switch (Op) {
  case BO_LT: Lower(*C - 1); break;
  case BO_LE: Lower(*C); break;
  case BO_GT: Raise(*C + 1); break;
  case BO_GE: Raise(*C); break;
  case BO_EQ: Raise(*C); Lower(*C); break;
  default: break;
  }
}

// Does \p Body use the array \p V other than by reading an element
// (`Names[I]` as a value)? An element assigned, its address taken, the array
// handed to a function or iterated over, all count.
class ArrayUses : public RecursiveASTVisitor<ArrayUses> {
public:
  explicit ArrayUses(const VarDecl *V) : V(V) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Uses += Ref->getDecl() == V;
    return true;
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *Cast) {
    if (Cast->getCastKind() == CK_LValueToRValue)
      if (const auto *Element =
              dyn_cast<ArraySubscriptExpr>(Cast->getSubExpr()->IgnoreParens()))
        ElementReads += refersTo(Element->getBase(), V) != nullptr;
    return true;
  }
  unsigned Uses = 0, ElementReads = 0;

private:
  const VarDecl *V;
};

} // namespace

bool FiniteValues::writtenIn(const VarDecl *V, const Stmt *Body) {
  if (!Body)
    return true;
  Writes W(V);
  W.TraverseStmt(const_cast<Stmt *>(Body));
  return W.Found;
}

bool FiniteValues::finiteExtracted(const VarDecl *V, const Stmt *Body,
                                   unsigned Depth) {
  // `std::istringstream In(Line); std::string Verb, Key; In >> Verb >> Key;`
  // with `Line` one of finitely many texts: `Key` is one of their words.
  if (!V->isLocalVarDecl() || V->isStaticLocal() ||
      V->getType()->isReferenceType() || !Body)
    return false;
  llvm::SmallPtrSet<const VarDecl *, 2> Streams;
  Writes W(V, &Streams);
  W.TraverseStmt(const_cast<Stmt *>(Body));
  if (W.Found || Streams.size() != 1)
    return false;
  const VarDecl *Stream = *Streams.begin();
  if (!Stream->isLocalVarDecl() || Stream->isStaticLocal() ||
      !isStringStream(Stream->getType()) || !Stream->getInit())
    return false;
  // The stream is only read from, by extractions.
  Writes StreamWrites(Stream, &Streams);
  StreamWrites.TraverseStmt(const_cast<Stmt *>(Body));
  return !StreamWrites.Found && finite(V->getInit(), Depth) &&
         finite(Stream->getInit(), Depth);
}

bool FiniteValues::isFinite(const Expr *E, ASTContext &Ctx) {
  this->Ctx = &Ctx;
  return E && finite(E, 0);
}

bool FiniteValues::finite(const Expr *E, unsigned Depth) {
  return values(E, Depth) != 0;
}

namespace {
// Counts of distinct values, saturating: 0 stands for "more than few".
uint64_t product(uint64_t A, uint64_t B) {
  if (A == 0 || B == 0 || A > uint64_t(MaxValues) ||
      B > uint64_t(MaxValues) || A * B > uint64_t(MaxValues))
    return 0;
  return A * B;
}
uint64_t sum(uint64_t A, uint64_t B) {
  if (A == 0 || B == 0 || A + B > uint64_t(MaxValues))
    return 0;
  return A + B;
}
// A fact the text states without a count (a literal, a parameter every
// call gives a fixed value) counts once.
uint64_t once(bool Finite) { return Finite ? 1 : 0; }
} // namespace

uint64_t FiniteValues::productOf(llvm::ArrayRef<const Expr *> Parts,
                                 unsigned Depth) {
  uint64_t Result = 1;
  for (const Expr *Part : Parts)
    if (!(Result = product(Result, values(Part, Depth))))
      return 0;
  return Result;
}

uint64_t FiniteValues::elementValues(const Expr *Range, unsigned Depth) {
  // One element of a braced list: as many values as the elements have
  // together.
  const Expr *E = Range->IgnoreParenImpCasts();
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    E = List->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Temporary->getSubExpr()->IgnoreParenImpCasts();
  const auto *List = dyn_cast<InitListExpr>(E);
  if (!List)
    return values(Range, Depth);
  uint64_t Result = 1;
  for (unsigned I = 0; I < List->getNumInits(); ++I)
    if (!(Result = I == 0 ? values(List->getInit(I), Depth)
                          : sum(Result, values(List->getInit(I), Depth))))
      return 0;
  return Result;
}

uint64_t FiniteValues::values(const Expr *E, unsigned Depth) {
  if (Depth > MaxDepth || E->isValueDependent() || E->isTypeDependent() ||
      E->containsErrors())
    return 0;
  // A type with few values, or an explicit conversion to one.
  QualType T = E->getType().getNonReferenceType().getCanonicalType();
  auto FewValues = [&](QualType T) -> uint64_t {
    if (T->isBooleanType())
      return 2;
    if (const auto *Enum = T->getAs<EnumType>()) {
      const EnumDecl *D = Enum->getDecl()->getDefinition();
      uint64_t N = D ? std::distance(D->enumerator_begin(),
                                     D->enumerator_end())
                     : 0;
      return std::max<uint64_t>(N, 1);
    }
    if (T->isIntegerType() && Ctx->getIntWidth(T) <= 16)
      return uint64_t(1) << Ctx->getIntWidth(T);
    return 0;
  };
  if (uint64_t N = FewValues(T))
    return N;
  E = valueOf(E);
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
    if (uint64_t N = FewValues(Cast->getType().getCanonicalType()))
      return N;
    return values(Cast->getSubExpr(), Depth);
  }
  if (isa<StringLiteral, IntegerLiteral, CharacterLiteral, FloatingLiteral,
          CXXBoolLiteralExpr, CXXNullPtrLiteralExpr, PredefinedExpr,
          SourceLocExpr, UnaryExprOrTypeTraitExpr>(E))
    return 1;
  if (integerConstant(E, *Ctx))
    return 1;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = Ref->getDecl();
    if (isa<EnumConstantDecl>(D))
      return 1;
    if (const auto *P = dyn_cast<ParmVarDecl>(D))
      return once(P == RangeElement || finiteParameter(P, Ref, Depth));
    const auto *V = dyn_cast<VarDecl>(D);
    if (!V || !V->getInit())
      return 0;
    if (V->isConstexpr())
      return 1;
    // `for (const char *M : kKnownMethods) if (Raw == M) return M;`: an
    // element of a fixed range, when the loop does not change it.
    if (const CXXForRangeStmt *Loop = loopOver(V))
      return writtenIn(V, Loop->getBody())
                 ? 0
                 : elementValues(Loop->getRangeInit(), Depth + 1);
    // A constant, a reference (never reseated), or a local nothing writes.
    const auto *Around = dyn_cast_or_null<FunctionDecl>(
        V->getParentFunctionOrMethod());
    bool Fixed = V->getType().isConstQualified() ||
                 (V->getType()->isReferenceType() && Around) ||
                 (V->isLocalVarDecl() && !V->isStaticLocal() && Around &&
                  !writtenIn(V, Around->getBody()));
    if (Fixed)
      return values(V->getInit(), Depth + 1);
    return once(Around && finiteExtracted(V, Around->getBody(), Depth + 1));
  }
  // `Symbols[Seq % 4]` of `const char *Symbols[] = {"AAPL", "MSFT"}`: an
  // element of an array of fixed values that nothing changes.
  if (const auto *Element = dyn_cast<ArraySubscriptExpr>(E)) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Element->getBase()->IgnoreParenImpCasts());
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!V || !V->getInit() || !V->getType()->isArrayType())
      return 0;
    const auto *Around =
        dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
    bool Fixed = V->isConstexpr() ||
                 Ctx->getBaseElementType(V->getType()).isConstQualified();
    // A local array, static or not, is named only in its function: when
    // every use there reads an element, nothing changes one.
    if (!Fixed && V->isLocalVarDecl() && Around && Around->getBody()) {
      ArrayUses Uses(V);
      Uses.TraverseStmt(Around->getBody());
      Fixed = Uses.Uses == Uses.ElementReads;
    }
    return Fixed ? elementValues(V->getInit(), Depth + 1) : 0;
  }
  if (const auto *C = dyn_cast<AbstractConditionalOperator>(E))
    return sum(values(C->getTrueExpr(), Depth),
               values(C->getFalseExpr(), Depth));
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->getOpcode() == BO_Comma)
      return values(B->getRHS(), Depth);
    if (!B->getType()->isIntegerType())
      return 0;
    // `h % 64`, `h & 0xff`: few values whatever `h` is.
    std::optional<int64_t> R = integerConstant(B->getRHS(), *Ctx);
    std::optional<int64_t> L = integerConstant(B->getLHS(), *Ctx);
    if (B->getOpcode() == BO_Rem && R && *R != 0 && std::abs(*R) <= MaxValues)
      return 2 * std::abs(*R) - 1; // a negative `h` gives negative rests
    if (B->getOpcode() == BO_And && R && *R >= 0 && *R < MaxValues)
      return *R + 1;
    if (B->getOpcode() == BO_And && L && *L >= 0 && *L < MaxValues)
      return *L + 1;
    return productOf({B->getLHS(), B->getRHS()}, Depth);
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return llvm::is_contained({UO_Minus, UO_Plus, UO_Not, UO_LNot},
                              U->getOpcode())
               ? values(U->getSubExpr(), Depth)
               : 0;
  // `std::set<std::string> Names = {"a", "b"}`: the list's elements.
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    return values(List->getSubExpr(), Depth);
  // An object built from fixed values only: std::string("requests"); its
  // parts vary together, so their counts multiply.
  if (const auto *Init = dyn_cast<InitListExpr>(E))
    return productOf(Init->inits(), Depth);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return productOf({Construct->getArgs(), Construct->getNumArgs()}, Depth);
  // `prefix + "total"` over fixed strings; a user-defined literal.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() != OO_Plus)
      return 0;
    return productOf({Op->getArgs(), Op->getNumArgs()}, Depth);
  }
  if (const auto *Literal = dyn_cast<UserDefinedLiteral>(E))
    return productOf({Literal->getArgs(), Literal->getNumArgs()}, Depth);
  // A field that only constructors set, each to finitely many values.
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      return once(finiteField(Field, Depth + 1) ||
                  finiteOpenField(Field, Depth + 1));
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *F = Call->getDirectCallee();
    // `std::clamp(Size, 8, 72)`: confined to the constant bounds.
    if (isStdFunction(F, {"clamp"}) && Call->getNumArgs() == 3) {
      std::optional<int64_t> Lo = integerConstant(valueOf(Call->getArg(1)), *Ctx);
      std::optional<int64_t> Hi = integerConstant(valueOf(Call->getArg(2)), *Ctx);
      return Lo && Hi && *Hi >= *Lo && *Hi - *Lo < MaxValues ? *Hi - *Lo + 1
                                                            : 0;
    }
    if (!F || isa<CXXMethodDecl>(F))
      return 0;
    // std::to_string of a fixed number is a fixed string; a pair or tuple
    // of fixed parts is fixed.
    if (isStdFunction(F, {"to_string", "make_pair", "make_tuple"}))
      return productOf({Call->getArgs(), Call->getNumArgs()}, Depth);
    return once(finiteReturns(F, Depth + 1));
  }
  return 0;
}

const CXXForRangeStmt *FiniteValues::loopOver(const VarDecl *V) const {
  return rangeLoopOf(V);
}

bool FiniteValues::finiteField(const FieldDecl *Field, unsigned Depth) {
  // Only the class can write a private field (no friends): its constructors
  // and its non-const methods, all of whose bodies must be here.
  const CXXRecordDecl *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (Depth > MaxDepth || !RD || Field->getAccess() != AS_private ||
      Field->isMutable() || RD->hasFriends() || RD->isDependentContext())
    return false;
  auto [It, New] = Verdicts.try_emplace(Field, false);
  if (!New)
    return It->second;
  auto Result = [&]() {
    bool SomeConstructor = false;
    for (const Decl *Member : RD->decls()) {
      const auto *M = dyn_cast<CXXMethodDecl>(Member);
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Member))
        M = dyn_cast<CXXMethodDecl>(Template->getTemplatedDecl());
      if (!M || M->isImplicit() || M->isDeleted() || M->isDefaulted() ||
          M->isConst() ||
          isa<CXXDestructorDecl>(M))
        continue;
      const FunctionDecl *Def = nullptr;
      if (!M->hasBody(Def) || !Def->getBody())
        return false;
      const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def);
      if (!Ctor) {
        // A method that assigns or hands out the field may change it.
        if (mentions(Def->getBody(), Field))
          return false;
        continue;
      }
      SomeConstructor = true;
      const Expr *Init = Field->getInClassInitializer();
      for (const CXXCtorInitializer *I : Ctor->inits())
        if (I->getMember() == Field)
          Init = I->getInit();
      if (!Init || !finite(Init, Depth) ||
          (Ctor->getBody() && mentions(Ctor->getBody(), Field)))
        return false;
    }
    return SomeConstructor;
  }();
  Verdicts[Field] = Result;
  return Result;
}

// A name some template leaves unresolved may be a call the index misses.
// Not when the one function spelling it is a template pattern of the main
// file (not a generic lambda): its instantiations are read, with their
// calls resolved, and an uninstantiated pattern never runs.
static bool spelledInOpenCode(const FunctionUses &Index, StringRef Name) {
  auto Spelled = Index.Spellings.find(Name);
  if (Spelled == Index.Spellings.end())
    return false;
  const FunctionDecl *In = Spelled->second;
  if (!In || !In->isDependentContext())
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(In);
      Method && Method->getParent()->isLambda())
    return true;
  const SourceManager &SM = In->getASTContext().getSourceManager();
  return !SM.isInMainFile(SM.getExpansionLoc(In->getLocation()));
}

// A function of a program's main file that no header declares: another TU
// could call it only by declaring it by hand. That may leave a caller
// unseen, which here can only keep a container quiet, never make one warn.
static bool declaredHereOnly(const FunctionDecl *F) {
  const SourceManager &SM = F->getASTContext().getSourceManager();
  return !isa<CXXMethodDecl>(F) &&
         llvm::all_of(F->redecls(), [&](const FunctionDecl *R) {
           return SM.isInMainFile(SM.getExpansionLoc(R->getLocation()));
         });
}

bool FiniteValues::finiteParameter(const ParmVarDecl *P, const Expr *Use,
                                   unsigned Depth) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(P->getDeclContext());
  if (!F || !F->getBody() || writtenIn(P, F->getBody()))
    return false;
  SmallVector<Guard, 4> Guards =
      guardsOf(Use, F->getBody()).value_or(SmallVector<Guard, 4>());
  // Confined to a small interval where it is used.
  if (P->getType()->isIntegerType()) {
    std::optional<int64_t> Lo, Hi;
    if (P->getType()->isUnsignedIntegerType())
      Lo = 0;
    for (const Guard &G : Guards)
      confine(G.Cond, G.WhenTrue, P, *Ctx, Lo, Hi);
    if (Lo && Hi && *Hi >= *Lo && *Hi - *Lo < MaxValues)
      return true;
  }
  // Let through only when it equals a listed value (FiniteMembership.cpp).
  for (const Guard &G : Guards)
    if (admits(G.Cond, G.WhenTrue, P, Depth))
      return true;
  // Every caller passes fixed values.
  if (!(UncalledFunctions::onlyThisTUCanCall(F) ||
        (declaredHereOnly(F) && Functions.definesMain(*Ctx))) ||
      isPartialTraversal(*Ctx))
    return false;
  auto [It, New] = Verdicts.try_emplace(P, false);
  if (!New)
    return It->second;
  const FunctionUses &Index = Functions.uses(*Ctx);
  const FunctionDecl *Origin = FunctionUses::origin(F);
  auto Found = Index.Calls.find(Origin);
  if (Found == Index.Calls.end() || Index.Escaped.contains(Origin) ||
      spelledInOpenCode(Index, F->getName()))
    return false;
  unsigned I = P->getFunctionScopeIndex();
  bool Result = llvm::all_of(Found->second, [&](const CallExpr *Call) {
    const Expr *Arg =
        I < Call->getNumArgs() ? Call->getArg(I) : P->getDefaultArg();
    return Arg && finite(Arg, Depth + 1);
  });
  Verdicts[P] = Result;
  return Result;
}

bool FiniteValues::finiteReturns(const FunctionDecl *F, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (Depth > MaxDepth || !F->hasBody(Def) || !Def->getBody() ||
      Ctx->getSourceManager().isInSystemHeader(Def->getLocation()))
    return false;
  auto [It, New] = Verdicts.try_emplace(Def, false);
  if (!New)
    return It->second;
  SmallVector<const ReturnStmt *, 4> Found = returnsOf(Def->getBody());
  bool Result = !Found.empty() &&
                llvm::all_of(Found, [&](const ReturnStmt *Ret) {
                  return Ret->getRetValue() &&
                         finite(Ret->getRetValue(), Depth);
                });
  Verdicts[Def] = Result;
  return Result;
}

} // namespace leaklint
