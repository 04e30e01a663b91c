//===--- SealedMembers.cpp - Member objects only their class reaches ------===//
#include "code/SealedMembers.h"
#include "code/SkippedBodies.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {

namespace {

const FunctionDecl *normalized(const FunctionDecl *F) {
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    F = Pattern;
  return F->getCanonicalDecl();
}

bool isTemplated(const CXXRecordDecl *RD) {
  return isa<ClassTemplateSpecializationDecl>(RD) ||
         RD->getDescribedClassTemplate() || RD->isDependentContext();
}

// Every member function the class declares, with a body the TU read; null
// when one has no body here (defined in another .cpp, or skipped).
std::optional<std::vector<const FunctionDecl *>>
definedMembers(const CXXRecordDecl *RD) {
  std::vector<const FunctionDecl *> Out;
  for (const Decl *D : RD->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      FD = T->getTemplatedDecl();
    if (!FD || FD->isDeleted() || FD->isDefaulted() || FD->isPureVirtual() ||
        FD->isImplicit())
      continue;
    const FunctionDecl *Definition = nullptr;
    if (!FD->hasBody(Definition) || !Definition->getBody() ||
        skippedDefinition(FD))
      return std::nullopt;
    Out.push_back(Definition);
  }
  return Out;
}

// The uses of one member in the code of the classes that reach it: the
// methods called on it, and whether it is used any other way that could
// call a method on it later (passed on, bound to a reference, its address
// taken, assigned).
class MemberUses : public RecursiveASTVisitor<MemberUses> {
public:
  explicit MemberUses(const FieldDecl *Member) : Member(Member) {}

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (const auto *Callee =
            dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts()))
      if (const auto *Object =
              dyn_cast<MemberExpr>(Callee->getBase()->IgnoreParenImpCasts());
          Object && names(Object)) {
        Consumed.insert(Object);
        if (const FunctionDecl *M = Call->getMethodDecl())
          Called.insert(normalized(M));
      }
    return true;
  }
  // `table_.rows_`: a field of the member, read or written in place.
  bool VisitMemberExpr(MemberExpr *E) {
    if (const auto *Object =
            dyn_cast<MemberExpr>(E->getBase()->IgnoreParenImpCasts());
        Object && names(Object) && !E->isArrow())
      Consumed.insert(Object);
    if (names(E) && !Consumed.count(E) &&
        !(E->getType().isConstQualified() && !Member->isMutable()))
      Escapes = true;
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *) {
    Escapes = true; // cannot tell what it calls
    return true;
  }

  llvm::SmallPtrSet<const FunctionDecl *, 8> Called;
  bool Escapes = false;

private:
  bool names(const MemberExpr *E) const {
    return E->getMemberDecl()->getCanonicalDecl() ==
           Member->getCanonicalDecl();
  }
  const FieldDecl *Member;
  llvm::SmallPtrSet<const MemberExpr *, 4> Consumed;
};

// The methods one class's code calls on `this`, and whether it hands `this`
// out: as an argument, a capture, a returned pointer or a bound argument.
class ThisUses : public RecursiveASTVisitor<ThisUses> {
public:
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (isa<CXXThisExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      if (const FunctionDecl *M = Call->getMethodDecl())
        Called.insert(normalized(M));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (const auto *This =
            dyn_cast<CXXThisExpr>(E->getBase()->IgnoreParenImpCasts()))
      Consumed.insert(This);
    return true;
  }
  bool VisitCXXThisExpr(CXXThisExpr *E) {
    if (!Consumed.count(E))
      HandsOut = true;
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesThis())
        HandsOut = true;
    return true;
  }

  llvm::SmallPtrSet<const FunctionDecl *, 8> Called;
  bool HandsOut = false;

private:
  llvm::SmallPtrSet<const CXXThisExpr *, 8> Consumed;
};

void collectRecords(const DeclContext *DC, const SourceManager &SM,
                    std::vector<const CXXRecordDecl *> &Out) {
  for (const Decl *D : DC->decls()) {
    if (const auto *T = dyn_cast<ClassTemplateDecl>(D))
      D = T->getTemplatedDecl();
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
      if (!RD->isThisDeclarationADefinition())
        continue;
      Out.push_back(RD);
      collectRecords(RD, SM, Out);
    } else if (isa<NamespaceDecl>(D) || isa<LinkageSpecDecl>(D) ||
               isa<ExportDecl>(D)) {
      if (!SM.isInSystemHeader(D->getLocation()))
        collectRecords(cast<DeclContext>(D), SM, Out);
    }
  }
}

} // namespace

const std::vector<const CXXRecordDecl *> &
SealedMembers::records(const ASTContext &Ctx) {
  if (!Records) {
    Records.emplace();
    collectRecords(Ctx.getTranslationUnitDecl(), Ctx.getSourceManager(),
                   *Records);
  }
  return *Records;
}

