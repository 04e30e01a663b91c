//===--- StorageResets.h - Fields some code empties again -*- C++ -*-===//
//
// A callback stored in a member and emptied again by the class
// (`handler_ = nullptr`, `handlers_.clear()`, `std::exchange(cb_, {})`) is a
// cycle the code breaks by hand. This records, for the whole translation
// unit, which fields are emptied, and where. Constructors and destructors do
// not count: a destructor that a cycle keeps from running breaks nothing.
// Nor do functions nothing runs in a TU that is a whole program (it
// defines main(); code/UncalledFunctions.h).
// Fields of class template specializations are keyed by the template's
// field, so a reset in a member function that was never instantiated still
// counts.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_STORAGERESETS_H
#define LEAKLINT_LIB_STORAGE_STORAGERESETS_H

#include "code/UncalledFunctions.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>
#include <vector>

namespace leaklint {

/// A value that holds nothing: `nullptr`, `{}`, `Callback()`,
/// `std::function<void()>{}`.
bool isEmptyValue(const clang::Expr *E);

struct StorageReset {
  clang::SourceLocation Where;
  const clang::FunctionDecl *In = nullptr;
  /// Everything the field holds goes at once: `clear()`, `reset()`, `= {}`,
  /// `= nullptr`, a swap or exchange; not an erase or pop of some elements.
  bool Whole = false;
};

class StorageResets {
public:
  /// Records the fields \p F empties. Dependent bodies are read too, and
  /// bodies the host skipped as far as SkippedBodies.h reads them. The body
  /// is read on the first question, if one comes: most translation units
  /// ask none, and reading every body cost two checks half a percent.
  void collect(const clang::FunctionDecl *F) { Pending.push_back(F); }
  /// Where \p Field is emptied first, if anywhere (outside constructors and
  /// destructors).
  const StorageReset *find(const clang::FieldDecl *Field);
  /// Where a destructor empties \p Field, if one does, of a class that
  /// \p RunsOnlyAfter does not name: the destructor of an object that is
  /// part of the cycle the field closes (or owned by it) never runs, but
  /// an outside owner's does (a handle whose destructor unlinks the pair
  /// it owns). With \p WholeOnly, only a reset that empties it whole.
  const StorageReset *
  findInDestructor(const clang::FieldDecl *Field,
                   llvm::function_ref<bool(const clang::CXXRecordDecl *)>
                       RunsOnlyAfter,
                   bool WholeOnly = false);
  /// The arguments of a call that the callee stores into single-value
  /// fields (a callable, a pointer), with each field: the summaries of
  /// setters (ownership/OwnershipLinks.h). A call that passes an empty value
  /// there (`transport_->setOnMessage(nullptr)`) empties the field.
  using SetterArguments =
      std::function<llvm::SmallVector<
          std::pair<const clang::Expr *, const clang::FieldDecl *>, 2>(
          const clang::CallExpr *)>;
  /// Set by a check that has the summaries, before the first question.
  void readSettersWith(SetterArguments Setters) {
    this->Setters = std::move(Setters);
  }
  /// Every function that empties \p Field (outside constructors and
  /// destructors), with where it does so first, in the order read.
  llvm::ArrayRef<StorageReset> findAll(const clang::FieldDecl *Field);
  /// Where \p Field is emptied in every element of the collection field
  /// \p Collection at once, if anywhere: `for (auto &M : Members)
  /// M->Room.reset();` unlinks every member, where a reset of one element's
  /// field unlinks that element only.
  const StorageReset *findForEveryElement(const clang::FieldDecl *Field,
                                          const clang::FieldDecl *Collection);
  /// Resets through every element, keyed by (field, collection).
  using ElementResetMap =
      llvm::DenseMap<std::pair<const clang::FieldDecl *,
                               const clang::FieldDecl *>,
                     StorageReset>;
  const ElementResetMap &allForEveryElement() const {
    readPending();
    return ElementResets;
  }
  /// For a host that matched part of the TU (clangd): find() also reads the
  /// members of a field's class whose bodies the host skipped, once per
  /// class, since nothing matched them (SkippedBodies.h).
  void readClassesOnDemand() { OnDemand = true; }
  void clear() {
    Pending.clear();
    Resets.clear();
    AllResets.clear();
    DestructorResets.clear();
    ElementResets.clear();
    ReadClasses.clear();
    Uncalled.clear();
    OnDemand = false;
  }
  /// Every field emptied, keyed as key() keys it, with where first.
  const llvm::DenseMap<const clang::FieldDecl *, StorageReset> &all() const {
    readPending();
    return Resets;
  }

  /// The field all specializations of \p Field's class share.
  static const clang::FieldDecl *key(const clang::FieldDecl *Field);

private:
  void read(const clang::FunctionDecl *F) const;
  void readPending() const;

  // Bodies collected and not yet read, in the order collected: the first
  // reset of a field found is the one reported.
  mutable std::vector<const clang::FunctionDecl *> Pending;
  mutable UncalledFunctions Uncalled;
  mutable llvm::DenseMap<const clang::FieldDecl *, StorageReset> Resets;
  mutable llvm::DenseMap<const clang::FieldDecl *,
                         llvm::SmallVector<StorageReset, 1>>
      AllResets;
  mutable llvm::DenseMap<const clang::FieldDecl *,
                         llvm::SmallVector<StorageReset, 1>>
      DestructorResets;
  mutable ElementResetMap ElementResets;
  SetterArguments Setters;
  llvm::DenseSet<const clang::CXXRecordDecl *> ReadClasses;
  bool OnDemand = false;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_STORAGERESETS_H
