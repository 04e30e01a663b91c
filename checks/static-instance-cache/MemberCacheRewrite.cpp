//===--- MemberCacheRewrite.cpp - Move a static cache into its class ------===//
#include "MemberCacheRewrite.h"
#include "Compat.h"
#include "Finding.h"
#include "code/LocalUses.h"
#include "edits/SourceEdits.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace leaklint {
namespace {

// True when \p Text has \p Keyword as a token of its own.
bool namesKeyword(StringRef Text, StringRef Keyword) {
  auto IsIdentifierChar = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  for (size_t At = Text.find(Keyword); At != StringRef::npos;
       At = Text.find(Keyword, At + 1))
    if ((At == 0 || !IsIdentifierChar(Text[At - 1])) &&
        (At + Keyword.size() == Text.size() ||
         !IsIdentifierChar(Text[At + Keyword.size()])))
      return true;
  return false;
}

// Finds what in a declaration's type the class could not name at its end:
// declarations local to the function (types, `constexpr` sizes), or declared
// after the class.
class TypeVisibility : public RecursiveASTVisitor<TypeVisibility> {
public:
  TypeVisibility(SourceLocation ClassEnd, const SourceManager &SM)
      : ClassEnd(ClassEnd), SM(SM) {}

  bool VisitTypeLoc(TypeLoc TL) {
    const Type *T = TL.getTypePtr();
    if (const auto *Typedef = dyn_cast<TypedefType>(T))
      check(Typedef->getDecl());
    else if (const TagDecl *Tag = T->getAsTagDecl())
      check(Tag);
    return Visible;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    check(E->getDecl());
    return Visible;
  }

  bool Visible = true;

private:
  void check(const Decl *D) {
    if (D->getParentFunctionOrMethod() ||
        (!SM.isInSystemHeader(D->getLocation()) &&
         !SM.isBeforeInTranslationUnit(D->getLocation(), ClassEnd)))
      Visible = false;
  }
  SourceLocation ClassEnd;
  const SourceManager &SM;
};

// True when the initializer reads a parameter or a variable of the function,
// static or not: a member initializer cannot see it.
bool initializerUsesLocals(const Stmt *Init) {
  if (!Init)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Init))
    if (Ref->getDecl()->getParentFunctionOrMethod())
      return true;
  for (const Stmt *Child : Init->children())
    if (initializerUsesLocals(Child))
      return true;
  return false;
}

// `T x;`, `T x{}`, `T x = {}`: nothing a default member initializer
// would have to carry over besides braces or `=`; default arguments of
// the constructor do not count.
bool isImplicitDefaultConstruction(const Expr *Init) {
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
  return Construct && Construct->getParenOrBraceRange().isInvalid() &&
         llvm::all_of(Construct->arguments(), [](const Expr *Arg) {
           return isa<CXXDefaultArgExpr>(Arg);
         });
}

bool classDeclaresName(const CXXRecordDecl *RD, StringRef Name,
                       unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 16)
    return false;
  RD = RD->getDefinition();
  IdentifierInfo &II = RD->getASTContext().Idents.get(Name);
  if (!RD->lookup(&II).empty())
    return true;
  // A member hides the names of enclosing classes too.
  if (const auto *Outer = dyn_cast<CXXRecordDecl>(RD->getDeclContext()))
    if (classDeclaresName(Outer, Name, Depth + 1))
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

