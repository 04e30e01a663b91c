//===--- ListEnds.h - A list's last node made to own its first -*- C++ -*-===//
//
// Code that keeps both ends of a list of nodes, each owning the next
// through a shared_ptr, closes a ring when it stores the first node into
// the last one's link. Two shapes:
//
//   void Ring::append(NodePtr n) {              // ends kept in fields
//     if (!head_) { head_ = tail_ = n; }
//     else { tail_->link.next = n; tail_ = n; }
//   }
//   void Ring::seal() { tail_->link.next = head_; }
//
//   auto last = first;                          // a local walking the list
//   for (...) { auto n = make(); last->next = n; last = n; }
//   last->next = first;                         // (or: while (last->next)
//                                               //   last = last->next;)
//
// The store alone names two ends; the cycle is in what the code keeps true
// of them: the last is reached from the first through the link. That holds
// when every write of either keeps it (both set to one node, the last moved
// to the node just linked after it or along the link, the first moved to a
// node linked before it or along the link, either emptied) and no other
// code rewires the link on a node of the list (a node being made may be
// linked freely).
//
// Ends in fields must be private fields of a class whose every member
// function is defined in this TU and that has no friends, read across the
// TU; a walking local is read in its function, where the first end must
// not change. Every other use of an end must be a read (a copy, a const
// call, `->`): then the code shows all that happens to them.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_SHARED_PTR_CYCLE_LISTENDS_H
#define LEAKLINT_CHECKS_SHARED_PTR_CYCLE_LISTENDS_H

#include "ownership/OwnershipLinks.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <optional>
#include <tuple>

namespace leaklint {

class ListEnds {
public:
  /// A ring a store closes, and why the last node is reached from the
  /// first.
  struct Ring {
    /// The class keeping both ends, or the function walking the list.
    const clang::NamedDecl *Keeper = nullptr;
    /// The first and the last node: fields of the keeper, or locals.
    const clang::ValueDecl *First = nullptr;
    const clang::ValueDecl *Last = nullptr;
    /// The fields from a node to the link that owns the next one
    /// (`link`, `next`), the link last.
    llvm::SmallVector<const clang::FieldDecl *, 2> Path;
    /// The value stored into the last node's link.
    const clang::Expr *Closing = nullptr;
    /// A store that links a node after the last just before the node
    /// becomes the last, when the code has one.
    const clang::Expr *Append = nullptr;
  };

  /// When \p L, made in the member function \p F, stores the first node of
  /// a list whose ends `this` keeps into the link of its last node.
  std::optional<Ring> closesRing(const OwnershipLink &L,
                                 const clang::FunctionDecl *F,
                                 clang::ASTContext &Ctx);
  /// When \p S, made in \p F, stores the node a local started walking from
  /// into the link of the node the local reached.
  std::optional<Ring> closesWalk(const MovedLocalStore &S,
                                 const clang::FunctionDecl *F);
  void clear() { Known.clear(); }

private:
  using Key = std::tuple<const clang::ValueDecl *, const clang::ValueDecl *,
                         const clang::FieldDecl *>;
  /// Per (first, last, link): whether the code keeps the last reached from
  /// the first, with the append store that shows it (null if none).
  std::map<Key, std::optional<const clang::Expr *>> Known;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_LISTENDS_H
