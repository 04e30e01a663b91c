//===--- Singletons.h - Classes with exactly one, program-long instance -*- C++
//-*-===//
//
// A Meyers singleton (`static T &instance() { static T t; return t; }`, also
// returning `T *` or holding a `std::shared_ptr<T>`, and in a CRTP base such
// as `Singleton<T>::instance()`), or any function that hands out its own
// static (`T &globalQueue() { static auto *p = new T; return *p; }`), or
// that makes it on first use into a static pointer (`if (!s_instance)
// s_instance = new T; return s_instance;`), has one
// object that lives as long as the program. Registering it is harmless; containers it holds live forever.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_SINGLETONS_H
#define LEAKLINT_LIB_STORAGE_SINGLETONS_H

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace leaklint {

class Singletons {
public:
  /// Feed every function-local static variable of the translation unit.
  void observeStaticLocal(const clang::VarDecl *Var);
  /// Feed a function definition: a free or static member function that
  /// makes its class's one object on first use into a static pointer and
  /// hands it out (`static T *get() { if (!s_instance) s_instance = new T;
  /// return s_instance; }`).
  void observeAccessor(const clang::FunctionDecl *F);
  /// True for a class seen with a singleton accessor (or a CRTP base that
  /// provides one, even uninstantiated).
  bool isSingleton(const clang::CXXRecordDecl *RD) const;
  void clear() {
    Classes.clear();
    SkippedAccessors.clear();
  }

private:
  /// Whether \p RD (or its CRTP base) has an accessor whose body the host
  /// skipped and that reads as a singleton's (SkippedBodies.h): clangd
  /// matches no header body, so this is asked, once per class, instead.
  bool hasSkippedAccessor(const clang::CXXRecordDecl *RD) const;

  llvm::DenseSet<const clang::CXXRecordDecl *> Classes;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, bool> SkippedAccessors;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_SINGLETONS_H