MemberCacheRewrite
planMemberCacheRewrite(const VarDecl *VD, ASTContext &Ctx,
                       const llvm::StringSet<> &Reserved,
                       const llvm::StringSet<> &NamespaceScopeNames) {
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
  if (Method->getTemplateSpecializationKind() == TSK_ExplicitSpecialization) {
    Plan.WhyNot = "the member function is an explicit specialization; the "
                  "member would go into every specialization";
    return Plan;
  }
  if (PatternMethod->isOutOfLine() && Class->isDependentContext()) {
    Plan.WhyNot = "the member function of a class template is defined out of "
                  "line, where its template parameters may be named "
                  "differently";
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
  if (Instantiated.RefsInNestedCallables) {
    Plan.WhyNot = "a lambda or local class uses it, and could not reach a "
                  "member";
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
  const Expr *Init = PatternVar->getInit();
  bool ImplicitDefault = !Init || isImplicitDefaultConstruction(Init);
  if (Init) {
    // `T x(args);` as a member would declare a function.
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
  std::string TypeText = BeforeName->drop_back(OldName.size()).str();
  StringRef AfterName = Whole->drop_front(BeforeName->size());
  // `decltype(this)` means the class pointer inside the method, and nothing
  // in a member declaration.
  if (namesKeyword(TypeText, "this")) {
    Plan.WhyNot = "its type names 'this'";
    return Plan;
  }
  // `std::map<K, V> static cache;` keeps its storage keyword after the type.
  unsigned TypeOffset = SM.getFileOffset(TypeStart);
  SmallVector<FixItHint, 2> Keywords =
      removeStorageKeywords(TypeStart, NameLoc, Ctx);
  for (const FixItHint &K : llvm::reverse(Keywords)) {
    unsigned Begin = SM.getFileOffset(K.RemoveRange.getBegin()) - TypeOffset;
    unsigned End = SM.getFileOffset(K.RemoveRange.getEnd()) - TypeOffset;
    TypeText.erase(Begin, End - Begin);
  }
  // Names in an out-of-line definition, or after a using-directive in the
  // body, may not mean the same at the end of the class: spell the type in
  // full there, and take no initializer along.
  bool OutOfLine = PatternMethod->isOutOfLine();
  if (OutOfLine || Pattern.HasUsing) {
    if (!ImplicitDefault) {
      Plan.WhyNot = "its initializer may use names that mean something else "
                    "in the class";
      return Plan;
    }
    PrintingPolicy Policy(Ctx.getLangOpts());
    Policy.SuppressUnwrittenScope = true;
    TypeText =
        TypeName::getFullyQualifiedName(PatternVar->getType(), Ctx, Policy) +
        " ";
    AfterName = "";
  }

  std::string Name = OldName.str();
  // A member hides anything of its name inside the class and its derived
  // classes: a global of that name included.
  bool Collides =
      classDeclaresName(Class, Name) || Reserved.contains(Name) ||
      NamespaceScopeNames.contains(Name) || Pattern.OtherNames.contains(Name) ||
      llvm::any_of(PatternMethod->parameters(),
                   [&](const ParmVarDecl *P) { return P->getName() == Name; });
  while (Collides) {
    Name = unusedIdentifier(Name, Ctx);
    Collides = Reserved.contains(Name);
  }
  Plan.MemberName = Name;

  Plan.MemberDeclaration = (Method->isConst() ? "mutable " : "") + TypeText +
                           Name + AfterName.str() + ";";

  // A private member makes an aggregate stop accepting `T{a, b}` and
  // structured bindings, and a public one would join them: either way code
  // elsewhere stops compiling or changes meaning. Leave aggregates to people.
  if (Class->isUnion()) {
    Plan.WhyNot = "a union cannot take another member without changing "
                  "its layout";
    return Plan;
  }
  if (Class->isAggregate()) {
    Plan.WhyNot = "'" + className(Class) +
                  "' is an aggregate, and a new member would change how it "
                  "is initialised";
    return Plan;
  }
  // Nor can a constexpr constructor initialise a standard container.
  if (llvm::any_of(Class->ctors(), [&](const CXXConstructorDecl *Ctor) {
        if (Ctor->isImplicit() || !Ctor->isConstexpr())
          return false;
        if (!Ctor->isDefaulted())
          return true;
        // `X() = default;` is constexpr only where it can be, and with the
        // new member it silently is not; `constexpr X() = default;` would
        // not compile.
        std::optional<StringRef> Head = sourceText(
            SourceRange(Ctor->getBeginLoc(), Ctor->getLocation()), Ctx);
        return !Head || namesKeyword(*Head, "constexpr");
      })) {
    Plan.WhyNot = "'" + className(Class) +
                  "' has a constexpr constructor, which could not "
                  "initialise the new member";
    return Plan;
  }

  SourceLocation ClassEnd = Class->getBraceRange().getEnd();
  if (!isEditable(SourceRange(ClassEnd), SM) ||
      SM.getFileID(ClassEnd) != SM.getFileID(NameLoc)) {
    Plan.WhyNot = "the class is defined in another file";
    return Plan;
  }
  TypeVisibility Visibility(ClassEnd, SM);
  if (TypeSourceInfo *TSI = PatternVar->getTypeSourceInfo())
    Visibility.TraverseTypeLoc(TSI->getTypeLoc());
  if (!Visibility.Visible) {
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
