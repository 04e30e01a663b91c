//===--- StaticStorage.cpp - Variables that live as long as the program ---===//
#include "StaticStorage.h"
#include "Compat.h"
#include "clang/AST/DeclCXX.h"

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

std::string storageName(const VarDecl *VD) {
  if (VD->isStaticDataMember())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(VD->getDeclContext()))
      return (RD->getName() + "::" + VD->getName()).str();
  return VD->getName().str();
}

} // namespace leaklint
