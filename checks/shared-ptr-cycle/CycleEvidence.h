//===--- CycleEvidence.h - The three shapes of a closed cycle -*- C++ -*-===//
//
// The evidence search of leak-shared-ptr-cycle, shared by the per-TU check
// (links are OwnershipLinks, fields FieldDecls) and whole-program mode
// (links are LinkFacts, fields USRs): which stores one function makes close
// a cycle, and which field of each cycle is its back edge. Only what a link
// is and how to compare two differ; the search is one.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEEVIDENCE_H
#define LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEEVIDENCE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace leaklint::cycles {

enum class EvidenceKind {
  Self,       ///< the object stored into its own field
  OwnsHolder, ///< the object stored into a field of something it owns
  Mutual,     ///< objects stored into each other, two or more in a ring
  ClosedList, ///< a list's first node stored into its last (ListEnds.h)
};

template <typename Link, typename FieldKey> struct CycleEvidence {
  EvidenceKind Kind;
  Link Back;
  /// Mutual: the stores the other way, from the back edge's target around to
  /// its holder: one for two objects stored into each other, more for a
  /// ring (`b->c = c; c->a = a; a->b = b`).
  llvm::SmallVector<Link, 1> Forward{};
  /// OwnsHolder: the fields from the object to the holder. ClosedList: the
  /// fields from a node to the one holding its link.
  llvm::SmallVector<FieldKey, 2> Path{};
};

/// Whether a step of an object's path names a field (a FieldDecl per TU, a
/// USR in whole-program mode): an element of a collection names none.
inline bool namesField(const void *Field) { return Field != nullptr; }
inline bool namesField(const std::string &USR) { return !USR.empty(); }

/// The fields of the cycle \p E closes: its back edge, the stores the other
/// way (Mutual), the fields from the object to the holder (OwnsHolder). Code
/// that empties any of them breaks the cycle by hand. With \p Hops, also the
/// fields inside each target of a ring down to the next store's holder
/// (`env->vars_[k].fn = closure` after `closure->env = env`: `vars_`),
/// which emptying breaks it as well.
template <typename Link, typename FieldKey>
llvm::SmallVector<FieldKey, 4>
cycleFields(const CycleEvidence<Link, FieldKey> &E, bool Hops = true) {
  llvm::SmallVector<FieldKey, 4> Out{E.Back.Field};
  for (const Link &L : E.Forward)
    Out.push_back(L.Field);
  Out.append(E.Path.begin(), E.Path.end());
  if (!Hops || E.Kind != EvidenceKind::Mutual)
    return Out;
  auto AddHops = [&](const auto &Outer, const auto &Inner) {
    for (size_t S = Outer.Path.size(); S < Inner.Path.size(); ++S)
      if (namesField(Inner.Path[S].Field))
        Out.push_back(Inner.Path[S].Field);
  };
  const auto *Previous = &E.Back.Target;
  for (const Link &L : E.Forward) {
    AddHops(*Previous, L.Holder);
    Previous = &L.Target;
  }
  AddHops(*Previous, E.Back.Holder);
  return Out;
}

/// True when the stores of the cycle \p E go through its back edge's field
/// more than once (list nodes linked through `next`, a circular list):
/// making that field weak would free the objects it links.
template <typename Link, typename FieldKey>
bool revisitsBackField(const CycleEvidence<Link, FieldKey> &E) {
  return llvm::count(cycleFields(E, /*Hops=*/false), E.Back.Field) > 1;
}

