//===--- SealedMembers.h - Member objects only their class reaches -*- C++ -*-===//
//
// A method that empties a field of a member object's class breaks a cycle
// only if it runs on that member. When the member is sealed, only its
// class's own code can make it run: the member is private (or protected,
// with every class of the TU that derives from its class known), no class
// that reaches it has friends, every member function of those classes is
// defined in this TU, and their code uses the member only as the object of
// member calls or through a const view (`const Table &table() const {
// return table_; }`). Its class, in turn, must not hand out `this` (as an
// argument, a capture or a bound argument) in any of its functions, or code
// elsewhere could call the method on it. Then the methods that run on the
// member are the ones this code calls on it, and those they call on `this`.
//
// `timer_.cancel()` written nowhere, for a private `Timer timer_;`, means the
// handler that `timer_.async_wait(...)` stores is never emptied, whatever
// `Timer::cancel()` does, even in a fragment without main().
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_SEALEDMEMBERS_H
#define LEAKLINT_LIB_CODE_SEALEDMEMBERS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <optional>
#include <vector>

namespace leaklint {

class SealedMembers {
public:
  /// False when \p Method, a member function of the class of the by-value
  /// member \p Member, is shown never to run on that member (see above);
  /// true when it may, or when that cannot be told.
  bool mayRun(const clang::FieldDecl *Member, const clang::FunctionDecl *Method);
  void clear() {
    Runs.clear();
    Records.reset();
  }

private:
  using MethodSet = llvm::SmallPtrSet<const clang::FunctionDecl *, 8>;
  /// The methods that run on \p Member, or nothing if it is not sealed.
  std::optional<MethodSet> methodsRunOn(const clang::FieldDecl *Member);
  /// The classes of the TU outside function bodies, read once.
  const std::vector<const clang::CXXRecordDecl *> &
  records(const clang::ASTContext &Ctx);

  llvm::DenseMap<const clang::FieldDecl *, std::optional<MethodSet>> Runs;
  std::optional<std::vector<const clang::CXXRecordDecl *>> Records;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_SEALEDMEMBERS_H
