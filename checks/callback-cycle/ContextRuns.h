//===--- ContextRuns.h - Owned event loops run until they are idle -*- C++ -*-===//
//
// A handler holding the object, pending in an execution context the object
// owns, keeps the object alive while it waits. When the object's own code
// runs that context (`io_.run()`) and nothing stops it early, run() returns
// only once no handler is pending: every handler has run and let go of the
// object. A command-line tool that posts its steps to a private io_context
// and runs it is not a leak. A stop() in the class (even in a destructor or
// a handler), a work guard that keeps run() from returning, or a context
// outside code can reach (a public one, or one an accessor hands out: the
// check asks EscapingFields) leaves handlers pending, and the cycle is
// reported as before.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_CALLBACK_CYCLE_CONTEXTRUNS_H
#define LEAKLINT_CHECKS_CALLBACK_CYCLE_CONTEXTRUNS_H

#include "storage/StorageResets.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace leaklint {

class ContextRuns {
public:
  /// Reads the calls of run() and stop() on owned execution contexts in the
  /// member functions of classes that own one.
  void collect(const clang::FunctionDecl *F);
  /// Where the object's code runs \p Context until it is idle, if it does,
  /// nothing stops it and no work guard of its class holds it open.
  const StorageReset *runUntilIdle(const clang::FieldDecl *Context) const;
  void clear() {
    Runs.clear();
    Stopped.clear();
    Owners.clear();
  }

private:
  llvm::DenseMap<const clang::FieldDecl *, StorageReset> Runs;
  llvm::DenseSet<const clang::FieldDecl *> Stopped;
  /// Classes read so far: do they own a context, and hold a work guard?
  struct Owner {
    bool OwnsContext = false;
    bool HoldsWorkGuard = false;
  };
  llvm::DenseMap<const clang::CXXRecordDecl *, Owner> Owners;
  const Owner &owner(const clang::CXXRecordDecl *Class);
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_CALLBACK_CYCLE_CONTEXTRUNS_H
