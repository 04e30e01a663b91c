//===--- StaticOnlyObjects.h - Classes whose objects all live until exit -*-
// C++ -*-===//
//
// Self-registration -- `static Registrar r("name");` whose constructor puts
// `this` into a registry, the pattern of plugin factories and test
// frameworks -- is a registry of `this` that never dangles and never grows
// at run time: every object lives until the program exits. This tells, for a
// class, whether the translation unit creates its objects only as variables
// of static storage duration (as such a variable, or as the base-class part
// of one). Any other creation -- a local, a parameter or member by value, a
// temporary, `new` (also inside std::make_shared or a container's
// allocator), an element of a container -- makes it an ordinary class.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_STATICONLYOBJECTS_H
#define LEAKLINT_LIB_STORAGE_STATICONLYOBJECTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>

namespace leaklint {

class StaticOnlyObjects {
public:
  /// True when the TU creates objects of \p Class, and all of them in
  /// static storage. The first question walks the whole TU once (template
  /// instantiations and system headers included: that is where
  /// make_shared and containers construct); ask only when it matters.
  bool isStaticOnly(const clang::CXXRecordDecl *Class, clang::ASTContext &Ctx);
  void clear() { Counts.reset(); }

  struct Count {
    unsigned Static = 0, Other = 0;
  };

private:
  std::optional<llvm::DenseMap<const clang::CXXRecordDecl *, Count>> Counts;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_STATICONLYOBJECTS_H
