//===--- WeakPtrRewrite.cpp - Turn a shared_ptr field into a weak_ptr -----===//
#include "WeakPtrRewrite.h"
#include "Compat.h"
#include "Finding.h"
#include "edits/SourceEdits.h"
#include "ownership/OwnershipGraph.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace leaklint {
namespace {

// Visits the main file's code with a stack of parents, and rewrites each
// use of the fields according to the expression around it.
class UseRewriter : public RecursiveASTVisitor<UseRewriter> {
public:
  struct State {
    SmallVector<FixItHint, 8> Fixes;
    std::string WhyNot;
  };

  UseRewriter(llvm::DenseMap<const FieldDecl *, State> &Fields, ASTContext &Ctx)
      : Fields(Fields), Ctx(Ctx), SM(Ctx.getSourceManager()) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    if (!S)
      return true;
    Parents.push_back(S);
    bool Result = RecursiveASTVisitor::TraverseStmt(S, nullptr);
    Parents.pop_back();
    return Result;
  }

  // Uses the rewrite cannot see or spell: in templates (dependent member
  // access), as a pointer to member or in decltype, through a structured
  // binding, or an aggregate initialised with nullptr.
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->getMember().isIdentifier())
      for (auto &[Field, St] : Fields)
        if (Field->getName() == E->getMember().getAsString())
          failFor(Field, "a template uses a member of its name");
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (const auto *Field = dyn_cast<FieldDecl>(E->getDecl()))
      failFor(Field->getCanonicalDecl(),
              "it is named as a member pointer or in an unevaluated context");
    return true;
  }
  bool VisitDecompositionDecl(DecompositionDecl *D) {
    const CXXRecordDecl *RD =
        D->getType().getNonReferenceType()->getAsCXXRecordDecl();
    for (auto &[Field, St] : Fields)
      if (RD && declaresSameEntity(RD, Field->getParent()))
        failFor(Field, "a structured binding takes it apart");
    return true;
  }
  bool VisitInitListExpr(InitListExpr *E) {
    const CXXRecordDecl *RD = E->getType()->getAsCXXRecordDecl();
    if (!RD)
      return true;
    for (auto &[Field, St] : Fields)
      if (declaresSameEntity(RD, Field->getParent()) &&
          Field->getFieldIndex() < E->getNumInits() &&
          isNull(E->getInit(Field->getFieldIndex()), Ctx))
        failFor(Field, "it is initialised from nullptr");
    return true;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    // A weak_ptr is made from a shared_ptr, not from nullptr.
    if (Init->isMemberInitializer() && Init->getInit() &&
        Fields.count(Init->getMember()->getCanonicalDecl()) &&
        isNull(Init->getInit(), Ctx))
      failFor(Init->getMember()->getCanonicalDecl(),
              "it is initialised from nullptr");
    return RecursiveASTVisitor::TraverseConstructorInitializer(Init);
  }

  bool VisitMemberExpr(MemberExpr *E) {
    const auto *Field = dyn_cast<FieldDecl>(E->getMemberDecl());
    auto It = Field ? Fields.find(Field->getCanonicalDecl()) : Fields.end();
    if (It != Fields.end() && It->second.WhyNot.empty()) {
      Current = &It->second;
      rewrite(E);
    }
    return true;
  }

  void failFor(const FieldDecl *Field, StringRef Why) {
    auto It = Fields.find(Field->getCanonicalDecl());
    if (It != Fields.end() && It->second.WhyNot.empty())
      It->second.WhyNot = Why.str();
  }

