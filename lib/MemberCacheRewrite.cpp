//===--- MemberCacheRewrite.cpp - Move a static cache into its class ------===//
#include "MemberCacheRewrite.h"
#include "Compat.h"
#include "LocalUses.h"
#include "SourceEdits.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace leaklint {
namespace {

// True when \p T names only types declared before \p Before and outside any
// function, so that the class can name them where the member goes.
bool namesOnlyTypesVisibleAt(QualType T, SourceLocation Before,
                             const SourceManager &SM, unsigned Depth = 0) {
  if (T.isNull() || Depth > 16)
    return true;
  const NamedDecl *Named = nullptr;
  if (const auto *TD = T->getAs<TypedefType>())
    Named = TD->getDecl();
  else if (const TagDecl *Tag = T->getAsTagDecl())
    Named = Tag;
  if (Named) {
    if (Named->getParentFunctionOrMethod() ||
        (!SM.isInSystemHeader(Named->getLocation()) &&
         !SM.isBeforeInTranslationUnit(Named->getLocation(), Before)))
      return false;
  }
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type &&
          !namesOnlyTypesVisibleAt(A.getAsType(), Before, SM, Depth + 1))
        return false;
  if (T->isPointerType() || T->isReferenceType())
    return namesOnlyTypesVisibleAt(T->getPointeeType(), Before, SM, Depth + 1);
  return true;
}

bool initializerUsesLocals(const Expr *Init) {
  if (!Init)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Init))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (!VD->hasGlobalStorage())
        return true;
  for (const Stmt *Child : Init->children())
    if (const auto *E = dyn_cast_or_null<Expr>(Child))
      if (initializerUsesLocals(E))
        return true;
  return false;
}

bool classDeclaresName(const CXXRecordDecl *RD, StringRef Name,
                       unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 16)
    return false;
  RD = RD->getDefinition();
  IdentifierInfo &II = RD->getASTContext().Idents.get(Name);
  if (!RD->lookup(&II).empty())
    return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl())
      if (classDeclaresName(Base, Name, Depth + 1))
        return true;
  return false;
}

// The access that applies at the closing brace of \p RD.
AccessSpecifier accessAtEnd(const CXXRecordDecl *RD) {
  AccessSpecifier Access = RD->isClass() ? AS_private : AS_public;
  for (const Decl *D : RD->decls())
    if (const auto *Spec = dyn_cast<AccessSpecDecl>(D))
      Access = Spec->getAccess();
  return Access;
}

} // namespace

