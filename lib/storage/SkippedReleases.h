//===--- SkippedReleases.h - A release one way to end leaves out -*- C++ -*-===//
//
// A connection registers itself twice when it opens: a send callback in a
// handle table (`handle_ = Table.allocate(cb)`) and the handle in a room
// (`Rooms.join(room_, handle_)`). `on_close_frame()` leaves the room and
// releases the handle; `on_socket_error()` leaves the room too, but never
// releases it. Member functions that tear down the same registration with
// the same key are the object's ways to end; one that skips the release
// every other ending performs leaves the table's entry in, once for each
// object that ends that way.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_SKIPPEDRELEASES_H
#define LEAKLINT_LIB_STORAGE_SKIPPEDRELEASES_H

#include "code/FunctionUses.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace leaklint {

struct SkippedRelease {
  /// The ending that releases, and its call of the releasing function (for
  /// a reset, its call on the way to it).
  const clang::FunctionDecl *Releasing;
  const clang::CallExpr *Release;
  /// An ending that tears down the same registration and does not release.
  const clang::FunctionDecl *Skipping;
  /// That shared teardown, in \c Skipping: for a reset, its drop of the
  /// object from the container both endings drop it from.
  const clang::CallExpr *Teardown;
  /// The object's field holding the key of its entry (null for a reset).
  const clang::FieldDecl *Key;
};

/// For \p Erase, in \p Releaser, of the key \p Releaser is handed: an
/// ending of the objects whose private field carries that key that skips
/// the release (see the file comment). Only member functions of a class
/// that keeps the key to itself (private, no friends, never returned) are
/// read, so no code elsewhere can release it on their behalf; an ending
/// that some releasing function calls is part of that function.
/// \p FunctionHolding names the function around a call.
std::optional<SkippedRelease> releaseSkippedByAnEnding(
    const clang::CXXMemberCallExpr *Erase, const clang::FunctionDecl *Releaser,
    const FunctionUses &Uses,
    llvm::function_ref<const clang::FunctionDecl *(const clang::Stmt *)>
        FunctionHolding);

/// For a reset in \p Resetting that breaks an ownership cycle through
/// objects of \p Object: a member function that drops such an object from
/// a container, as a member function that runs the reset (a few calls
/// down) does after it, but never runs the reset. `kick()` closes the
/// session (cancelling its timer, whose handler owns it) and erases it;
/// `onDisconnect()` only erases it. \c Key is null.
std::optional<SkippedRelease> resetSkippedByAnEnding(
    const clang::FunctionDecl *Resetting, const clang::CXXRecordDecl *Object,
    const FunctionUses &Uses,
    llvm::function_ref<const clang::FunctionDecl *(const clang::Stmt *)>
        FunctionHolding);

/// The converse: for a reset in \p Resetting of a collection on a cycle
/// through objects of \p Object, a drop of such an object from a container,
/// made by a member function that runs the reset first, where every member
/// function of that class that drops from the same container runs it too,
/// and so does the class's destructor. `endMeeting()` closes the room (which
/// detaches its participants) and erases it; the service's destructor
/// closes every room. Null when no owner shows that discipline.
const clang::CallExpr *resetRunOnEveryDrop(
    const clang::FunctionDecl *Resetting, const clang::CXXRecordDecl *Object,
    const FunctionUses &Uses,
    llvm::function_ref<const clang::FunctionDecl *(const clang::Stmt *)>
        FunctionHolding);

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_SKIPPEDRELEASES_H