private:
  // The parent of the expression at Parents[Index], past implicit casts and
  // parentheses.
  const Stmt *parentOf(unsigned &Index) const {
    while (Index > 0) {
      --Index;
      const Stmt *P = Parents[Index];
      if (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
              CXXBindTemporaryExpr>(P))
        continue;
      return P;
    }
    return nullptr;
  }

  SourceLocation endOf(const Expr *E) const {
    return Lexer::getLocForEndOfToken(E->getEndLoc(), 0, SM, Ctx.getLangOpts());
  }

  void fail(StringRef Why) {
    if (Current->WhyNot.empty())
      Current->WhyNot = Why.str();
  }

  void insertLock(const Expr *Use) {
    Current->Fixes.push_back(FixItHint::CreateInsertion(endOf(Use), ".lock()"));
  }

  void replace(SourceRange R, StringRef Text) {
    if (!isEditable(R, SM))
      return fail("a use of it is inside a macro");
    Current->Fixes.push_back(
        FixItHint::CreateReplacement(CharSourceRange::getTokenRange(R), Text));
  }

  // `nullptr`, `NULL` or `0`, also as the shared_ptr it is converted to.
  static bool isNull(const Expr *E, ASTContext &Ctx) {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = E->IgnoreImplicit()->IgnoreParens();
      if (!E->isValueDependent() &&
          E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        return true;
      const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      if (!Construct || Construct->getNumArgs() != 1)
        return false;
      E = Construct->getArg(0);
    }
    return false;
  }

  void rewrite(const MemberExpr *Use) {
    if (!isEditable(Use->getSourceRange(), SM))
      return fail("a use of it is inside a macro");
    std::optional<StringRef> Text = sourceText(Use->getSourceRange(), Ctx);
    if (!Text)
      return fail("a use of it is inside a macro");
    unsigned Index = Parents.size() - 1;
    const Stmt *Parent = parentOf(Index);
    if (!Parent)
      return fail("a use of it cannot be rewritten");

    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent)) {
      bool First =
          Op->getNumArgs() > 0 && Op->getArg(0)->IgnoreParenImpCasts() == Use;
      switch (Op->getOperator()) {
      case OO_Arrow:
      case OO_Star:
        return insertLock(Use);
      case OO_Equal:
        if (!First)
          return insertLock(Use);
        if (isNull(Op->getArg(1), Ctx))
          return replace(Op->getSourceRange(), (*Text + ".reset()").str());
        return; // weak_ptr = shared_ptr works as is.
      case OO_EqualEqual:
      case OO_ExclaimEqual: {
        const Expr *Other = Op->getArg(First ? 1 : 0);
        if (isNull(Other, Ctx))
          return replace(Op->getSourceRange(),
                         ((Op->getOperator() == OO_EqualEqual ? "" : "!") +
                          *Text + ".expired()")
                             .str());
        return insertLock(Use);
      }
      default:
        return insertLock(Use);
      }
    }

    // p.get(), p.reset(), p.use_count(), and the contextual conversion to
    // bool, which is a call of `operator bool` on p.
    if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
      unsigned CallIndex = Index;
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(parentOf(CallIndex));
      const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
      if (!Call || !Method)
        return fail("a use of it cannot be rewritten");
      if (isa<CXXConversionDecl>(Method)) {
        // `p.operator bool()` spelled out: leave it to people.
        if (std::optional<StringRef> Name =
                sourceText(SourceRange(Member->getMemberLoc()), Ctx);
            Name && *Name == "operator")
          return fail("it is converted with an explicit 'operator bool()'");
        unsigned OuterIndex = CallIndex;
        const Stmt *Outer = parentOf(OuterIndex);
        if (const auto *Not = dyn_cast_or_null<UnaryOperator>(Outer);
            Not && Not->getOpcode() == UO_LNot)
          return replace(Not->getSourceRange(), (*Text + ".expired()").str());
        return replace(Use->getSourceRange(),
                       ("!" + *Text + ".expired()").str());
      }
      StringRef Name = Method->getDeclName().isIdentifier() ? Method->getName()
                                                            : StringRef();
      if (Name == "get")
        return insertLock(Use);
      if ((Name == "reset" && Call->getNumArgs() == 0) ||
          Name == "owner_before")
        return;
      if (Name == "reset")
        return fail("it is reset to a new object; a std::weak_ptr cannot own "
                    "one");
      if (Name == "use_count")
        return fail("its use_count() would stop counting the field itself");
      return fail("it is used through '" + Name.str() +
                  "()', which std::weak_ptr does not have");
    }

    // Copied into a shared_ptr: passed by value, returned, `auto x = p`.
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent)) {
      if (sharedPointee(Construct->getType()))
        return insertLock(Use);
      return fail("a use of it cannot be rewritten");
    }
    // Bound to a `const std::shared_ptr<T> &` parameter.
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      for (unsigned I = 0; Callee && I < Call->getNumArgs(); ++I) {
        if (Call->getArg(I)->IgnoreParenImpCasts() != Use ||
            I >= Callee->getNumParams())
          continue;
        QualType Param = Callee->getParamDecl(I)->getType();
        if (Param->isLValueReferenceType() &&
            Param->getPointeeType().isConstQualified())
          return insertLock(Use);
      }
      return fail("a use of it cannot be rewritten");
    }
    fail("a use of it cannot be rewritten");
  }

  llvm::DenseMap<const FieldDecl *, State> &Fields;
  State *Current = nullptr;
  ASTContext &Ctx;
  const SourceManager &SM;
  SmallVector<const Stmt *, 32> Parents;
};

} // namespace

