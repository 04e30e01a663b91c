//===--- RegistryEraseRewrite.cpp - Erase `this` in the destructor --------===//
#include "RegistryEraseRewrite.h"
#include "Compat.h"
#include "edits/SourceEdits.h"
#include "storage/RegistryRemoval.h"
#include "storage/StaticStorage.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace leaklint {
namespace {

// The statement that removes every entry of `this` from \p Registry, when its
// element or key is a plain pointer the destructor's `this` converts to.
// \p Name designates the container, or points to it when \p ViaPointer.
// \p WhyNot says why there is none.
std::string eraseStatement(const VarDecl *Registry, StringRef Name,
                           bool ViaPointer, bool InKey,
                           const ContainerTypes &Containers,
                           const LangOptions &LangOpts, std::string &WhyNot) {
  const ClassTemplateSpecializationDecl *C =
      Containers.asContainer(containerTypeOf(Registry));
  WhyNot = "its entries are not keyed by the object's address alone";
  if (!C || C->getTemplateArgs().size() == 0 ||
      C->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
      !C->getTemplateArgs()[0].getAsType()->isPointerType())
    return "";
  std::string Member = (Name + (ViaPointer ? "->" : ".")).str();
  std::string Object = ((ViaPointer ? "*" : "") + Name).str();
  if (ContainerTypes::isKeyed(C)) {
    if (InKey)
      return Member + "erase(this);";
    WhyNot = "the object is a mapped value, not the key";
    return "";
  }
  StringRef Template = C->getName();
  if (C->isInStdNamespace() &&
      (Template == "list" || Template == "forward_list"))
    return Member + "remove(this);";
  if (C->isInStdNamespace() && (Template == "vector" || Template == "deque")) {
    if (LangOpts.CPlusPlus20)
      return "std::erase(" + Object + ", this);";
    WhyNot = "removing an element by value from it takes the erase-remove "
             "idiom or C++20's std::erase";
    return "";
  }
  WhyNot = ("leaklint knows no statement that removes one element from '" +
            Template + "'")
               .str();
  return "";
}

// The source a specialization comes from: the primary template or the
// partial specialization it was instantiated from.
const CXXRecordDecl *patternOf(const CXXRecordDecl *Class) {
  if (const CXXRecordDecl *Pattern = Class->getTemplateInstantiationPattern())
    return Pattern;
  return Class;
}

// The declaration \p Access names: the registry, or its accessor function.
const NamedDecl *accessedDecl(const Expr *Access) {
  Access = Access->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Access))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(Access))
    return Member->getMemberDecl();
  // An accessor call: no arguments, a free or static function or a member
  // function of the object itself; not `registry[key]` or `registry.at(k)`.
  if (isa<CXXOperatorCallExpr>(Access))
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(Access);
  if (!Call || Call->getNumArgs())
    return nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    if (!Object || !isa<CXXThisExpr>(Object->IgnoreParenImpCasts()))
      return nullptr;
  }
  return Call->getDirectCallee();
}

// True when the unqualified name of \p D finds it inside \p Dtor.
// `extern T x;` inside a function is visible in that function only.
bool visibleUnqualified(const NamedDecl *D, const CXXRecordDecl *Class,
                        const CXXDestructorDecl *Dtor,
                        const SourceManager &SM) {
  if (D->isLocalExternDecl())
    return false;
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

SourceLocation destructorPlace(const CXXRecordDecl *Class) {
  if (const CXXRecordDecl *Def = Class->getDefinition())
    Class = Def;
  Class = patternOf(Class);
  const CXXDestructorDecl *Dtor = declaredDestructor(Class);
  const FunctionDecl *Definition = nullptr;
  if (Dtor && !Dtor->isImplicit() && Dtor->hasBody(Definition) &&
      !Definition->isDefaulted())
    return Definition->getLocation();
  // Declared here, defined in another TU (whole-program findings).
  if (Dtor && !Dtor->isImplicit() && !Dtor->isDefaulted() &&
      !Dtor->isDeleted())
    return Dtor->getLocation();
  return Class->getLocation();
}

namespace {

// A scoped lock (`std::lock_guard`, `std::unique_lock`, `std::scoped_lock`,
// `std::shared_lock`, or another library's guard of the same names) declared
// in a block around \p E, before the statement that holds it.
const VarDecl *enclosingLock(const Expr *E, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    DynTypedNode Parent = Parents[0];
    if (const auto *Block = Parent.get<CompoundStmt>()) {
      for (const Stmt *S : Block->body()) {
        if (Node.get<Stmt>() == S)
          break;
        const auto *Decls = dyn_cast<DeclStmt>(S);
        if (!Decls)
          continue;
        for (const Decl *D : Decls->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            if (const auto *RD = VD->getType()->getAsCXXRecordDecl();
                RD && RD->getIdentifier() &&
                llvm::is_contained({"lock_guard", "unique_lock",
                                    "scoped_lock", "shared_lock"},
                                   RD->getName()))
              return VD;
      }
    }
    if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>())
      return nullptr;
    Node = Parent;
  }
  return nullptr;
}

} // namespace

