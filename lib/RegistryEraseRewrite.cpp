//===--- RegistryEraseRewrite.cpp - Erase `this` in the destructor --------===//
#include "RegistryEraseRewrite.h"
#include "Compat.h"
#include "SourceEdits.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace leaklint {
namespace {

// The statement that removes every entry of `this` from \p Registry, when its
// element or key is a plain pointer the destructor's `this` converts to.
// \p WhyNot says why there is none.
std::string eraseStatement(const VarDecl *Registry, StringRef Name,
                           const ContainerTypes &Containers,
                           const LangOptions &LangOpts, std::string &WhyNot) {
  const ClassTemplateSpecializationDecl *C =
      Containers.asContainer(Registry->getType().getNonReferenceType());
  WhyNot = "its entries are not keyed by the object's address alone";
  if (!C || C->getTemplateArgs().size() == 0 ||
      C->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
      !C->getTemplateArgs()[0].getAsType()->isPointerType())
    return "";
  if (ContainerTypes::isKeyed(C))
    return (Name + ".erase(this);").str();
  StringRef Template = C->getName();
  if (C->isInStdNamespace() &&
      (Template == "list" || Template == "forward_list"))
    return (Name + ".remove(this);").str();
  if (C->isInStdNamespace() && (Template == "vector" || Template == "deque")) {
    if (LangOpts.CPlusPlus20)
      return ("std::erase(" + Name + ", this);").str();
    WhyNot = "removing an element by value takes std::erase (C++20) or the "
             "erase-remove idiom here";
  }
  return "";
}

const CXXRecordDecl *patternOf(const CXXRecordDecl *Class) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Class))
    if (!Spec->isExplicitSpecialization())
      if (const ClassTemplateDecl *T = Spec->getSpecializedTemplate())
        return T->getTemplatedDecl();
  return Class;
}

// The declaration \p Access names: the registry, or its accessor function.
const NamedDecl *accessedDecl(const Expr *Access) {
  Access = Access->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Access))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(Access))
    return Member->getMemberDecl();
  if (const auto *Call = dyn_cast<CallExpr>(Access))
    return Call->getDirectCallee();
  return nullptr;
}

// True when the unqualified name of \p D finds it inside \p Dtor.
bool visibleUnqualified(const NamedDecl *D, const CXXRecordDecl *Class,
                        const CXXDestructorDecl *Dtor,
                        const SourceManager &SM) {
  const DeclContext *Home = D->getDeclContext()->getRedeclContext();
  if (const auto *Owner = dyn_cast<CXXRecordDecl>(Home))
    return declaresSameEntity(patternOf(Owner), patternOf(Class));
  if (!SM.isBeforeInTranslationUnit(D->getLocation(), Dtor->getBeginLoc()))
    return false;
  const DeclContext *Where = Dtor->getLexicalDeclContext();
  if (Home->Encloses(Where))
    return true;
  const auto *NS = dyn_cast<NamespaceDecl>(Home);
  return NS && NS->isAnonymousNamespace() &&
         NS->getParent()->getRedeclContext()->Encloses(Where);
}

} // namespace

RegistryEraseRewrite planRegistryErase(const VarDecl *Registry,
                                       const Expr *Access,
                                       const CXXRecordDecl *Class,
                                       const ContainerTypes &Containers,
                                       ASTContext &Ctx) {
  RegistryEraseRewrite Plan;
  const SourceManager &SM = Ctx.getSourceManager();
  if (const CXXRecordDecl *Def = Class->getDefinition())
    Class = Def;
  Class = patternOf(Class);
  Plan.Loc = Class->getLocation();
  // Lookup of the destructor name does not work in a template pattern; the
  // member list does.
  const CXXDestructorDecl *Dtor = nullptr;
  for (const Decl *D : Class->decls())
    if (const auto *Found = dyn_cast<CXXDestructorDecl>(D))
      Dtor = Found;
  const FunctionDecl *Definition = nullptr;
  bool UserWritten = Dtor && !Dtor->isImplicit() && Dtor->hasBody(Definition) &&
                     !Definition->isDefaulted();
  if (UserWritten)
    Plan.Loc = Definition->getLocation();

  // Name the registry the way the code that fills it does.
  std::optional<StringRef> Name = sourceText(Access->getSourceRange(), Ctx);
  if (!Name)
    Name = Registry->getName();
  Name->consume_front("this->");
  Plan.Statement = eraseStatement(Registry, *Name, Containers,
                                  Ctx.getLangOpts(), Plan.WhyNot);
  if (Plan.Statement.empty())
    return Plan;
  Plan.WhyNot.clear();
  if (Registry->getTLSKind() != VarDecl::TLS_None) {
    Plan.WhyNot = "a thread_local registry can only be erased from on the "
                  "thread that filled it";
    return Plan;
  }
  if (!UserWritten) {
    Plan.WhyNot = "the class has no user-written destructor to put it in";
    return Plan;
  }
  Dtor = cast<CXXDestructorDecl>(Definition);
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Dtor->getBody());
  if (!Body || !SM.isInMainFile(SM.getExpansionLoc(Body->getLBracLoc())) ||
      !isEditable(Body->getSourceRange(), SM)) {
    Plan.WhyNot = "the destructor is not defined in this file";
    return Plan;
  }
  const NamedDecl *Accessed = accessedDecl(Access);
  if (!Accessed || !visibleUnqualified(Accessed, Class, Dtor, SM)) {
    Plan.WhyNot = "the registry is not visible by its name in the destructor";
    return Plan;
  }

  SourceLocation LBrace = Body->getLBracLoc();
  SourceLocation RBrace = Body->getRBracLoc();
  if (!Body->body_empty()) {
    const Stmt *First = Body->body_front();
    if (!isEditable(First->getSourceRange(), SM)) {
      Plan.WhyNot = "the destructor body comes from a macro";
      return Plan;
    }
    std::string Indent = indentationAt(First->getBeginLoc(), SM);
    bool SameLine = SM.getSpellingLineNumber(First->getBeginLoc()) ==
                    SM.getSpellingLineNumber(LBrace);
    Plan.Fixes.push_back(FixItHint::CreateInsertion(
        First->getBeginLoc(),
        Plan.Statement + (SameLine ? " " : "\n" + Indent)));
  } else if (SM.getSpellingLineNumber(LBrace) ==
             SM.getSpellingLineNumber(RBrace)) {
    Plan.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(LBrace, RBrace),
        "{ " + Plan.Statement + " }"));
  } else {
    std::string Indent = indentationAt(RBrace, SM);
    Plan.Fixes.push_back(FixItHint::CreateInsertion(
        RBrace.getLocWithOffset(-static_cast<int>(Indent.size())),
        Indent + "  " + Plan.Statement + "\n"));
  }
  return Plan;
}

} // namespace leaklint