/// \p Traits says what the search cannot know by itself:
///   using Link, FieldKey;                 a store, and a field's identity
///   bool counts(const Link &) const;      may this store alone be evidence
///                                         (whole-program: it needed
///                                         another TU)
///   bool ownedPath(const Link &, SmallVectorImpl<FieldKey> &) const;
///                                         the holder is owned by the
///                                         object through owning steps only;
///                                         the fields on the way
///   bool ownsThrough(const Object &Outer, const Object &Inner) const;
///                                         Inner is Outer, or reached from
///                                         it through owning steps only (a
///                                         raw pointer on the way owns
///                                         nothing)
///   bool singleOwner(FieldKey) const;     a shared_ptr, not a collection
///   bool older(const Object &A, const Object &B) const;
///                                         was A there before B
///   bool declaredBefore(FieldKey A, FieldKey B) const;
/// Links have Breaks, Field, Holder and Target (Objects, with ownsOrIs())
/// and FromSharedFromThis.
template <typename Traits> class CycleEvidenceSearch {
public:
  using Link = typename Traits::Link;
  using FieldKey = typename Traits::FieldKey;
  using Evidence = CycleEvidence<Link, FieldKey>;

  explicit CycleEvidenceSearch(Traits T) : T(std::move(T)) {}

  /// Adds the evidence in the links one function makes.
  void add(llvm::ArrayRef<Link> Found) {
    // A link the same function undoes (`b->a = a; ... b->a.reset();`) does
    // not leave the objects owning each other.
    auto Undone = [&](const Link &L) {
      return llvm::any_of(Found, [&](const Link &B) {
        return B.Breaks && B.Field == L.Field && B.Holder == L.Holder;
      });
    };
    for (size_t I = 0; I < Found.size(); ++I) {
      const Link &A = Found[I];
      if (A.Breaks || Undone(A))
        continue;
      // The object stored into its own field.
      if (A.Holder == A.Target) {
        if (T.counts(A))
          Evidences.try_emplace(A.Field, Evidence{EvidenceKind::Self, A});
        continue;
      }
      // The object stored into a field of something it owns:
      // `renderer_->device->engine = shared_from_this()`.
      if (A.Target.ownsOrIs(A.Holder)) {
        Evidence E{EvidenceKind::OwnsHolder, A};
        if (T.ownedPath(A, E.Path) && T.counts(A))
          Evidences.try_emplace(A.Field, std::move(E));
        continue;
      }
      // Objects stored into each other (or into what they own): two, or a
      // ring of up to MaxRing, each owning the holder of the next store.
      llvm::SmallVector<size_t, 4> Ring{I};
      findRings(Found, Undone, Ring);
    }
  }

  /// Adds a cycle no one function's stores show: \p Back stores a list's
  /// first node into the link of its last, which the first reaches through
  /// \p Path, the fields from a node to its link (ListEnds.h).
  void addClosedList(const Link &Back, llvm::ArrayRef<FieldKey> Path) {
    Evidence E{EvidenceKind::ClosedList, Back};
    E.Path.append(Path.begin(), Path.end());
    Evidences.try_emplace(Back.Field, std::move(E));
  }

  /// Every cycle found, once, by its back edge: a mutual one on the field
  /// more often chosen as its back edge (ties: the one declared later, like
  /// `prev` after `next`). Call after the last add(); calling it again
  /// returns the same.
  const llvm::MapVector<FieldKey, Evidence, std::map<FieldKey, unsigned>> &
  evidences() {
    for (auto &[Fields, R] : Rings) {
      // The back edge: the most votes, then the field declared last.
      size_t Best = 0;
      for (size_t K = 1; K < R.Links.size(); ++K) {
        unsigned Votes = R.Votes[R.Links[K].Field];
        unsigned BestVotes = R.Votes[R.Links[Best].Field];
        if (Votes > BestVotes ||
            (Votes == BestVotes && R.Links[K].Field != R.Links[Best].Field &&
             T.declaredBefore(R.Links[Best].Field, R.Links[K].Field)))
          Best = K;
      }
      Evidence E{EvidenceKind::Mutual, R.Links[Best]};
      for (size_t K = 1; K < R.Links.size(); ++K)
        E.Forward.push_back(R.Links[(Best + K) % R.Links.size()]);
      Evidences.try_emplace(E.Back.Field, std::move(E));
    }
    Rings.clear();
    return Evidences;
  }

  void clear() {
    Evidences.clear();
    Rings.clear();
  }

  /// The most stores a ring may take: beyond, a function's stores are not
  /// read as one cycle.
  static constexpr unsigned MaxRing = 4;

private:
  // Extends the ring of stores \p Ring (indices into \p Found, the first
  // fixed) by every store whose holder the last store's target owns, and
  // records each ring that closes back on the first store's holder.
  template <typename UndoneFn>
  void findRings(llvm::ArrayRef<Link> Found, UndoneFn &Undone,
                 llvm::SmallVectorImpl<size_t> &Ring) {
    const Link &First = Found[Ring.front()];
    const Link &Last = Found[Ring.back()];
    for (size_t J = Ring.front() + 1; J < Found.size(); ++J) {
      const Link &B = Found[J];
      if (B.Breaks || llvm::is_contained(Ring, J) ||
          !T.ownsThrough(Last.Target, B.Holder) || B.Holder == B.Target ||
          B.Target.ownsOrIs(B.Holder) || Undone(B))
        continue;
      Ring.push_back(J);
      if (T.ownsThrough(B.Target, First.Holder))
        recordRing(Found, Ring);
      else if (Ring.size() < MaxRing)
        findRings(Found, Undone, Ring);
      Ring.pop_back();
    }
  }

  // One vote for the back edge of the ring of stores \p Ring.
  void recordRing(llvm::ArrayRef<Link> Found, llvm::ArrayRef<size_t> Ring) {
    llvm::SmallVector<Link, 4> Links;
    for (size_t Index : Ring)
      Links.push_back(Found[Index]);
    if (llvm::none_of(Links, [&](const Link &L) { return T.counts(L); }))
      return;
    size_t Back = 0;
    for (size_t K = 1; K < Links.size(); ++K)
      if (betterBackEdge(Links[K], Links[Back]))
        Back = K;
    llvm::SmallVector<FieldKey, 4> Fields;
    for (const Link &L : Links)
      Fields.push_back(L.Field);
    llvm::sort(Fields);
    // Kept with this first vote's back edge first: between stores into one
    // field (`a->peer = b; b->peer = a;`) votes cannot choose.
    std::rotate(Links.begin(), Links.begin() + Back, Links.end());
    auto It = Rings.try_emplace(Fields, RingStores{Links, {}}).first;
    ++It->second.Votes[Links.front().Field];
  }

  // True when \p Candidate is more likely the back edge than \p Current: a
  // single owner rather than a collection (collections hold children, the
  // forward edges), then the one pointing at the older object (the owner
  // that was there first), then the one storing shared_from_this().
  bool betterBackEdge(const Link &Candidate, const Link &Current) const {
    bool CandidateSingle = T.singleOwner(Candidate.Field);
    if (CandidateSingle != T.singleOwner(Current.Field))
      return CandidateSingle;
    bool CandidatePointsBack = T.older(Candidate.Target, Candidate.Holder);
    bool CurrentPointsBack = T.older(Current.Target, Current.Holder);
    if (CandidatePointsBack != CurrentPointsBack)
      return CandidatePointsBack;
    return Candidate.FromSharedFromThis && !Current.FromSharedFromThis;
  }

  Traits T;
  /// By the back-edge field: one warning per cycle however often it is
  /// closed.
  llvm::MapVector<FieldKey, Evidence, std::map<FieldKey, unsigned>> Evidences;
  /// Mutual evidence by the set of fields: a doubly linked list closed in
  /// pushBack and pushFront is one cycle, not two. The stores of the first
  /// ring seen, in ring order, and how often each field came out as the
  /// back edge.
  struct RingStores {
    llvm::SmallVector<Link, 4> Links;
    std::map<FieldKey, unsigned> Votes;
  };
  llvm::MapVector<llvm::SmallVector<FieldKey, 4>, RingStores,
                  std::map<llvm::SmallVector<FieldKey, 4>, unsigned>>
      Rings;
};

} // namespace leaklint::cycles

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEEVIDENCE_H