std::optional<SealedMembers::MethodSet>
SealedMembers::methodsRunOn(const FieldDecl *Member) {
  const auto *Owner = dyn_cast<CXXRecordDecl>(Member->getParent());
  const CXXRecordDecl *Class = Member->getType()->getAsCXXRecordDecl();
  if (!Owner || !Class || !Class->hasDefinition() || isTemplated(Owner) ||
      isTemplated(Class) || Member->getType()->isReferenceType())
    return std::nullopt;
  Class = Class->getDefinition();
  const ASTContext &Ctx = Owner->getASTContext();
  if (Ctx.getSourceManager().isInSystemHeader(Class->getLocation()))
    return std::nullopt;

  // The classes whose code reaches the member: the owner, the classes
  // nested in it, and for a protected member those derived from it.
  llvm::SmallVector<const CXXRecordDecl *, 4> Reaching{Owner};
  if (Member->getAccess() == AS_protected) {
    for (const CXXRecordDecl *RD : records(Ctx)) {
      if (RD == Owner || !RD->hasDefinition())
        continue;
      // A dependent base may be the owner: cannot tell who reaches it.
      if (llvm::any_of(RD->bases(), [](const CXXBaseSpecifier &B) {
            return B.getType()->isDependentType();
          }))
        return std::nullopt;
      if (RD->isDerivedFrom(Owner))
        Reaching.push_back(RD);
    }
  } else if (Member->getAccess() != AS_private) {
    return std::nullopt;
  }
  for (size_t I = 0; I < Reaching.size(); ++I)
    for (const Decl *D : Reaching[I]->decls())
      if (const auto *Nested = dyn_cast<CXXRecordDecl>(D);
          Nested && Nested->isThisDeclarationADefinition() &&
          !Nested->isImplicit())
        Reaching.push_back(Nested);

  MemberUses Uses(Member);
  for (const CXXRecordDecl *RD : Reaching) {
    if (RD->friend_begin() != RD->friend_end() || isTemplated(RD))
      return std::nullopt;
    std::optional<std::vector<const FunctionDecl *>> Bodies =
        definedMembers(RD);
    if (!Bodies)
      return std::nullopt;
    for (const FunctionDecl *F : *Bodies) {
      Uses.TraverseDecl(const_cast<FunctionDecl *>(F));
      if (Uses.Escapes)
        return std::nullopt;
    }
    // Default member initializers run in constructors.
    for (const FieldDecl *Field : RD->fields())
      if (Field->hasInClassInitializer())
        Uses.TraverseStmt(const_cast<Expr *>(Field->getInClassInitializer()));
    if (Uses.Escapes)
      return std::nullopt;
  }

  // The member's class must keep `this` to itself; then what runs on the
  // member is what was called on it, and what that calls on `this`.
  std::optional<std::vector<const FunctionDecl *>> Own = definedMembers(Class);
  // A base's method could reach an override without this class's code
  // naming it: classes with bases are not judged.
  if (!Own || Class->friend_begin() != Class->friend_end() ||
      Class->getNumBases() != 0)
    return std::nullopt;
  llvm::DenseMap<const FunctionDecl *, ThisUses> OnThis;
  for (const FunctionDecl *F : *Own) {
    ThisUses &This = OnThis[normalized(F)];
    This.TraverseDecl(const_cast<FunctionDecl *>(F));
    if (This.HandsOut)
      return std::nullopt;
  }
  MethodSet Run(Uses.Called.begin(), Uses.Called.end());
  // Constructors and the destructor run on the member without a call.
  for (const FunctionDecl *F : *Own)
    if (isa<CXXConstructorDecl>(F) || isa<CXXDestructorDecl>(F))
      Run.insert(normalized(F));
  llvm::SmallVector<const FunctionDecl *, 8> Work(Run.begin(), Run.end());
  while (!Work.empty()) {
    auto It = OnThis.find(Work.pop_back_val());
    if (It == OnThis.end())
      continue;
    for (const FunctionDecl *Callee : It->second.Called)
      if (Run.insert(Callee).second)
        Work.push_back(Callee);
  }
  return Run;
}

bool SealedMembers::mayRun(const FieldDecl *Member, const FunctionDecl *Method) {
  const auto *M = dyn_cast<CXXMethodDecl>(Method);
  const CXXRecordDecl *Class = Member->getType()->getAsCXXRecordDecl();
  // Only a method of the member's own class is judged; anything else (the
  // owner's code, a free function) may reach the field some other way.
  if (!M || !Class || M->getParent()->getCanonicalDecl() !=
                          Class->getCanonicalDecl())
    return true;
  auto [It, New] = Runs.try_emplace(Member->getCanonicalDecl());
  if (New)
    It->second = methodsRunOn(Member);
  return !It->second || It->second->count(normalized(Method));
}

} // namespace leaklint
