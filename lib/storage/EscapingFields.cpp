//===--- EscapingFields.cpp - Fields a method hands out -------------------===//
#include "storage/EscapingFields.h"
#include "code/Accessors.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// A pointer or lvalue reference to something the caller may modify.
bool handsOutMutable(QualType T) {
  if (T->isPointerType() || T->isLValueReferenceType())
    return !T->getPointeeType().isConstQualified();
  return false;
}

class ReturnVisitor : public RecursiveASTVisitor<ReturnVisitor> {
public:
  ReturnVisitor(const FunctionDecl *F,
                llvm::DenseMap<const FieldDecl *, StorageReset> &Escapes)
      : F(F), Escapes(Escapes) {}

  bool shouldVisitLambdaExpressions() const { return false; }

  bool VisitReturnStmt(ReturnStmt *Return) {
    if (const FieldDecl *Field = fieldHandedOut(Return, F))
      Escapes.try_emplace(StorageResets::key(Field),
                          StorageReset{Return->getBeginLoc(), F});
    return true;
  }

private:
  const FunctionDecl *F;
  llvm::DenseMap<const FieldDecl *, StorageReset> &Escapes;
};

} // namespace

void EscapingFields::collect(const FunctionDecl *F) {
  if (!isa<CXXMethodDecl>(F) || !F->getBody() ||
      !handsOutMutable(F->getReturnType()))
    return;
  ReturnVisitor(F, Escapes).TraverseStmt(F->getBody());
}

const StorageReset *EscapingFields::find(const FieldDecl *Field) const {
  auto It = Escapes.find(StorageResets::key(Field));
  return It == Escapes.end() ? nullptr : &It->second;
}

} // namespace leaklint
