//===--- CycleFacts.h - What leak-shared-ptr-cycle knows across TUs -*- C++
//-*-===//
//
// The facts leak-shared-ptr-cycle writes per translation unit in
// whole-program mode (docs/whole-program.md), and leaklint-merge reads back.
// Per TU, the check sees a call `node->add_parent_node(p)` to a setter defined
// in another .cpp as storing nothing. The facts keep such calls, with the
// objects the function names (symbolically, as ObjectNames do), and the
// setters each TU defines (which parameter goes into which shared-owner
// field), so the merge can close the links the TU could not. Declarations are
// named by USR. Plain data over LLVM Support: the merge links no AST.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEFACTS_H
#define LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEFACTS_H

#include "facts/FactsFiles.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace leaklint::cycles {

using facts::SourcePoint;

/// One step of an object path: a field (by USR) or an element of a
/// container field (by an id unique in its function).
struct StepFact {
  std::string Field;
  std::string Element;
  /// The step leads to an object the holder owns (see isOwningStep()).
  bool Owning = true;
  bool operator==(const StepFact &O) const {
    return Field == O.Field && Element == O.Element;
  }
};

/// An object one function names, as ObjectName does; roots and versions are
/// ids unique within that function's facts.
struct ObjectFact {
  std::string Kind; ///< "this", "local", "parameter" or "fresh"
  std::string Root;
  std::string Version;
  std::vector<StepFact> Path;
  /// A fresh object: where it is made (the older of two comes first).
  SourcePoint Made;
  bool operator==(const ObjectFact &O) const {
    return Kind == O.Kind && Root == O.Root && Version == O.Version &&
           Path == O.Path;
  }
  /// True when this object is \p Inner or owns it through fields.
  bool ownsOrIs(const ObjectFact &Inner) const;
  /// As ObjectName::age(): fresh 0, local 1, parameter 2, this 3.
  unsigned age() const;
};

/// One store of a shared owner of Target into Holder's field (or, with
/// Breaks, its undoing), as OwnershipLink says it.
struct LinkFact {
  ObjectFact Holder;
  std::string Field;
  ObjectFact Target;
  SourcePoint Value;
  std::string ValueText;
  bool FromSharedFromThis = false;
  bool Breaks = false;
  /// The setter the store goes through, by qualified name.
  std::string Through;
  /// Set by the merge: the store happens in a setter another TU defines,
  /// here.
  std::optional<SourcePoint> RemoteStore;
};

/// A call to a function whose body the TU does not have, on an object the
/// function names, with the objects its arguments keep alive.
struct CallFact {
  std::string Callee; ///< USR
  std::string CalleeName;
  ObjectFact Object;
  struct Argument {
    std::optional<ObjectFact> Carried;
    SourcePoint Value;
    std::string Text;
    bool FromSharedFromThis = false;
  };
  std::vector<Argument> Arguments;
};

/// The links and unresolved calls of one function body.
struct FunctionFacts {
  std::string Function; ///< USR
  std::vector<LinkFact> Links;
  std::vector<CallFact> Calls;
};

/// A field that holds shared owners, as messages and notes need it.
struct FieldFact {
  std::string Name;      ///< `Class::field`
  std::string ShortName; ///< `field`
  std::string Class;     ///< the holder class, as messages name it
  std::string Pointee;   ///< the class it keeps alive
  std::string Type;      ///< as declared
  SourcePoint Point;
  /// Exactly one shared owner (not a collection).
  bool SingleOwner = false;
  /// Exactly one std::unique_ptr: the one object it owns goes when it is
  /// emptied, as a single shared owner's does.
  bool UniqueOwner = false;
  /// The pointer has a std::weak_ptr counterpart (std or boost shared_ptr).
  bool HasWeakPointer = true;
};

/// A setter or constructor another TU may call: which parameter it stores
/// into which shared-owner field of its object, and where.
struct ParamStoreFact {
  unsigned Param = 0;
  std::string Field;
  SourcePoint Store;
};

/// Where a field is emptied, by which function.
struct EmptyingFact {
  std::string Field;
  std::string Function; ///< USR
  /// The holder's own destructor: a cycle keeps it from running.
  bool InDestructor = false;
  /// For a reset through every element of a collection field (`for (auto &M
  /// : Members) M->Room.reset();`): that collection. Empty otherwise.
  std::string Collection;
};

/// Everything one TU contributes.
struct CycleFacts {
  std::map<std::string, FieldFact> Fields;
  std::map<std::string, std::vector<ParamStoreFact>> Setters;
  std::vector<FunctionFacts> Functions;
  /// Collections some function drains (erase, pop, clear) or fields some
  /// function resets.
  std::vector<EmptyingFact> Drains, Resets;
  /// Fields some function resets through every element of a collection.
  /// Optional in the file: a reader that does not know them misses a
  /// reset, and misreads nothing.
  std::vector<EmptyingFact> ElementResets;
  /// Functions called from this TU whose class holds shared owners: a drain
  /// that nothing calls drains nothing.
  std::set<std::string> Called;
  /// Back-edge fields this TU already reports: the merge does not repeat them.
  std::set<std::string> Reported;
};

llvm::json::Value toJSON(const CycleFacts &F);
bool fromJSON(const llvm::json::Value &V, CycleFacts &F, llvm::json::Path P);

} // namespace leaklint::cycles

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEFACTS_H
