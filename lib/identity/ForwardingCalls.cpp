//===--- ForwardingCalls.cpp - Calls whose result is an operand -----------===//
#include "identity/ForwardingCalls.h"
#include "code/LibraryFunctions.h"
#include "code/Temporaries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 6;
// Helpers that forward an operand are short: casts and getters. Longer
// bodies are not summarised, which keeps naming an object cheap.
constexpr unsigned MaxStatements = 8;

bool isWeakPointer(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier() || RD->getName() != "weak_ptr")
    return false;
  const DeclContext *DC = RD->getDeclContext();
  while (DC && DC->isInlineNamespace())
    DC = DC->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  return RD->isInStdNamespace() || (NS && NS->getName() == "boost");
}

// What a returned expression is, in the callee's own terms: `this` (-1),
// parameter K (K), or unknown.
std::optional<int> classify(const Expr *E, const FunctionDecl *F,
                            unsigned Depth) {
  if (Depth > MaxDepth)
    return std::nullopt;
  for (unsigned Step = 0; E && Step < 12; ++Step) {
    E = ignoreTemporaries(E);
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *U = dyn_cast<UnaryOperator>(E);
             U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf))
      E = U->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() >= 1 &&
             (Construct->getNumArgs() == 1 ||
              isa<CXXDefaultArgExpr>(Construct->getArg(1))) &&
             Construct->getConstructor() &&
             (Construct->getConstructor()->isCopyOrMoveConstructor() ||
              Construct->getConstructor()->getParent()->isInStdNamespace()))
      E = Construct->getArg(0);
    else
      break;
  }
  if (!E)
    return std::nullopt;
  if (isa<CXXThisExpr>(E))
    return -1;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
        Param && Param->getDeclContext() == F)
      return static_cast<int>(Param->getFunctionScopeIndex());
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const Expr *Inner = forwardedOperand(Call, Depth + 1))
      return classify(Inner, F, Depth + 1);
  return std::nullopt;
}

// Every return of \p F's body names the same operand.
std::optional<int> returnedOperand(const FunctionDecl *F, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def) || Depth > MaxDepth || Def->isDependentContext())
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() > MaxStatements || Body->size() == 0)
    return std::nullopt;
  std::optional<int> Found;
  for (const Stmt *S : Body->body()) {
    const auto *Return = dyn_cast<ReturnStmt>(S);
    if (!Return)
      continue;
    std::optional<int> This = classify(Return->getRetValue(), Def, Depth);
    if (!This || (Found && *Found != *This))
      return std::nullopt;
    Found = This;
  }
  return Found;
}

} // namespace

const Expr *forwardedOperand(const CallExpr *Call, unsigned Depth) {
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || Depth > MaxDepth)
    return nullptr;
  const Expr *Receiver = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Receiver = Member->getImplicitObjectArgument();
  if (FD->getIdentifier()) {
    StringRef Name = FD->getName();
    if (Receiver &&
        (Name == "shared_from_this" || Name == "weak_from_this"))
      return Receiver;
    if (Receiver && Name == "lock" && isWeakPointer(Receiver->getType()))
      return Receiver;
    if (Call->getNumArgs() >= 1 &&
        isStdFunction(FD, {"static_pointer_cast", "dynamic_pointer_cast",
                           "const_pointer_cast", "reinterpret_pointer_cast"}))
      return Call->getArg(0);
  }
  if (FD->isInStdNamespace())
    return nullptr;
  std::optional<int> Operand = returnedOperand(FD, Depth);
  if (!Operand)
    return nullptr;
  if (*Operand < 0)
    return Receiver;
  // Operator calls written as members count `this` as argument 0.
  unsigned Index = static_cast<unsigned>(*Operand);
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD))
    ++Index;
  return Index < Call->getNumArgs() ? Call->getArg(Index) : nullptr;
}

} // namespace leaklint
