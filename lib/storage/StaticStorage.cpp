//===--- StaticStorage.cpp - Variables that live as long as the program ---===//
#include "StaticStorage.h"
#include "Compat.h"
#include "Finding.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {

std::optional<StaticStorageKind> classifyStaticStorage(const VarDecl *VD) {
  if (!VD || !VD->hasGlobalStorage())
    return std::nullopt;
  if (VD->getTLSKind() != VarDecl::TLS_None)
    return StaticStorageKind::ThreadLocal;
  if (VD->isStaticDataMember())
    return StaticStorageKind::StaticMember;
  if (VD->isStaticLocal())
    return StaticStorageKind::FunctionLocal;
  return StaticStorageKind::Global;
}

StringRef describeStaticStorage(StaticStorageKind Kind) {
  switch (Kind) {
  case StaticStorageKind::FunctionLocal:
    return "function-local static";
  case StaticStorageKind::ThreadLocal:
    return "thread_local";
  case StaticStorageKind::StaticMember:
    return "static member";
  case StaticStorageKind::Global:
    return "global";
  }
  llvm_unreachable("covered switch");
}

std::string storageName(const VarDecl *VD) { return memberName(VD); }

const Expr *iteratedContainer(const Expr *Iterator) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
      Iterator ? Iterator->IgnoreParenImpCasts() : nullptr);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !VD->isLocalVarDecl() || VD->isStaticLocal() ||
      VD->getType()->isReferenceType() || !VD->getInit())
    return nullptr;
  const auto *Call =
      dyn_cast<CXXMemberCallExpr>(VD->getInit()->IgnoreImplicit());
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  if (!M || !M->getIdentifier() ||
      !llvm::is_contained({"find", "begin", "cbegin", "lower_bound",
                           "upper_bound"},
                          M->getName()))
    return nullptr;
  return Call->getImplicitObjectArgument();
}

bool isPairMember(const ValueDecl *D) {
  const auto *Field = dyn_cast_or_null<FieldDecl>(D);
  const auto *Pair =
      Field ? dyn_cast<ClassTemplateSpecializationDecl>(Field->getParent())
            : nullptr;
  return Pair && Pair->isInStdNamespace() && Pair->getIdentifier() &&
         Pair->getName() == "pair" && Field->getIdentifier() &&
         llvm::is_contained({"first", "second"}, Field->getName());
}

// The variable or field whose container \p E designates, through elements,
// pointers, local references, iterators and accessors.
static const ValueDecl *storageOf(const Expr *E, unsigned Depth,
                                  bool *Element) {
  if (!E || Depth > 8)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      if (Element)
        *Element = true;
      return storageOf(Op->getArg(0), Depth + 1, Element);
    }
    // `*It`, `It->`: the entry an iterator into the container points at.
    if ((Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow) &&
        Op->getNumArgs() == 1)
      if (const Expr *Container = iteratedContainer(Op->getArg(0))) {
        if (Element)
          *Element = true;
        return storageOf(Container, Depth + 1, Element);
      }
    return nullptr;
  }
  // `It->second`: the value of that entry.
  if (const auto *Member = dyn_cast<MemberExpr>(E);
      Member && isPairMember(Member->getMemberDecl()))
    return storageOf(Member->getBase(), Depth + 1, Element);
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_Deref
               ? storageOf(U->getSubExpr(), Depth + 1, Element)
               : nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() &&
        llvm::is_contained({"at", "front", "back"}, M->getName())) {
      if (Element)
        *Element = true;
      return storageOf(Member->getImplicitObjectArgument(), Depth + 1,
                       Element);
    }
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // An accessor: no arguments, returns a reference to the container.
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || Call->getNumArgs() ||
        !FD->getReturnType()->isLValueReferenceType())
      return nullptr;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
    if (!Body || Body->body_empty())
      return nullptr;
    const auto *Return = dyn_cast<ReturnStmt>(Body->body_back());
    return Return ? storageOf(Return->getRetValue(), Depth + 1, Element)
                  : nullptr;
  }
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    D = Member->getMemberDecl();
  if (const auto *Field = dyn_cast_or_null<FieldDecl>(D))
    return Field->isInvalidDecl() ? nullptr : Field;
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  if (!VD || VD->isInvalidDecl())
    return nullptr;
  if (VD->hasGlobalStorage()) {
    // Another name for a static container: `static std::set<T *> &alias =
    // all;`, `static std::set<T *> *const ptr = &all;`. A pointer that may
    // be reseated is a variable of its own.
    QualType T = VD->getType();
    // A static member's initialiser is on its definition.
    const Expr *Init = VD->getAnyInitializer();
    if (Init && T->isReferenceType())
      if (const ValueDecl *Aliased = storageOf(Init, Depth + 1, Element))
        return Aliased;
    if (Init && T->isPointerType() && T.isConstQualified())
      if (const auto *Address =
              dyn_cast<UnaryOperator>(Init->IgnoreParenImpCasts());
          Address && Address->getOpcode() == UO_AddrOf)
        if (const ValueDecl *Aliased =
                storageOf(Address->getSubExpr(), Depth + 1, Element))
          return Aliased;
    return VD;
  }
  // `auto &Registry = registry();`
  if (VD->isLocalVarDecl() && VD->getType()->isLValueReferenceType())
    return storageOf(VD->getInit(), Depth + 1, Element);
  return nullptr;
}

const VarDecl *staticVariableOf(const Expr *E, bool *ThroughElement) {
  if (ThroughElement)
    *ThroughElement = false;
  return dyn_cast_or_null<VarDecl>(storageOf(E, 0, ThroughElement));
}

const FieldDecl *memberStorageOf(const Expr *E) {
  return dyn_cast_or_null<FieldDecl>(storageOf(E, 0, nullptr));
}

const ValueDecl *containerStorageOf(const Expr *E) {
  const ValueDecl *D = storageOf(E, 0, nullptr);
  return D ? cast<ValueDecl>(D->getCanonicalDecl()) : nullptr;
}

QualType containerTypeOf(const VarDecl *VD) {
  QualType T = VD->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T;
}

bool sameVariable(const VarDecl *A, const VarDecl *B) {
  return A && B &&
         (A->getCanonicalDecl() == B->getCanonicalDecl() ||
          A->getLocation() == B->getLocation());
}

} // namespace leaklint
