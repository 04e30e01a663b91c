//===--- InstanceCacheFacts.h - leak-static-instance-cache across TUs -*- C++
//-*-===//
//
// The facts leak-static-instance-cache writes per translation unit in
// whole-program mode (docs/whole-program.md), and leaklint-merge reads back.
// Per TU, a registry of `this` whose class's destructor is defined in another
// .cpp is left alone: the removal may be there. The facts keep such
// registries, already worded as the TU would report them, with the functions
// the answer waits for; and, for every function a TU defines out of line,
// which static registries it (or what it runs in the TU) removes entries
// from and which functions it runs that the TU does not define. The merge
// follows those and reports the registry when every destructor involved is
// known and none removes. Declarations are named by USR. Plain data over
// LLVM Support: the merge links no AST.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_INSTANCECACHEFACTS_H
#define LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_INSTANCECACHEFACTS_H

#include "facts/FactsFiles.h"
#include "facts/WholeProgramFinding.h"
#include <map>
#include <string>
#include <vector>

namespace leaklint::instancecache {

using facts::SourcePoint;

/// A registry of `this` of one class that this TU would report if it saw the
/// functions in Open, and which of them remove nothing from it.
struct PendingRegistryFact {
  std::string Registry; ///< USR of the static variable
  std::string Class;    ///< USR of the class whose objects are stored
  std::string RegistryName;
  /// The finding, with the notes that show the stores; then the notes that
  /// say what to change.
  facts::WholeProgramFinding Finding;
  std::vector<facts::WholeProgramNote> Remedies;
  /// What runs when an object dies that this TU declares but does not
  /// define: destructors, and functions the visible ones call (USRs).
  std::vector<std::string> Open;
};

/// What one function defined out of line does, with what it runs in its own
/// TU (a few calls deep, as the per-TU search goes): the registries it
/// removes entries from, and the functions it runs that its TU does not
/// define.
struct FunctionFact {
  std::string Name; ///< as notes name it: `Widget::~Widget`
  SourcePoint Point;
  std::vector<std::string> Removes;
  /// It may remove from any registry: it removes from a container a
  /// parameter names (a helper handed the registry), or its search was cut
  /// short.
  bool MayRemoveAny = false;
  std::vector<std::string> Runs;
};

/// Everything one TU contributes.
struct InstanceCacheFacts {
  std::vector<PendingRegistryFact> Pending;
  /// Keyed by USR.
  std::map<std::string, FunctionFact> Functions;
  /// Registries (USR) this TU reports itself: the merge does not repeat them.
  std::vector<std::string> Reported;
};

llvm::json::Value toJSON(const InstanceCacheFacts &F);
bool fromJSON(const llvm::json::Value &V, InstanceCacheFacts &F,
              llvm::json::Path P);

} // namespace leaklint::instancecache

#endif // LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_INSTANCECACHEFACTS_H
