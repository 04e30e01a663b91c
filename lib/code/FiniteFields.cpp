//===--- FiniteFields.cpp - Open fields every write of which is fixed -----===//
//
// A message struct's field that every piece of code sets from a fixed
// table:
//
//   struct Envelope { std::string channel; std::string body; };
//   Envelope make(uint64_t N) {
//     static const char *Channels[] = {"#general", "#random"};
//     Envelope E;
//     E.channel = Channels[N % 2];
//     ...
//   }
//   void route(const Envelope &E) { Channels[E.channel].deliver(E); }
//
// takes as few values as the table has, wherever it is read. A field
// anyone may write is read so only when every write is in this translation
// unit (the struct is defined in the main file, so no other file can name
// it), some code here gives it a value, and each write gives finitely many
// values: its default, the constructors' initialisers, assignments, and
// the values lists give it (`Envelope{c, b}`). A write whose value the
// code does not show (`+=`, a non-const method, a non-const reference or
// pointer to the field) makes it open.
//
//===----------------------------------------------------------------------===//
#include "code/AggregateInits.h"
#include "code/FiniteValues.h"
#include "code/LibraryFunctions.h"
#include "code/Temporaries.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace leaklint {
namespace {

const FieldDecl *fieldOf(const Expr *E) {
  const auto *Member =
      dyn_cast_or_null<MemberExpr>(E ? ignoreTemporaries(E) : nullptr);
  return Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
}

// Whether \p Value is \p Field of some object, copied or moved.
bool sameFieldOf(const Expr *Value, const FieldDecl *Field) {
  Value = ignoreTemporaries(Value);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    Value = ignoreTemporaries(Construct->getArg(0));
  if (const auto *Call = dyn_cast<CallExpr>(Value);
      Call && Call->getNumArgs() == 1 &&
      isStdFunction(Call->getDirectCallee(), {"move"}))
    Value = ignoreTemporaries(Call->getArg(0));
  const FieldDecl *Copied = fieldOf(Value);
  return Copied &&
         Copied->getCanonicalDecl() == Field->getCanonicalDecl();
}

// Every write of the fields of the main file's records, in the main file's
// code: the value written, or null where the code does not show it.
class FieldWritesInFile : public RecursiveASTVisitor<FieldWritesInFile> {
public:
  using Values = llvm::DenseMap<const FieldDecl *,
                                llvm::SmallVector<const Expr *, 2>>;
  explicit FieldWritesInFile(Values &Out) : Out(Out) {}
  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (const FieldDecl *F = B->isAssignmentOp() ? fieldOf(B->getLHS())
                                                 : nullptr)
      add(F, B->getOpcode() == BO_Assign ? B->getRHS() : nullptr);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      if (const FieldDecl *F = fieldOf(U->getSubExpr()))
        add(F, nullptr);
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (const FieldDecl *F = fieldOf(Call->getImplicitObjectArgument());
        F && M && !M->isConst())
      add(F, nullptr);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    unsigned First = 0;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && isa_and_nonnull<CXXMethodDecl>(Callee) && Op->getNumArgs()) {
      First = 1;
      const auto *M = cast<CXXMethodDecl>(Callee);
      if (const FieldDecl *F = fieldOf(Op->getArg(0)); F && !M->isConst())
        add(F, Op->getOperator() == OO_Equal && Op->getNumArgs() == 2
                   ? Op->getArg(1)
                   : nullptr);
    }
    // A field handed to a non-const reference or pointer may be written.
    for (unsigned I = First; I < Call->getNumArgs(); ++I) {
      const FieldDecl *F = fieldOf(Call->getArg(I));
      if (!F)
        continue;
      unsigned Param = I - First;
      const ParmVarDecl *P = Callee && Param < Callee->getNumParams()
                                 ? Callee->getParamDecl(Param)
                                 : nullptr;
      if (!P || (P->getType()->isReferenceType() &&
                 !P->getType()->getPointeeType().isConstQualified()))
        add(F, nullptr);
    }
    return true;
  }
  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getType()->isReferenceType() &&
        !Var->getType()->getPointeeType().isConstQualified())
      if (const FieldDecl *F = fieldOf(Var->getInit()))
        add(F, nullptr);
    return true;
  }
  bool VisitInitListExpr(InitListExpr *List) {
    // The visitor meets a list's syntactic and semantic forms both.
    if (const InitListExpr *Semantic =
            List->isSemanticForm() ? List : List->getSemanticForm();
        Semantic && Lists.insert(Semantic).second)
      listed(Semantic);
    return true;
  }
  bool VisitCXXParenListInitExpr(CXXParenListInitExpr *List) {
    listed(List);
    return true;
  }
  bool VisitCXXConstructorDecl(CXXConstructorDecl *Ctor) {
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (const FieldDecl *F = Init->getMember(); F && Init->isWritten())
        add(F, Init->getInit());
    return true;
  }

private:
  void listed(const Expr *List) {
    for (const auto &[F, Value] : aggregateFieldInits(List))
      add(F, Value);
  }
  void add(const FieldDecl *F, const Expr *Value) {
    // A field a list leaves out keeps its default, weighed on its own.
    if (Value && (isa<CXXDefaultInitExpr>(Value->IgnoreImplicit()) ||
                  isa<ImplicitValueInitExpr>(Value->IgnoreImplicit())))
      return;
    Out[F->getCanonicalDecl()].push_back(Value);
  }
  Values &Out;
  llvm::SmallPtrSet<const InitListExpr *, 8> Lists;
};

} // namespace

bool FiniteValues::finiteOpenField(const FieldDecl *Field, unsigned Depth) {
  const SourceManager &SM = Ctx->getSourceManager();
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  // Since C++20 the library's forwarding functions (`make_shared<T>(a, b)`,
  // `emplace_back(a, b)`) list an aggregate's values in its own headers,
  // out of this walk's sight.
  if (!RD || RD->isUnion() || RD->isDependentContext() || Field->isMutable() ||
      !SM.isInMainFile(SM.getExpansionLoc(RD->getLocation())) ||
      (Ctx->getLangOpts().CPlusPlus20 && RD->isAggregate()))
    return false;
  if (!OpenFieldWrites) {
    OpenFieldWrites.emplace();
    FieldWritesInFile Walk(*OpenFieldWrites);
    for (Decl *D : Ctx->getTranslationUnitDecl()->decls())
      if (SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
        Walk.TraverseDecl(D);
  }
  auto [It, New] = OpenFieldVerdicts.try_emplace(Field, false);
  if (!New)
    return It->second;
  // A field nothing here writes gets its values where this TU cannot see
  // (objects made by code elsewhere): no bound is known.
  auto Writes = OpenFieldWrites->find(Field->getCanonicalDecl());
  bool Result = Writes != OpenFieldWrites->end();
  if (const Expr *Default = Field->getInClassInitializer(); Result && Default)
    Result = finite(Default, Depth);
  // `Envelope{To.Channel, "ack"}` copies a value the field already has.
  if (Result)
    Result = llvm::all_of(Writes->second, [&](const Expr *Value) {
      return Value && (sameFieldOf(Value, Field) || finite(Value, Depth));
    });
  OpenFieldVerdicts[Field] = Result;
  return Result;
}

} // namespace leaklint
