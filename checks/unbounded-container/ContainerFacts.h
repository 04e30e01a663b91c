//===--- ContainerFacts.h - leak-unbounded-container across TUs -*- C++ -*-===//
//
// The facts leak-unbounded-container writes per translation unit in
// whole-program mode (docs/whole-program.md), and leaklint-merge reads back.
// Per TU, a growing container that other translation units can touch (a
// global declared in a header, a public static member, a field of a class
// defined in a header) is left alone: another TU may empty it. The facts keep
// such containers, already worded as the TU would report them, and every
// container each TU may shrink; the merge reports a container no TU shrinks.
// Declarations are named by USR. Plain data over LLVM Support: the merge
// links no AST.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_CONTAINERFACTS_H
#define LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_CONTAINERFACTS_H

#include "facts/FactsFiles.h"
#include "facts/WholeProgramFinding.h"
#include <string>
#include <vector>

namespace leaklint::containers {

/// A container this TU would report if no other TU could shrink it.
struct PendingContainerFact {
  std::string Container; ///< USR of the variable or field
  facts::WholeProgramFinding Finding;
};

/// Everything one TU contributes.
struct ContainerFacts {
  std::vector<PendingContainerFact> Pending;
  /// Containers (USRs) some code of this TU may shrink: a shrinking method,
  /// an assignment, a swap, its address escaping, a call that may empty it.
  std::vector<std::string> Shrunk;
  /// Containers (USRs) this TU reports itself: the merge does not repeat
  /// them.
  std::vector<std::string> Reported;
};

llvm::json::Value toJSON(const ContainerFacts &F);
bool fromJSON(const llvm::json::Value &V, ContainerFacts &F,
              llvm::json::Path P);

} // namespace leaklint::containers

#endif // LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_CONTAINERFACTS_H
