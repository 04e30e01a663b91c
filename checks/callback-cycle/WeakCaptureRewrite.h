//===--- WeakCaptureRewrite.h - Capture a weak_ptr and lock it -*- C++ -*-===//
//
// The fix-it of leak-callback-cycle. A lambda that captures a shared_ptr to
// the object that stores it captures a std::weak_ptr instead and locks it
// on entry, returning when the object is gone:
//
//   [self = shared_from_this()] { self->close(); }
//   [weak_self = weak_from_this()] {
//     auto self = weak_self.lock(); if (!self) return; self->close(); }
//
// Offered only where that is the same program while the object lives: a
// lambda returning void (a value-returning one has nothing to return when
// the object is gone), holding exactly one std::shared_ptr, with an
// init-capture available (C++14), and no edit inside a macro.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_CALLBACK_CYCLE_WEAKCAPTUREREWRITE_H
#define LEAKLINT_CHECKS_CALLBACK_CYCLE_WEAKCAPTUREREWRITE_H

#include "ownership/CallableOwners.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include <string>

namespace leaklint {

struct WeakCaptureRewrite {
  llvm::SmallVector<clang::FixItHint, 3> Fixes;
  /// The weak capture to write: `weak_self = weak_from_this()`; empty when
  /// it cannot be spelled.
  std::string Capture;
  /// Code for the note: the lock, or a lambda to bind instead.
  std::string Suggestion;
  /// Why there is no fix-it, when Fixes is empty.
  std::string WhyNot;
  /// The owner is a bound argument.
  bool Bind = false;

  /// What the note tells the user to do, with the fix-it or without.
  std::string advice() const;
};

WeakCaptureRewrite
planWeakCapture(const CallableOwner &Owner,
                const ReassignedSet &Reassigned,
                clang::ASTContext &Ctx);

} // namespace leaklint

#endif // LEAKLINT_CHECKS_CALLBACK_CYCLE_WEAKCAPTUREREWRITE_H
