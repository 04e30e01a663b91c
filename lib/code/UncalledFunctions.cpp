//===--- UncalledFunctions.cpp - Functions nothing in the TU runs ---------===//
#include "code/UncalledFunctions.h"
#include "code/SkippedBodies.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace leaklint {

bool UncalledFunctions::onlyThisTUCanCall(const FunctionDecl *F) {
  if (isa<CXXConstructorDecl, CXXDestructorDecl, CXXConversionDecl>(F) ||
      F->isOverloadedOperator() || F->isMain() || !F->getIdentifier())
    return false;
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (Method && (Method->isVirtual() || Method->getParent()->isLambda()))
    return false;
  if (!F->isExternallyVisible())
    return true;
  // A class defined in the main file is this TU's own. So is an inline
  // function defined there only: a TU that calls an inline function must
  // define it too, and no header gives it one.
  const SourceManager &SM = F->getASTContext().getSourceManager();
  auto InMainFile = [&](const Decl *D) {
    return SM.isInMainFile(SM.getExpansionLoc(D->getLocation()));
  };
  if (Method)
    return InMainFile(Method->getParent());
  // A function template defined in this file only: no other TU has the
  // definition to instantiate it.
  const FunctionDecl *Pattern = F->getTemplateInstantiationPattern();
  if (!Pattern && F->getDescribedFunctionTemplate())
    Pattern = F;
  if (Pattern && llvm::all_of(Pattern->redecls(), [&](const FunctionDecl *R) {
        return InMainFile(R);
      }))
    return true;
  // A specialization for a class only this file defines: no other TU can
  // name its arguments.
  if (const TemplateArgumentList *Args = F->getTemplateSpecializationArgs())
    for (const TemplateArgument &Arg : Args->asArray())
      if (Arg.getKind() == TemplateArgument::Type)
        if (const CXXRecordDecl *RD = Arg.getAsType()->getAsCXXRecordDecl();
            RD && InMainFile(RD))
          return true;
  return F->isInlined() && !F->getTemplateInstantiationPattern() &&
         llvm::all_of(F->redecls(),
                      [&](const FunctionDecl *R) { return InMainFile(R); });
}

bool UncalledFunctions::isUncalled(const FunctionDecl *F) {
  ASTContext &Ctx = F->getASTContext();
  if (!onlyThisTUCanCall(F) || isPartialTraversal(Ctx))
    return false;
  const FunctionUses &Used = uses(Ctx);
  const FunctionDecl *Origin = FunctionUses::origin(F);
  if (Used.Named.contains(Origin))
    return false;
  // A name templates leave unresolved may call it, unless it is spelled
  // only inside the function itself.
  auto Spelled = Used.Spellings.find(F->getName());
  return Spelled == Used.Spellings.end() || Spelled->second == Origin;
}

bool UncalledFunctions::calledOnlyInDestructors(
    const FunctionDecl *F,
    llvm::function_ref<bool(const CXXRecordDecl *)> Dies) {
  ASTContext &Ctx = F->getASTContext();
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (!onlyThisTUCanCall(F) || isPartialTraversal(Ctx) ||
      (Method && Method->isVirtual()))
    return false;
  const FunctionUses &Used = uses(Ctx);
  const FunctionDecl *Origin = FunctionUses::origin(F);
  auto InDestructor = [&](const FunctionDecl *Holder) {
    const auto *D = dyn_cast_or_null<CXXDestructorDecl>(Holder);
    return D && Dies(D->getParent());
  };
  auto Calls = Used.Calls.find(Origin);
  if (Used.Escaped.contains(Origin) || Calls == Used.Calls.end() ||
      Calls->second.empty())
    return false;
  if (auto Spelled = Used.Spellings.find(F->getName());
      Spelled != Used.Spellings.end() && !InDestructor(Spelled->second))
    return false;
  return llvm::all_of(Calls->second, [&](const CallExpr *Call) {
    return InDestructor(FunctionUses::holding(Call, Ctx));
  });
}

const FunctionUses &UncalledFunctions::uses(ASTContext &Ctx) {
  if (!Uses)
    Uses = FunctionUses::read(Ctx);
  return *Uses;
}

bool UncalledFunctions::definesMain(const ASTContext &Ctx) {
  if (!HasMain) {
    HasMain = false;
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *F = dyn_cast<FunctionDecl>(D);
          F && F->isMain() && F->doesThisDeclarationHaveABody()) {
        HasMain = true;
        break;
      }
  }
  return *HasMain;
}

} // namespace leaklint
