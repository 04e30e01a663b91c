//===--- WeakPtrRewrite.cpp - Turn a shared_ptr field into a weak_ptr -----===//
#include "WeakPtrRewrite.h"
#include "Compat.h"
#include "OwnershipGraph.h"
#include "SourceEdits.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace leaklint {
namespace {

// Visits the main file's code with a stack of parents, and rewrites each
// use of the field according to the expression around it.
class UseRewriter : public RecursiveASTVisitor<UseRewriter> {
public:
  UseRewriter(const FieldDecl *Field, ASTContext &Ctx)
      : Field(Field->getCanonicalDecl()), Ctx(Ctx), SM(Ctx.getSourceManager()) {
  }

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseStmt(Stmt *S, DataRecursionQueue *Queue = nullptr) {
    if (!S)
      return true;
    Parents.push_back(S);
    bool Result = RecursiveASTVisitor::TraverseStmt(S, nullptr);
    Parents.pop_back();
    return Result && WhyNot.empty();
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (Init->isMemberInitializer() &&
        Init->getMember()->getCanonicalDecl() == Field && Init->getInit()) {
      const Expr *Value = Init->getInit()->IgnoreImplicit();
      // A weak_ptr is made from a shared_ptr, not from nullptr.
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value))
        if (Construct->getNumArgs() == 1 &&
            Construct->getArg(0)->getType()->isNullPtrType())
          fail("it is initialised from nullptr");
    }
    return RecursiveASTVisitor::TraverseConstructorInitializer(Init);
  }

  bool VisitMemberExpr(MemberExpr *E) {
    if (E->getMemberDecl()->getCanonicalDecl() == Field)
      rewrite(E);
    return WhyNot.empty();
  }

  void fail(StringRef Why) {
    if (WhyNot.empty())
      WhyNot = Why.str();
  }

  std::string WhyNot;
  SmallVector<FixItHint, 8> Fixes;

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

  void insertLock(const Expr *Use) {
    Fixes.push_back(FixItHint::CreateInsertion(endOf(Use), ".lock()"));
  }

  void replace(SourceRange R, StringRef Text) {
    if (!isEditable(R, SM))
      return fail("a use of it is inside a macro");
    Fixes.push_back(
        FixItHint::CreateReplacement(CharSourceRange::getTokenRange(R), Text));
  }

  // `nullptr`, also as the shared_ptr it is converted to.
  static bool isNull(const Expr *E) {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = E->IgnoreImplicit()->IgnoreParens();
      if (E->getType()->isNullPtrType())
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
        if (isNull(Op->getArg(1)))
          return replace(Op->getSourceRange(), (*Text + ".reset()").str());
        return; // weak_ptr = shared_ptr works as is.
      case OO_EqualEqual:
      case OO_ExclaimEqual: {
        const Expr *Other = Op->getArg(First ? 1 : 0);
        if (isNull(Other))
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
      if ((Name == "reset" && Call->getNumArgs() == 0) || Name == "use_count")
        return;
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

  const FieldDecl *Field;
  ASTContext &Ctx;
  const SourceManager &SM;
  SmallVector<const Stmt *, 32> Parents;
};

} // namespace

WeakPtrRewrite planWeakPtrRewrite(const FieldDecl *Field, ASTContext &Ctx) {
  WeakPtrRewrite Plan;
  const SourceManager &SM = Ctx.getSourceManager();
  const CXXRecordDecl *Pointee = sharedPointee(Field->getType());
  if (!Pointee) {
    Plan.WhyNot = "it is a collection of owners; the edge to make weak is in "
                  "its element type";
    return Plan;
  }
  const auto *Owner = cast<ClassTemplateSpecializationDecl>(
      Field->getType()->getAsCXXRecordDecl());
  PrintingPolicy Policy(Ctx.getLangOpts());
  Plan.Declaration =
      "std::weak_ptr<" +
      Owner->getTemplateArgs()[0].getAsType().getAsString(Policy) + "> " +
      Field->getNameAsString() + ";";

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
    return Plan;
  }
  if (!SM.isInMainFile(SM.getExpansionLoc(Class->getLocation()))) {
    Plan.WhyNot = "the class is defined in a header, where other files may "
                  "use the field";
    return Plan;
  }

  // The declaration: `std::shared_ptr<T> f;` -> `std::weak_ptr<T> f;`.
  TypeSourceInfo *TSI = Field->getTypeSourceInfo();
  auto Spec =
      TSI ? TSI->getTypeLoc().getAsAdjusted<TemplateSpecializationTypeLoc>()
          : TemplateSpecializationTypeLoc();
  SourceLocation NameLoc = Spec ? Spec.getTemplateNameLoc() : SourceLocation();
  std::optional<StringRef> Spelled =
      NameLoc.isValid() ? sourceText(SourceRange(NameLoc), Ctx) : std::nullopt;
  if (!Spelled || *Spelled != "shared_ptr") {
    Plan.WhyNot = "its type is not spelled 'shared_ptr<...>' where it is "
                  "declared";
    return Plan;
  }
  for (const Decl *Sibling : Class->decls())
    if (const auto *Other = dyn_cast<FieldDecl>(Sibling);
        Other && Other != Field &&
        Other->getTypeSpecStartLoc() == Field->getTypeSpecStartLoc()) {
      Plan.WhyNot = "it is declared together with other fields";
      return Plan;
    }
  if (Field->hasInClassInitializer()) {
    Plan.WhyNot = "it has a default member initializer";
    return Plan;
  }

  UseRewriter Rewriter(Field, Ctx);
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (!SM.isInMainFile(SM.getExpansionLoc(D->getBeginLoc())))
      continue;
    Rewriter.TraverseDecl(D);
    if (!Rewriter.WhyNot.empty())
      break;
  }
  if (!Rewriter.WhyNot.empty()) {
    Plan.WhyNot = Rewriter.WhyNot;
    return Plan;
  }
  Plan.Fixes.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(NameLoc), "weak_ptr"));
  Plan.Fixes.append(Rewriter.Fixes.begin(), Rewriter.Fixes.end());
  return Plan;
}

} // namespace leaklint
