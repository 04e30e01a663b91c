//===--- CallbackFacts.h - leak-callback-cycle across TUs -------*- C++ -*-===//
//
// The facts leak-callback-cycle writes per translation unit in whole-program
// mode (docs/whole-program.md), and leaklint-merge reads back. Per TU, a
// callable holding the object handed to a method of an object it owns is a
// store only when the method's body shows one; a method defined in another
// .cpp leaves the TU quiet. The facts keep such calls, already worded as the
// TU would report them, every parameter the TU's own methods store (and
// where), and every field the TU empties; the merge joins the first two and
// reports a store no TU empties. Stores the TU found itself, into storage a
// method defined elsewhere may empty, wait for the merge the same way. Declarations are named by USR. Plain data
// over LLVM Support: the merge links no AST.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_CALLBACK_CYCLE_CALLBACKFACTS_H
#define LEAKLINT_CHECKS_CALLBACK_CYCLE_CALLBACKFACTS_H

#include "facts/FactsFiles.h"
#include "facts/WholeProgramFinding.h"
#include <string>
#include <vector>

namespace leaklint::callbacks {

/// A method this TU defines out of line stores its parameter \c Param in
/// \c Field of its object, or of an object it owns (\c Via).
struct ParamStoreFact {
  std::string Function; ///< USR
  unsigned Param = 0;
  std::vector<std::string> Via;      ///< USRs of the owned fields on the way
  std::vector<std::string> ViaNames; ///< their names, for the message
  std::string Field;                 ///< USR
  std::string FieldName;             ///< `readCb_`
  std::string FieldMember;           ///< `Channel::readCb_`
  std::string StoredBy; ///< the method that stores, when handed on
  facts::SourcePoint Where;
};

/// A callable holding the object, handed to a method this TU has no body
/// of, called on the object or an object it owns.
struct PendingCallbackFact {
  std::string Callee;     ///< USR
  std::string CalleeName; ///< `Channel::setReadCallback`
  unsigned Param = 0;
  /// The owned fields from the object to the callee's object: USRs and
  /// names.
  std::vector<std::string> Chain;
  std::vector<std::string> ChainNames;
  /// The finding as the TU would word it, but for the storage the callee
  /// names: its message starts after the storage (" stores a callback
  /// holding ...").
  facts::WholeProgramFinding Finding;
};

/// A store the TU found, into storage a method it has no body of (defined
/// in another .cpp) could empty: the merge reports it when no TU empties
/// the storage or an owned object on the way to it.
struct WaitingCallbackFact {
  /// The owned fields from the object to the storage, and the storage
  /// (USRs).
  std::vector<std::string> Chain;
  /// The finding as the TU would word it, without fix-its.
  facts::WholeProgramFinding Finding;
};

/// Everything one TU contributes.
struct CallbackFacts {
  std::vector<ParamStoreFact> Stores;
  std::vector<PendingCallbackFact> Pending;
  std::vector<WaitingCallbackFact> Waiting;
  /// Where the stores are that the TU reports itself: a header's store
  /// that one TU reports and another leaves waiting is not repeated.
  std::vector<facts::SourcePoint> Reported;
  /// Fields (USRs) some function of this TU empties (StorageResets.h).
  std::vector<std::string> Resets;
};

llvm::json::Value toJSON(const CallbackFacts &F);
bool fromJSON(const llvm::json::Value &V, CallbackFacts &F,
              llvm::json::Path P);

} // namespace leaklint::callbacks

#endif // LEAKLINT_CHECKS_CALLBACK_CYCLE_CALLBACKFACTS_H