RegistryEraseRewrite planRegistryErase(const VarDecl *Registry,
                                       const Expr *Access,
                                       const CXXRecordDecl *Class, bool InKey,
                                       const ContainerTypes &Containers,
                                       ASTContext &Ctx) {
  RegistryEraseRewrite Plan;
  const SourceManager &SM = Ctx.getSourceManager();
  Plan.Loc = destructorPlace(Class);
  if (const CXXRecordDecl *Def = Class->getDefinition())
    Class = Def;
  Class = patternOf(Class);
  const CXXDestructorDecl *Dtor = declaredDestructor(Class);
  const FunctionDecl *Definition = nullptr;
  bool UserWritten = Dtor && !Dtor->isImplicit() && Dtor->hasBody(Definition) &&
                     !Definition->isDefaulted();
  // Declared here, defined in another TU (whole-program findings).
  bool DefinedElsewhere = Dtor && !Dtor->isImplicit() && !Definition &&
                          !Dtor->isDefaulted() && !Dtor->isDeleted();

  // Name the registry the way the code that fills it does: the variable, or
  // a call of its accessor. Elements of it (`listeners[event]`) and local
  // aliases have no name in the destructor.
  const NamedDecl *Accessed = accessedDecl(Access);
  const auto *AccessedVar = dyn_cast_or_null<VarDecl>(Accessed);
  bool Direct = AccessedVar && sameVariable(AccessedVar, Registry);
  if (!Direct && !isa_and_nonnull<FunctionDecl>(Accessed)) {
    Plan.WhyNot = "the code that fills it reaches it through another "
                  "expression";
    return Plan;
  }
  // Another file's destructor cannot name a registry local to this one.
  if (DefinedElsewhere && !Accessed->isExternallyVisible()) {
    Plan.WhyNot = "'" + Accessed->getNameAsString() +
                  "' is local to this file; erase through a function defined "
                  "here";
    return Plan;
  }
  std::optional<StringRef> Name = sourceText(Access->getSourceRange(), Ctx);
  if (!Name)
    Name = Registry->getName();
  Name->consume_front("this->");
  bool ViaPointer = Direct && Registry->getType()->isPointerType();
  Plan.Statement = eraseStatement(Registry, *Name, ViaPointer, InKey,
                                  Containers, Ctx.getLangOpts(), Plan.WhyNot);
  if (Plan.Statement.empty())
    return Plan;
  Plan.WhyNot.clear();
  if (Registry->getTLSKind() != VarDecl::TLS_None) {
    Plan.WhyNot = "a thread_local registry can only be erased from on the "
                  "thread that filled it";
    return Plan;
  }
  // Filled under a lock: an erase without it would race with the fills.
  if (const VarDecl *Lock = enclosingLock(Access, Ctx)) {
    std::optional<StringRef> LockText = sourceText(Lock->getSourceRange(), Ctx);
    Plan.WhyNot = "the registry is filled while " +
                  (LockText && LockText->size() <= 60
                       ? "'" + LockText->str() + "'"
                       : std::string("a lock")) +
                  " is held; erase under the same lock";
    return Plan;
  }
  if (!UserWritten) {
    Plan.WhyNot = DefinedElsewhere
                      ? "the destructor is defined in another file"
                      : "the class has no user-written destructor to put it "
                        "in";
    return Plan;
  }
  Dtor = cast<CXXDestructorDecl>(Definition);
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Dtor->getBody());
  if (!Body || !SM.isInMainFile(SM.getExpansionLoc(Body->getLBracLoc()))) {
    Plan.WhyNot = "the destructor is not defined in this file";
    return Plan;
  }
  if (!isEditable(Body->getSourceRange(), SM)) {
    Plan.WhyNot = "the destructor comes from a macro";
    return Plan;
  }
  if (!visibleUnqualified(Accessed, Class, Dtor, SM)) {
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
