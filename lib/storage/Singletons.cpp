//===--- Singletons.cpp - Classes with exactly one, program-long instance -===//
#include "Singletons.h"
#include "Compat.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace leaklint {
namespace {

// A Meyers singleton in a CRTP base that was never instantiated:
// `template <class T> struct Singleton { static T &instance() { static T t;
// return t; } }; struct Logger : Singleton<Logger> {};`.
bool hasCrtpSingletonBase(const CXXRecordDecl *Class) {
  const CXXRecordDecl *Def = Class->getDefinition();
  if (!Def)
    return false;
  for (const CXXBaseSpecifier &Base : Def->bases()) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Base.getType()->getAsCXXRecordDecl());
    if (!Spec)
      continue;
    const CXXRecordDecl *Pattern =
        Spec->getSpecializedTemplate()->getTemplatedDecl();
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    for (const CXXMethodDecl *M : Pattern->methods()) {
      const auto *Body = dyn_cast_or_null<CompoundStmt>(M->getBody());
      if (!M->isStatic() || !Body)
        continue;
      for (const Stmt *S : Body->body()) {
        const auto *DS = dyn_cast<DeclStmt>(S);
        const auto *VD = DS && DS->isSingleDecl()
                             ? dyn_cast<VarDecl>(DS->getSingleDecl())
                             : nullptr;
        if (!VD || !VD->isStaticLocal())
          continue;
        const auto *Parm = VD->getType()->getAs<TemplateTypeParmType>();
        if (Parm && Parm->getIndex() < Args.size() &&
            Args[Parm->getIndex()].getKind() == TemplateArgument::Type &&
            declaresSameEntity(
                Args[Parm->getIndex()].getAsType()->getAsCXXRecordDecl(), Def))
          return true;
      }
    }
  }
  return false;
}

} // namespace

void Singletons::observeStaticLocal(const VarDecl *Var) {
  // A Meyers singleton: `static T &instance() { static T t; return t; }`.
  if (const auto *Accessor = dyn_cast<CXXMethodDecl>(Var->getDeclContext());
      Accessor && Accessor->isStatic()) {
    QualType T = Var->getType().getNonReferenceType();
    if (T->isPointerType())
      T = T->getPointeeType();
    // `static auto s = std::make_shared<T>();` holds the one instance too.
    if (const auto *Owner = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            T->getAsCXXRecordDecl());
        Owner && Owner->isInStdNamespace() &&
        (Owner->getName() == "shared_ptr" ||
         Owner->getName() == "unique_ptr") &&
        Owner->getTemplateArgs().size() > 0 &&
        Owner->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      T = Owner->getTemplateArgs()[0].getAsType();
    // The accessor may live in a CRTP base: `Singleton<T>::instance()`.
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (RD && RD->hasDefinition() &&
        (declaresSameEntity(RD, Accessor->getParent()) ||
         RD->getDefinition()->isDerivedFrom(Accessor->getParent())))
      Classes.insert(RD->getCanonicalDecl());
  }
}

bool Singletons::isSingleton(const CXXRecordDecl *RD) const {
  return RD &&
         (Classes.contains(RD->getCanonicalDecl()) || hasCrtpSingletonBase(RD));
}

} // namespace leaklint
