//===--- WholeProgramCallbacks.cpp - leak-callback-cycle across TUs -------===//
#include "WholeProgramCallbacks.h"
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace leaklint::callbacks {

static std::string quote(const std::string &S) { return "'" + S + "'"; }

std::vector<facts::WholeProgramFinding>
wholeProgramCallbacks(const std::vector<CallbackFacts> &TUs) {
  // An inline method is summarised in no TU (every TU that calls it sees
  // its body); an out-of-line one in the TU that defines it. Two TUs that
  // define the same method (the same file under two sets of flags) give
  // the same stores: the first is kept.
  std::set<std::string> Reset;
  std::multimap<std::string, const ParamStoreFact *> StoresOf;
  std::set<std::string> Summarised;
  for (const CallbackFacts &TU : TUs) {
    Reset.insert(TU.Resets.begin(), TU.Resets.end());
    std::set<std::string> Here;
    for (const ParamStoreFact &S : TU.Stores)
      if (!Summarised.count(S.Function)) {
        StoresOf.emplace(S.Function, &S);
        Here.insert(S.Function);
      }
    Summarised.insert(Here.begin(), Here.end());
  }
  std::vector<facts::WholeProgramFinding> Out;
  std::set<std::tuple<facts::SourcePoint, std::string>> Seen;
  // Stores a TU found into storage a method defined elsewhere may empty:
  // reported when no TU empties any field on the way, and no TU reported
  // the same store itself. A header's store comes from every TU that
  // includes it: once.
  std::set<facts::SourcePoint> ReportedPerTU;
  for (const CallbackFacts &TU : TUs)
    ReportedPerTU.insert(TU.Reported.begin(), TU.Reported.end());
  for (const CallbackFacts &TU : TUs)
    for (const WaitingCallbackFact &W : TU.Waiting) {
      if (W.Chain.empty() || ReportedPerTU.count(W.Finding.Point) ||
          std::any_of(W.Chain.begin(), W.Chain.end(),
                      [&](const std::string &USR) { return Reset.count(USR); }))
        continue;
      if (Seen.insert({W.Finding.Point, W.Chain.back()}).second)
        Out.push_back(W.Finding);
    }
  for (const CallbackFacts &TU : TUs)
    for (const PendingCallbackFact &P : TU.Pending) {
      auto [Begin, End] = StoresOf.equal_range(P.Callee);
      for (auto It = Begin; It != End; ++It) {
        const ParamStoreFact &S = *It->second;
        if (S.Param != P.Param)
          continue;
        // Emptying the storage, or any owned object on the way to it,
        // anywhere in the program breaks the cycle, as per TU.
        auto IsReset = [&](const std::string &USR) {
          return Reset.count(USR) != 0;
        };
        if (Reset.count(S.Field) ||
            std::any_of(P.Chain.begin(), P.Chain.end(), IsReset) ||
            std::any_of(S.Via.begin(), S.Via.end(), IsReset))
          continue;
        if (!Seen.insert({P.Finding.Point, S.Field}).second)
          continue;
        std::string Path;
        for (const std::vector<std::string> *Names : {&P.ChainNames,
                                                       &S.ViaNames})
          for (const std::string &Name : *Names)
            Path += (Path.empty() ? "" : ".") + Name;
        facts::WholeProgramFinding F = P.Finding;
        F.Message = quote(S.FieldMember) +
                    (Path.empty() ? "" : " of " + quote(Path)) + F.Message;
        std::string Stores =
            S.StoredBy.empty() || S.StoredBy == P.CalleeName
                ? " stores its argument in "
                : " hands its argument on to " + quote(S.StoredBy) +
                      ", which stores it in ";
        F.Notes.push_back({S.Where, quote(P.CalleeName) +
                                        ", defined in another translation "
                                        "unit," +
                                        Stores + quote(S.FieldName) +
                                        " here"});
        Out.push_back(std::move(F));
      }
    }
  return Out;
}

} // namespace leaklint::callbacks
