//===--- InstanceCacheFactsCollector.h - leak-static-instance-cache's facts
//-*- C++ -*-===//
//
// Turns what the per-TU analysis found into InstanceCacheFacts
// (InstanceCacheFacts.h): the registries it left to the merge, worded as it
// would report them, and what each function it defines out of line removes
// and runs.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_INSTANCECACHEFACTSCOLLECTOR_H
#define LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_INSTANCECACHEFACTSCOLLECTOR_H

#include "Finding.h"
#include "InstanceCacheFacts.h"
#include "storage/RegistryRemoval.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

namespace leaklint::instancecache {

class InstanceCacheFactsCollector {
public:
  /// A function definition of the TU. Only those defined out of line are
  /// kept: an inline function is defined in every TU that calls it.
  void addDefinition(const clang::FunctionDecl *F);

  /// \p Registry of objects of \p Class, which the TU would report as \p F
  /// if the functions in \p Open, which it does not define, removed nothing.
  /// The first \p Evidence notes of \p F show the stores; the rest say what
  /// to change.
  void defer(const clang::ValueDecl *Registry, const clang::CXXRecordDecl *Class,
             const Finding &F, size_t Evidence,
             llvm::ArrayRef<const clang::FunctionDecl *> Open,
             const clang::ASTContext &Ctx);

  /// \p Registry is reported by this TU.
  void reported(const clang::ValueDecl *Registry);

  /// The TU's facts.
  InstanceCacheFacts finish(const clang::ASTContext &Ctx);

  void clear() {
    Facts = InstanceCacheFacts();
    Definitions.clear();
    Summaries.clear();
  }

private:
  FunctionFact summarize(const clang::FunctionDecl *Root,
                         const clang::ASTContext &Ctx);
  const RemovalSummary &summaryOf(const clang::FunctionDecl *F);

  InstanceCacheFacts Facts;
  std::vector<const clang::FunctionDecl *> Definitions;
  llvm::DenseMap<const clang::FunctionDecl *, RemovalSummary> Summaries;
};

} // namespace leaklint::instancecache

#endif // LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_INSTANCECACHEFACTSCOLLECTOR_H
