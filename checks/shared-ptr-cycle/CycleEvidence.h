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
#include <map>
#include <utility>

namespace leaklint::cycles {

enum class EvidenceKind {
  Self,       ///< the object stored into its own field
  OwnsHolder, ///< the object stored into a field of something it owns
  Mutual,     ///< two objects stored into each other
};

template <typename Link, typename FieldKey> struct CycleEvidence {
  EvidenceKind Kind;
  Link Back;
  /// Mutual: the store the other way.
  Link Forward{};
  /// OwnsHolder: the fields from the object to the holder.
  llvm::SmallVector<FieldKey, 2> Path{};
  /// Mutual: how often each of the two fields came out as the back edge;
  /// the cycle is reported once, on the field chosen more often.
  unsigned Votes = 0, OtherVotes = 0;
};

/// The fields of the cycle \p E closes: its back edge, the store the other
/// way (Mutual), the fields from the object to the holder (OwnsHolder). Code
/// that empties any of them breaks the cycle by hand.
template <typename Link, typename FieldKey>
llvm::SmallVector<FieldKey, 4>
cycleFields(const CycleEvidence<Link, FieldKey> &E) {
  llvm::SmallVector<FieldKey, 4> Out{E.Back.Field};
  if (E.Kind == EvidenceKind::Mutual)
    Out.push_back(E.Forward.Field);
  Out.append(E.Path.begin(), E.Path.end());
  return Out;
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
      // Two objects stored into each other (or into what they own).
      for (size_t J = I + 1; J < Found.size(); ++J) {
        const Link &B = Found[J];
        if (B.Breaks || Undone(B) || !(T.counts(A) || T.counts(B)) ||
            !(A.Target.ownsOrIs(B.Holder) && B.Target.ownsOrIs(A.Holder)))
          continue;
        bool BIsBack = betterBackEdge(B, A);
        const Link &Back = BIsBack ? B : A;
        const Link &Forward = BIsBack ? A : B;
        auto [It, New] =
            Mutual.try_emplace(std::minmax(Back.Field, Forward.Field),
                               Evidence{EvidenceKind::Mutual, Back, Forward});
        ++(It->second.Back.Field == Back.Field ? It->second.Votes
                                               : It->second.OtherVotes);
      }
    }
  }

  /// Every cycle found, once, by its back edge: a mutual one on the field
  /// more often chosen as its back edge (ties: the one declared later, like
  /// `prev` after `next`). Call after the last add(); calling it again
  /// returns the same.
  const llvm::MapVector<FieldKey, Evidence, std::map<FieldKey, unsigned>> &
  evidences() {
    for (auto &[Pair, E] : Mutual) {
      if (E.OtherVotes > E.Votes ||
          (E.OtherVotes == E.Votes &&
           T.declaredBefore(E.Back.Field, E.Forward.Field)))
        std::swap(E.Back, E.Forward);
      Evidences.try_emplace(E.Back.Field, E);
    }
    Mutual.clear();
    return Evidences;
  }

  void clear() {
    Evidences.clear();
    Mutual.clear();
  }

private:
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
  /// Mutual evidence by the unordered pair of fields: a doubly linked list
  /// closed in pushBack and pushFront is one cycle, not two.
  llvm::MapVector<std::pair<FieldKey, FieldKey>, Evidence,
                  std::map<std::pair<FieldKey, FieldKey>, unsigned>>
      Mutual;
};

} // namespace leaklint::cycles

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_CYCLEEVIDENCE_H