MemberCacheRewrite planMemberCacheRewrite(const VarDecl *VD, ASTContext &Ctx,
                                          const llvm::StringSet<> &Reserved) {
  MemberCacheRewrite Plan;
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(VD->getDeclContext());
  if (!Method || Method->isStatic() || Method->getParent()->isLambda()) {
    Plan.WhyNot = "the static is not declared directly in a member function";
    return Plan;
  }
  const auto *PatternMethod = Method;
  if (const FunctionDecl *P = Method->getTemplateInstantiationPattern())
    PatternMethod = cast<CXXMethodDecl>(P);
  const CXXRecordDecl *Class = PatternMethod->getParent()->getDefinition();
  if (!Class)
    return Plan;
  Plan.Class = Class;
  if (Method->getDescribedFunctionTemplate() || Method->getPrimaryTemplate()) {
    Plan.WhyNot = "the member function is a template";
    return Plan;
  }
  if (VD->getTLSKind() != VarDecl::TLS_None) {
    Plan.WhyNot = "a per-instance member would be shared by all threads that "
                  "use the object, where the thread_local was not";
    return Plan;
  }

  // Decide on the instantiation, whose calls are resolved; edit the pattern,
  // which is the source text.
  LocalUses Instantiated = collectLocalUses(VD, Method->getBody());
  if (Instantiated.KeyedByThis != Instantiated.Refs.size()) {
    Plan.WhyNot = "it is also used other than as a lookup keyed by 'this'; "
                  "entries of other objects may matter";
    return Plan;
  }
  LocalUses Pattern = collectLocalUses(VD, PatternMethod->getBody());
  if (!Pattern.Declaration || !Pattern.Declaration->isSingleDecl()) {
    Plan.WhyNot = "it is declared together with other variables";
    return Plan;
  }
  const auto *PatternVar = cast<VarDecl>(Pattern.Declaration->getSingleDecl());

  // The member's declaration: the static's own text from the type on, with
  // `mutable` when the method is const.
  if (PatternVar->getType()->getContainedDeducedType()) {
    Plan.WhyNot = "its type is deduced";
    return Plan;
  }
  if (const Expr *Init = PatternVar->getInit()) {
    // `T x;` may stay as it is; `T x(args);` would declare a function.
    const auto *Construct = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
    bool ImplicitDefault = Construct && Construct->getNumArgs() == 0 &&
                           Construct->getParenOrBraceRange().isInvalid();
    if (PatternVar->getInitStyle() == VarDecl::CallInit && !ImplicitDefault) {
      Plan.WhyNot = "its initializer cannot be a default member initializer";
      return Plan;
    }
    if (initializerUsesLocals(Init)) {
      Plan.WhyNot = "its initializer uses local variables";
      return Plan;
    }
  }
  SourceLocation TypeStart = PatternVar->getTypeSpecStartLoc();
  SourceLocation NameLoc = PatternVar->getLocation();
  std::optional<StringRef> BeforeName =
      sourceText(SourceRange(TypeStart, NameLoc), Ctx);
  std::optional<StringRef> Whole = sourceText(
      SourceRange(TypeStart, PatternVar->getSourceRange().getEnd()), Ctx);
  if (!BeforeName || !Whole) {
    Plan.WhyNot = "its declaration comes from a macro";
    return Plan;
  }
  StringRef OldName = PatternVar->getName();
  // BeforeName ends with the name token itself.
  StringRef TypeText = BeforeName->drop_back(OldName.size());
  StringRef AfterName = Whole->drop_front(BeforeName->size());

  std::string Name = OldName.str();
  bool Collides =
      classDeclaresName(Class, Name) || Reserved.contains(Name) ||
      Pattern.OtherNames.contains(Name) ||
      llvm::any_of(PatternMethod->parameters(),
                   [&](const ParmVarDecl *P) { return P->getName() == Name; });
  while (Collides) {
    Name = unusedIdentifier(Name, Ctx);
    Collides = Reserved.contains(Name);
  }
  Plan.MemberName = Name;

  Plan.MemberDeclaration = (Method->isConst() ? "mutable " : "") +
                           TypeText.str() + Name + AfterName.str() + ";";

  // A private member makes an aggregate stop accepting `T{a, b}` and
  // structured bindings, and a public one would join them: either way code
  // elsewhere stops compiling or changes meaning. Leave aggregates to people.
  if (Class->isAggregate()) {
    Plan.WhyNot = "'" + Class->getNameAsString() +
                  "' is an aggregate, and a new member would change how it "
                  "is initialised";
    return Plan;
  }

  SourceLocation ClassEnd = Class->getBraceRange().getEnd();
  if (!isEditable(SourceRange(ClassEnd), SM) ||
      SM.getFileID(ClassEnd) != SM.getFileID(NameLoc)) {
    Plan.WhyNot = "the class is defined in another file";
    return Plan;
  }
  if (!namesOnlyTypesVisibleAt(PatternVar->getType(), ClassEnd, SM)) {
    Plan.WhyNot = "its type names declarations the class cannot see";
    return Plan;
  }

  SmallVector<FixItHint, 4> Fixes;
  std::optional<FixItHint> Removal =
      removeStatement(Pattern.Declaration->getSourceRange(), Ctx);
  if (!Removal) {
    Plan.WhyNot = "its declaration comes from a macro";
    return Plan;
  }
  Fixes.push_back(*Removal);
  if (Name != OldName) {
    for (const DeclRefExpr *Ref : Pattern.Refs) {
      if (!isEditable(SourceRange(Ref->getLocation()), SM)) {
        Plan.WhyNot = "it is used inside a macro";
        return Plan;
      }
      Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(Ref->getLocation()), Name));
    }
  }

  // Insert at the end of the class, private unless it already is.
  std::string Access = accessAtEnd(Class) == AS_private ? "" : "private:";
  std::string Indent = indentationAt(ClassEnd, SM);
  bool BraceStartsLine =
      Indent.size() + 1 == SM.getSpellingColumnNumber(ClassEnd);
  std::string Insertion;
  if (BraceStartsLine) {
    if (!Access.empty())
      Insertion += Indent + Access + "\n";
    Insertion += Indent + "  " + Plan.MemberDeclaration + "\n";
    Fixes.push_back(FixItHint::CreateInsertion(
        ClassEnd.getLocWithOffset(-static_cast<int>(Indent.size())),
        Insertion));
  } else {
    if (!Access.empty())
      Insertion += Access + " ";
    Insertion += Plan.MemberDeclaration + " ";
    Fixes.push_back(FixItHint::CreateInsertion(ClassEnd, Insertion));
  }
  Plan.Fixes = std::move(Fixes);
  return Plan;
}

} // namespace leaklint
