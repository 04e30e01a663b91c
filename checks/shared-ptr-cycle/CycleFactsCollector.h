//===--- CycleFactsCollector.h - leak-shared-ptr-cycle's facts of a TU -*- C++
//-*-===//
//
// Turns what the per-TU analysis found into CycleFacts (CycleFacts.h): the
// calls a function makes into bodies this TU lacks, the setters it defines,
// the fields they name, where collections are drained and fields reset, and
// which of those functions are called at all.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEFACTSCOLLECTOR_H
#define LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEFACTSCOLLECTOR_H

#include "CycleFacts.h"
#include "ownership/OwnershipLinks.h"
#include "storage/StorageResets.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

namespace leaklint::cycles {

class CycleFactsCollector {
public:
  CycleFactsCollector(const ContainerTypes &Containers, OwnershipLinks &Links)
      : Containers(Containers), Links(Links) {}

  /// Everything \p F contributes: its setter summary, the methods it calls,
  /// and, when it calls into bodies this TU lacks, its links and those calls.
  void addFunction(const clang::FunctionDecl *F, clang::ASTContext &Ctx,
                   llvm::ArrayRef<OwnershipLink> Found,
                   llvm::ArrayRef<OpaqueCall> Opaque);

  /// The TU's facts, with its drains, resets and the back edges it reports.
  CycleFacts finish(const StorageResets &Resets,
                    llvm::ArrayRef<const clang::FieldDecl *> Reported,
                    clang::ASTContext &Ctx);

  void clear() {
    Facts = CycleFacts();
    Ids.clear();
    HoldsOwners.clear();
  }

private:
  /// True when \p RD declares a field that holds shared owners (cached).
  bool holdsOwners(const clang::CXXRecordDecl *RD);
  std::string field(const clang::FieldDecl *F, const clang::ASTContext &Ctx);
  std::string id(const void *P);
  ObjectFact object(const ObjectName &N, const clang::ASTContext &Ctx);
  std::string text(const clang::Expr *E, const clang::ASTContext &Ctx);

  const ContainerTypes &Containers;
  OwnershipLinks &Links;
  CycleFacts Facts;
  llvm::DenseMap<const void *, unsigned> Ids;
  llvm::DenseMap<const clang::CXXRecordDecl *, bool> HoldsOwners;
};

} // namespace leaklint::cycles

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEFACTSCOLLECTOR_H
