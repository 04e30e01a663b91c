//===--- WholeProgramCycles.cpp - leak-shared-ptr-cycle across TUs --------===//
#include "WholeProgramCycles.h"
#include <algorithm>

namespace leaklint::cycles {
namespace {

using facts::WholeProgramFinding;

std::string quoted(llvm::StringRef S) { return ("'" + S + "'").str(); }

enum class EvidenceKind { Self, OwnsHolder, Mutual };

struct Evidence {
  EvidenceKind Kind;
  LinkFact Back;
  LinkFact Forward;            ///< Mutual: the store the other way
  std::vector<std::string> Path; ///< OwnsHolder: fields to the holder
  unsigned Votes = 0, OtherVotes = 0;
};

/// The program: every TU's facts, each declaration once.
struct Program {
  std::map<std::string, FieldFact> Fields;
  std::map<std::string, std::vector<ParamStoreFact>> Setters;
  std::map<std::string, const FunctionFacts *> Functions;
  std::set<std::string> Called, Reported;
  /// Fields some called, non-destructor function drains / resets.
  std::set<std::string> Drained, Reset;

  explicit Program(const std::vector<CycleFacts> &TUs) {
    for (const CycleFacts &TU : TUs) {
      Fields.insert(TU.Fields.begin(), TU.Fields.end());
      Setters.insert(TU.Setters.begin(), TU.Setters.end());
      // An inline function appears in every TU that includes it; any copy
      // says the same.
      for (const FunctionFacts &F : TU.Functions)
        Functions.try_emplace(F.Function, &F);
      Called.insert(TU.Called.begin(), TU.Called.end());
      Reported.insert(TU.Reported.begin(), TU.Reported.end());
    }
    // A drain that no code calls, or the holder's own destructor (which a
    // cycle keeps from running), lets go of nothing.
    for (const CycleFacts &TU : TUs) {
      for (const EmptyingFact &E : TU.Drains)
        if (!E.InDestructor && Called.count(E.Function))
          Drained.insert(E.Field);
      for (const EmptyingFact &E : TU.Resets)
        if (!E.InDestructor && Called.count(E.Function))
          Reset.insert(E.Field);
    }
  }

  const FieldFact *field(const std::string &USR) const {
    auto It = Fields.find(USR);
    return It == Fields.end() ? nullptr : &It->second;
  }
  bool singleOwner(const std::string &USR) const {
    const FieldFact *F = field(USR);
    return F && F->SingleOwner;
  }
};

// The links of \p F: its own, and those its calls make through setters
// another TU defines.
std::vector<LinkFact> linksOf(const FunctionFacts &F, const Program &P) {
  std::vector<LinkFact> Links = F.Links;
  for (const CallFact &Call : F.Calls) {
    auto It = P.Setters.find(Call.Callee);
    if (It == P.Setters.end())
      continue;
    for (const ParamStoreFact &S : It->second) {
      if (S.Param >= Call.Arguments.size() ||
          !Call.Arguments[S.Param].Carried)
        continue;
      const CallFact::Argument &A = Call.Arguments[S.Param];
      LinkFact L;
      L.Holder = Call.Object;
      L.Field = S.Field;
      L.Target = *A.Carried;
      L.Value = A.Value;
      L.ValueText = A.Text;
      L.FromSharedFromThis = A.FromSharedFromThis;
      L.Through = Call.CalleeName;
      L.RemoteStore = S.Store;
      Links.push_back(std::move(L));
    }
  }
  return Links;
}

// As the per-TU check chooses: a single owner over a collection, then the
// edge to the older object, then the one storing shared_from_this().
bool betterBackEdge(const LinkFact &Candidate, const LinkFact &Current,
                    const Program &P) {
  bool CandidateSingle = P.singleOwner(Candidate.Field);
  if (CandidateSingle != P.singleOwner(Current.Field))
    return CandidateSingle;
  auto Older = [](const ObjectFact &A, const ObjectFact &B) {
    if (A.Kind == "fresh" && B.Kind == "fresh")
      return A.Made < B.Made;
    return A.age() > B.age();
  };
  bool CandidatePointsBack = Older(Candidate.Target, Candidate.Holder);
  bool CurrentPointsBack = Older(Current.Target, Current.Holder);
  if (CandidatePointsBack != CurrentPointsBack)
    return CandidatePointsBack;
  return Candidate.FromSharedFromThis && !Current.FromSharedFromThis;
}

class CycleSearch {
public:
  explicit CycleSearch(const Program &P) : P(P) {}

  void search(const std::vector<LinkFact> &Found) {
    auto Undone = [&](const LinkFact &L) {
      return std::any_of(Found.begin(), Found.end(), [&](const LinkFact &B) {
        return B.Breaks && B.Field == L.Field && B.Holder == L.Holder;
      });
    };
    for (size_t I = 0; I < Found.size(); ++I) {
      const LinkFact &A = Found[I];
      if (A.Breaks || Undone(A))
        continue;
      if (A.Holder == A.Target) {
        if (A.RemoteStore)
          Evidences.try_emplace(A.Field, Evidence{EvidenceKind::Self, A, {}, {}});
        continue;
      }
      if (A.Target.ownsOrIs(A.Holder)) {
        Evidence E{EvidenceKind::OwnsHolder, A, {}, {}};
        bool Owning = true;
        for (size_t S = A.Target.Path.size(); S < A.Holder.Path.size(); ++S) {
          const StepFact &Step = A.Holder.Path[S];
          Owning &= Step.Owning;
          if (!Step.Field.empty())
            E.Path.push_back(Step.Field);
        }
        if (Owning && A.RemoteStore)
          Evidences.try_emplace(A.Field, std::move(E));
        continue;
      }
      for (size_t J = I + 1; J < Found.size(); ++J) {
        const LinkFact &B = Found[J];
        if (B.Breaks || Undone(B) || !(A.RemoteStore || B.RemoteStore) ||
            !(A.Target.ownsOrIs(B.Holder) && B.Target.ownsOrIs(A.Holder)))
          continue;
        bool BIsBack = betterBackEdge(B, A, P);
        const LinkFact &Back = BIsBack ? B : A;
        const LinkFact &Forward = BIsBack ? A : B;
        auto Key = std::minmax(Back.Field, Forward.Field);
        auto [It, New] = Mutual.try_emplace(
            Key, Evidence{EvidenceKind::Mutual, Back, Forward, {}});
        if (It->second.Back.Field == Back.Field)
          ++It->second.Votes;
        else
          ++It->second.OtherVotes;
      }
    }
  }

  std::vector<WholeProgramFinding> findings() {
    for (auto &[Key, E] : Mutual) {
      if (E.OtherVotes > E.Votes ||
          (E.OtherVotes == E.Votes && fieldPoint(E.Back.Field) <
                                          fieldPoint(E.Forward.Field)))
        std::swap(E.Back, E.Forward);
      Evidences.try_emplace(E.Back.Field, E);
    }
    std::vector<WholeProgramFinding> Out;
    for (const auto &[Field, E] : Evidences)
      report(E, Out);
    return Out;
  }

private:
  facts::SourcePoint fieldPoint(const std::string &USR) const {
    const FieldFact *F = P.field(USR);
    return F ? F->Point : facts::SourcePoint();
  }

  static std::string describeValue(const LinkFact &L) {
    if (L.FromSharedFromThis)
      return "shared_from_this()";
    if (L.Target.Kind == "this" && L.Target.Path.empty())
      return "the object itself";
    if (L.ValueText.empty() || L.ValueText.size() > 40)
      return "its owner";
    return quoted(L.ValueText);
  }

  void report(const Evidence &E, std::vector<WholeProgramFinding> &Out) {
    const FieldFact *Back = P.field(E.Back.Field);
    if (!Back || P.Reported.count(E.Back.Field))
      return;
    if (!Back->SingleOwner && P.Drained.count(E.Back.Field))
      return;
    if (E.Kind == EvidenceKind::Self && P.Reset.count(E.Back.Field))
      return;
    WholeProgramFinding F;
    F.Check = "leak-shared-ptr-cycle";
    F.Point = Back->Point;
    std::string Name = quoted(Back->Name);
    if (E.Kind == EvidenceKind::Self)
      F.Message = Name + " makes a " + quoted(Back->Class) +
                  " own itself through a shared_ptr; it keeps itself alive "
                  "and is never destroyed";
    else
      F.Message = Name + " completes a shared_ptr ownership cycle; the " +
                  quoted(Back->Pointee) + " it points to owns the " +
                  quoted(Back->Class) +
                  " in turn, so neither is ever destroyed";
    std::vector<std::string> Forward = E.Path;
    if (E.Kind == EvidenceKind::Mutual)
      Forward.push_back(E.Forward.Field);
    for (const std::string &USR : Forward)
      if (const FieldFact *Field = P.field(USR))
        F.Notes.push_back({Field->Point, quoted(Field->Name) + " owns " +
                                             quoted(Field->Pointee) +
                                             " objects through '" +
                                             Field->Type + "'"});
    auto Through = [&](const LinkFact &L) {
      if (L.RemoteStore)
        F.Notes.push_back(
            {*L.RemoteStore, quoted(L.Through) + ", defined in another "
                             "translation unit, stores its argument in " +
                             quoted(P.field(L.Field) ? P.field(L.Field)->ShortName
                                                     : std::string()) +
                             " here"});
    };
    if (E.Kind == EvidenceKind::Mutual) {
      F.Notes.push_back({E.Forward.Value, "the " + quoted(Back->Class) +
                                              " is stored in " +
                                              quoted(P.field(E.Forward.Field)
                                                         ? P.field(E.Forward.Field)
                                                               ->ShortName
                                                         : std::string()) +
                                              " here"});
      Through(E.Forward);
    }
    std::string How = quoted(Back->ShortName) + " is set to " +
                      describeValue(E.Back) + " here";
    if (!E.Back.Through.empty())
      How += ", through " + quoted(E.Back.Through);
    F.Notes.push_back({E.Back.Value, How});
    Through(E.Back);
    F.Notes.push_back(
        {Back->Point,
         Back->HasWeakPointer
             ? "make it a std::weak_ptr (no automatic fix: whole-program "
               "findings carry none)"
             : "make it non-owning: it has no std::weak_ptr; hold a raw "
               "pointer or the library's weak reference (no automatic fix)"});
    Out.push_back(std::move(F));
  }

  const Program &P;
  std::map<std::string, Evidence> Evidences;
  std::map<std::pair<std::string, std::string>, Evidence> Mutual;
};

} // namespace

std::vector<WholeProgramFinding>
wholeProgramCycles(const std::vector<CycleFacts> &TUs) {
  Program P(TUs);
  CycleSearch Search(P);
  for (const auto &[USR, F] : P.Functions)
    if (!F->Calls.empty())
      Search.search(linksOf(*F, P));
  std::vector<WholeProgramFinding> Out = Search.findings();
  std::sort(Out.begin(), Out.end(),
            [](const WholeProgramFinding &A, const WholeProgramFinding &B) {
              return A.Point < B.Point;
            });
  return Out;
}

} // namespace leaklint::cycles
