//===--- WholeProgramCycles.cpp - leak-shared-ptr-cycle across TUs --------===//
#include "WholeProgramCycles.h"
#include "CycleEvidence.h"
#include <algorithm>

namespace leaklint::cycles {
namespace {

using facts::WholeProgramFinding;

std::string quoted(llvm::StringRef S) { return ("'" + S + "'").str(); }

using Evidence = CycleEvidence<LinkFact, std::string>;

/// The program: every TU's facts, each declaration once.
struct Program {
  std::map<std::string, FieldFact> Fields;
  std::map<std::string, std::vector<ParamStoreFact>> Setters;
  std::map<std::string, const FunctionFacts *> Functions;
  std::set<std::string> Called, Reported;
  /// Fields some called, non-destructor function drains / resets.
  std::set<std::string> Drained, Reset;
  /// (field, collection): reset through every element of the collection.
  std::set<std::pair<std::string, std::string>> ResetInEveryElement;

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
      for (const EmptyingFact &E : TU.ElementResets)
        if (!E.InDestructor && Called.count(E.Function))
          ResetInEveryElement.insert({E.Field, E.Collection});
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

// What the evidence search needs to know of the program's links.
struct FactTraits {
  using Link = LinkFact;
  using FieldKey = std::string;
  const Program *P;

  // Only evidence that needed another TU: the rest, each TU reports.
  bool counts(const LinkFact &L) const { return L.RemoteStore.has_value(); }

  bool ownedPath(const LinkFact &L, llvm::SmallVectorImpl<std::string> &Path) const {
    for (size_t S = L.Target.Path.size(); S < L.Holder.Path.size(); ++S) {
      const StepFact &Step = L.Holder.Path[S];
      if (!Step.Owning)
        return false;
      if (!Step.Field.empty())
        Path.push_back(Step.Field);
    }
    return true;
  }

  bool ownsThrough(const ObjectFact &Outer, const ObjectFact &Inner) const {
    return Outer.ownsOrIs(Inner) &&
           std::all_of(Inner.Path.begin() + Outer.Path.size(), Inner.Path.end(),
                       [](const StepFact &Step) { return Step.Owning; });
  }

  bool singleOwner(const std::string &USR) const { return P->singleOwner(USR); }
  bool older(const ObjectFact &A, const ObjectFact &B) const {
    if (A.Kind == "fresh" && B.Kind == "fresh")
      return A.Made < B.Made;
    return A.age() > B.age();
  }

  bool declaredBefore(const std::string &A, const std::string &B) const {
    return point(A) < point(B);
  }
  facts::SourcePoint point(const std::string &USR) const {
    const FieldFact *F = P->field(USR);
    return F ? F->Point : facts::SourcePoint();
  }
};

class CycleSearch {
public:
  explicit CycleSearch(const Program &P) : P(P), Evidences(FactTraits{&P}) {}

  void search(const std::vector<LinkFact> &Found) { Evidences.add(Found); }

  std::vector<WholeProgramFinding> findings() {
    std::vector<WholeProgramFinding> Out;
    for (const auto &[Field, E] : Evidences.evidences())
      report(E, Out);
    return Out;
  }

private:
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
    // A cycle of single owners, shared or unique, reset on any edge
    // (SharedPtrCycle.cpp).
    llvm::SmallVector<std::string, 4> Edges = cycleFields(E);
    if (llvm::all_of(Edges,
                     [&](const std::string &Field) {
                       const FieldFact *Fact = P.field(Field);
                       return Fact && (Fact->SingleOwner || Fact->UniqueOwner);
                     }) &&
        llvm::any_of(Edges, [&](const std::string &Field) {
          return P.Reset.count(Field) > 0;
        }))
      return;

    // Reset through every element of each collection on it.
    if (!llvm::all_of(Edges, [&](const std::string &F) {
          return P.singleOwner(F);
        }) &&
        llvm::any_of(Edges, [&](const std::string &Field) {
          return P.singleOwner(Field) &&
                 llvm::all_of(Edges, [&](const std::string &Other) {
                   return P.singleOwner(Other) ||
                          P.ResetInEveryElement.count({Field, Other});
                 });
        }))
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
                  quoted(Back->Class) + " in turn, so " +
                  (E.Forward.size() > 1 ? "none of them" : "neither") +
                  " is ever destroyed";
    std::vector<std::string> Forward(E.Path.begin(), E.Path.end());
    // What the last store of a ring stores: the holder, or the object that
    // owns it through the hops.
    std::string LastStored = Back->Class;
    // As in the per-TU check: the hops inside each target to the next holder.
    auto AppendHops = [&](const ObjectFact &Outer, const ObjectFact &Inner) {
      for (size_t S = Outer.Path.size(); S < Inner.Path.size(); ++S)
        if (!Inner.Path[S].Field.empty())
          Forward.push_back(Inner.Path[S].Field);
    };
    if (E.Kind == EvidenceKind::Mutual) {
      const ObjectFact *Previous = &E.Back.Target;
      for (const LinkFact &L : E.Forward) {
        AppendHops(*Previous, L.Holder);
        Forward.push_back(L.Field);
        Previous = &L.Target;
      }
      size_t BackHops = Forward.size();
      AppendHops(*Previous, E.Back.Holder);
      if (Forward.size() > BackHops)
        if (const FieldFact *Hop = P.field(Forward[BackHops]))
          LastStored = Hop->Class;
    }
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
    // Each store the other way, around a ring to the holder: the last one
    // stores the holder itself.
    for (const LinkFact &L : E.Forward) {
      const FieldFact *Field = P.field(L.Field);
      std::string Stored = &L == &E.Forward.back() ? LastStored
                           : Field                ? Field->Pointee
                                                  : std::string();
      F.Notes.push_back({L.Value, "the " + quoted(Stored) + " is stored in " +
                                      quoted(Field ? Field->ShortName
                                                   : std::string()) +
                                      " here"});
      Through(L);
    }
    std::string How = quoted(Back->ShortName) + " is set to " +
                      describeValue(E.Back) + " here";
    if (!E.Back.Through.empty())
      How += ", through " + quoted(E.Back.Through);
    F.Notes.push_back({E.Back.Value, How});
    Through(E.Back);
    // A cycle through one field more than once (SharedPtrCycle.cpp).
    if (revisitsBackField(E)) {
      F.Notes.push_back({Back->Point,
                         "the cycle goes through " +
                             quoted(Back->ShortName) +
                             " more than once; the link that closes it must "
                             "not own (no automatic fix: making the field "
                             "weak would free the objects it links)"});
      Out.push_back(std::move(F));
      return;
    }
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
  CycleEvidenceSearch<FactTraits> Evidences;
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
