//===--- ListEnds.h - A list's last node made to own its first -*- C++ -*-===//
//
// A class that keeps both ends of a list of nodes, each owning the next
// through a shared_ptr, closes a ring when it stores the first node into the
// last one's link:
//
//   void Ring::append(NodePtr n) {
//     if (!head_) { head_ = tail_ = n; }
//     else { tail_->link.next = n; tail_ = n; }   // the tail follows the head
//   }
//   void Ring::seal() { tail_->link.next = head_; } // the last owns the first
//
// The store alone names two fields of `this`; the cycle is in what the class
// keeps true of them: `tail_` is reached from `head_` through `link.next`.
// That holds when every write of either end keeps it (both set to one
// value, `tail_` advanced to the node just linked after it or along the
// link, `head_` moved to a node linked before it or along the link, either
// emptied), and no other code rewires the link on a node in the list. Both
// ends must be private fields of a class whose every member function is
// defined in this TU and that has no friends, and every use of them must
// be a read or such a write: then the TU shows all the class ever does.
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
  /// The ends a ring-closing store links, and why the last is reached from
  /// the first.
  struct Ring {
    const clang::FieldDecl *Head = nullptr;
    const clang::FieldDecl *Tail = nullptr;
    /// The fields from a node to the link that owns the next one
    /// (`link`, `next`), the link last.
    llvm::SmallVector<const clang::FieldDecl *, 2> Path;
    /// A store that links a node after the tail just before the node
    /// becomes the tail, when the class has one.
    const clang::Expr *Append = nullptr;
  };

  /// When \p L, made in the member function \p F, stores the first node of
  /// a list whose ends `this` keeps into the link of its last node.
  std::optional<Ring> closesRing(const OwnershipLink &L,
                                 const clang::FunctionDecl *F,
                                 clang::ASTContext &Ctx);
  void clear() { Known.clear(); }

private:
  using Key = std::tuple<const clang::FieldDecl *, const clang::FieldDecl *,
                         const clang::FieldDecl *>;
  /// Per (head, tail, link): whether the class keeps the tail reached from
  /// the head, with the append store that shows it (null if none).
  std::map<Key, std::optional<const clang::Expr *>> Known;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_LISTENDS_H
