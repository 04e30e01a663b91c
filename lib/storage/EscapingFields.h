//===--- EscapingFields.h - Fields a method hands out -----------*- C++ -*-===//
//
// A member function that returns a field by address or by non-const
// reference (`Handler *GetHandler() { return &handler_; }`,
// `std::vector<Callback> &handlers() { return handlers_; }`) lets any code
// that calls it empty the field: `r->GetHandler()->swap(empty)`. For a
// callback stored there, that is a cycle the code may break by hand, like
// a reset the check can see. This records, for the whole translation unit,
// which fields are handed out, and where. Fields of class template
// specializations are keyed as StorageResets keys them.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_ESCAPINGFIELDS_H
#define LEAKLINT_LIB_STORAGE_ESCAPINGFIELDS_H

#include "storage/StorageResets.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"

namespace leaklint {

class EscapingFields {
public:
  /// Reads \p F when it is a member function returning a non-const pointer
  /// or reference; others cost a type test.
  void collect(const clang::FunctionDecl *F);
  /// Where \p Field is first handed out, or null.
  const StorageReset *find(const clang::FieldDecl *Field) const;
  const llvm::DenseMap<const clang::FieldDecl *, StorageReset> &all() const {
    return Escapes;
  }
  void clear() { Escapes.clear(); }

private:
  llvm::DenseMap<const clang::FieldDecl *, StorageReset> Escapes;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_ESCAPINGFIELDS_H
