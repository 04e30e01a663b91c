//===--- PassedInstances.h - The object a callee stores -----------*- C++ -*-===//
//
// Real registries are filled through a function: `Registry::instance().add(
// this)` where `add(Widget *w)` runs `items_.push_back(w)`, or
// `registerWidget(this)` calling a free function that pushes into a global.
// The store itself names a parameter; only the call says that the parameter
// is the caller's object. This joins stores of parameters with the calls
// that pass the object (`this`, shared_from_this(), as findInstanceSource()
// reads them) in their place, also through functions that pass the
// parameter on, and through virtual calls to an overrider that stores.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_IDENTITY_PASSEDINSTANCES_H
#define LEAKLINT_LIB_IDENTITY_PASSEDINSTANCES_H

#include "InstanceSource.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace leaklint {

class PassedInstances {
public:
  /// A store into some storage, described by the caller.
  struct Store {
    /// The variable or member that receives the value.
    const clang::ValueDecl *Storage = nullptr;
    /// The storing expression, how it names the storage, and the value.
    const clang::Expr *Site = nullptr;
    const clang::Expr *Container = nullptr;
    const clang::Expr *Value = nullptr;
    /// The parameter whose value is stored (set by addParameterStore()).
    const clang::ParmVarDecl *Parameter = nullptr;
  };
  /// The object of a caller that reaches a store through calls.
  struct Passed {
    Store S;
    /// The object, where the outermost call passes it.
    InstanceSource Source;
    /// The calls from the one that passes the object to the one whose
    /// callee stores it.
    llvm::SmallVector<const clang::CallExpr *, 2> Calls;
  };
  /// How many calls may lie between the object and the store.
  static constexpr unsigned MaxCalls = 4;

  /// \p S stores the value of parameter \p P (findParameterSource()).
  void addParameterStore(const clang::ParmVarDecl *P, const Store &S);
  /// Any call: the arguments that carry the object or a parameter of the
  /// calling function are remembered.
  void addCall(const clang::CallExpr *Call);
  /// Every object that reaches a store through the calls seen.
  std::vector<Passed> resolve() const;

  void clear() {
    Arguments.clear();
    ParameterStores.clear();
  }

private:
  /// A parameter: its function (canonical) and position.
  using ParamKey = std::pair<const clang::FunctionDecl *, unsigned>;
  struct Argument {
    const clang::CallExpr *Call;
    InstanceSource Source;
  };
  llvm::DenseMap<ParamKey, llvm::SmallVector<Argument, 1>> Arguments;
  std::vector<std::pair<ParamKey, Store>> ParameterStores;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_IDENTITY_PASSEDINSTANCES_H