// The checks that need only the declaration; fills Plan.Declaration.
static bool planDeclaration(const FieldDecl *Field, ASTContext &Ctx,
                            WeakPtrRewrite &Plan, SourceLocation &NameLoc,
                            bool &Qualified) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!sharedPointee(Field->getType())) {
    const CXXRecordDecl *RD =
        Field->getType().getCanonicalType()->getAsCXXRecordDecl();
    if (const FieldDecl *Handle = handleField(RD))
      Plan.WhyNot = "it holds a " + quoted(className(RD)) +
                    " handle; keep a std::weak_ptr to its " +
                    quoted(Handle->getName()) + " instead";
    else if (!RD || RD->isInStdNamespace())
      Plan.WhyNot = "it is a collection of owners; the edge to make weak is "
                    "in its element type";
    else
      Plan.WhyNot = "the owner is inside its values; the edge to make weak is "
                    "in their type";
    return false;
  }
  TypeSourceInfo *TSI = Field->getTypeSourceInfo();
  auto Spec =
      TSI ? TSI->getTypeLoc().getAsAdjusted<TemplateSpecializationTypeLoc>()
          : TemplateSpecializationTypeLoc();
  std::optional<StringRef> Pointee =
      Spec && Spec.getNumArgs() == 1
          ? sourceText(Spec.getArgLoc(0).getSourceRange(), Ctx)
          : std::nullopt;
  Plan.Declaration = "std::weak_ptr<" +
                     (Pointee ? Pointee->str()
                              : cast<ClassTemplateSpecializationDecl>(
                                    Field->getType()->getAsCXXRecordDecl())
                                    ->getTemplateArgs()[0]
                                    .getAsType()
                                    .getAsString(Ctx.getPrintingPolicy())) +
                     "> " + Field->getNameAsString() + ";";

  const auto *Class = cast<CXXRecordDecl>(Field->getParent());
  bool InTemplate = false;
  for (const DeclContext *DC = Class; DC; DC = DC->getParent())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
      InTemplate |= RD->getDescribedClassTemplate() ||
                    isa<ClassTemplateSpecializationDecl>(RD) ||
                    RD->getInstantiatedFromMemberClass() ||
                    RD->isDependentContext();
  if (InTemplate) {
    Plan.WhyNot = "the class is a template, whose uses of the field are not "
                  "all known";
    return false;
  }
  if (!SM.isInMainFile(SM.getExpansionLoc(Class->getLocation()))) {
    Plan.WhyNot = "the class is defined in a header, where other files may "
                  "use the field";
    return false;
  }
  NameLoc = Spec ? Spec.getTemplateNameLoc() : SourceLocation();
  std::optional<StringRef> Spelled =
      NameLoc.isValid() ? sourceText(SourceRange(NameLoc), Ctx) : std::nullopt;
  if (!Spelled || *Spelled != "shared_ptr") {
    Plan.WhyNot = "its type is not spelled 'shared_ptr<...>' where it is "
                  "declared";
    return false;
  }
  // `using std::shared_ptr; shared_ptr<T> p;` has no weak_ptr in scope.
  const char *Before = SM.getCharacterData(NameLoc);
  Qualified = Before[-1] == ':' && Before[-2] == ':';
  for (const Decl *Sibling : Class->decls())
    if (const auto *Other = dyn_cast<FieldDecl>(Sibling);
        Other && Other != Field &&
        Other->getTypeSpecStartLoc() == Field->getTypeSpecStartLoc()) {
      Plan.WhyNot = "it is declared together with other fields";
      return false;
    }
  if (Field->hasInClassInitializer()) {
    Plan.WhyNot = "it has a default member initializer";
    return false;
  }
  return true;
}

// True when two edits overlap: clang-tidy would drop both.
static bool overlaps(ArrayRef<FixItHint> Fixes, const SourceManager &SM) {
  for (const FixItHint &A : Fixes) {
    if (A.RemoveRange.isInvalid() ||
        A.RemoveRange.getBegin() == A.RemoveRange.getEnd())
      continue;
    for (const FixItHint &B : Fixes) {
      if (&A == &B)
        continue;
      SourceLocation At = B.RemoveRange.getBegin();
      if (SM.isPointWithin(At, A.RemoveRange.getBegin(),
                           A.RemoveRange.getEnd()) &&
          At != A.RemoveRange.getBegin())
        return true;
    }
  }
  return false;
}

llvm::DenseMap<const FieldDecl *, WeakPtrRewrite>
planWeakPtrRewrites(ArrayRef<const FieldDecl *> Fields, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::DenseMap<const FieldDecl *, WeakPtrRewrite> Plans;
  llvm::DenseMap<const FieldDecl *, UseRewriter::State> Pending;
  llvm::DenseMap<const FieldDecl *, std::pair<SourceLocation, bool>> Names;
  for (const FieldDecl *Field : Fields) {
    Field = Field->getCanonicalDecl();
    WeakPtrRewrite &Plan = Plans[Field];
    SourceLocation NameLoc;
    bool Qualified = true;
    if (planDeclaration(Field, Ctx, Plan, NameLoc, Qualified)) {
      Pending[Field];
      Names[Field] = {NameLoc, Qualified};
    }
  }
  if (Pending.empty())
    return Plans;

  // One pass over the main file for all fields.
  UseRewriter Rewriter(Pending, Ctx);
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (SM.isInMainFile(SM.getExpansionLoc(D->getBeginLoc())))
      Rewriter.TraverseDecl(D);

  for (auto &[Field, State] : Pending) {
    WeakPtrRewrite &Plan = Plans[Field];
    if (State.WhyNot.empty() && overlaps(State.Fixes, SM))
      State.WhyNot = "uses of it nest inside each other";
    if (!State.WhyNot.empty()) {
      Plan.WhyNot = State.WhyNot;
      continue;
    }
    auto [NameLoc, Qualified] = Names[Field];
    Plan.Fixes.push_back(
        FixItHint::CreateReplacement(CharSourceRange::getTokenRange(NameLoc),
                                     Qualified ? "weak_ptr" : "std::weak_ptr"));
    Plan.Fixes.append(State.Fixes.begin(), State.Fixes.end());
  }
  return Plans;
}

} // namespace leaklint
