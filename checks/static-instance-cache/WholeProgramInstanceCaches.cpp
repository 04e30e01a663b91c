//===--- WholeProgramInstanceCaches.cpp - leak-static-instance-cache across
// TUs ---===//
#include "WholeProgramInstanceCaches.h"
#include <set>

namespace leaklint::instancecache {
namespace {

// How many TU boundaries the search crosses from a destructor, and how many
// functions it looks at in all: each function's facts already cover its own
// TU a few calls deep.
constexpr unsigned MaxHops = 4;
constexpr unsigned MaxFunctions = 256;

enum class Removal { Removed, NotRemoved, Unknown };

// Every TU's functions, one entry per USR. A function two facts files
// describe (the same TU twice, under two sets of flags) removes what either
// says.
std::map<std::string, FunctionFact>
mergeFunctions(const std::vector<InstanceCacheFacts> &TUs) {
  std::map<std::string, FunctionFact> All;
  for (const InstanceCacheFacts &TU : TUs)
    for (const auto &[USR, F] : TU.Functions) {
      auto [It, New] = All.try_emplace(USR, F);
      if (New)
        continue;
      FunctionFact &Known = It->second;
      Known.MayRemoveAny |= F.MayRemoveAny;
      for (const std::string &R : F.Removes)
        if (!llvm::is_contained(Known.Removes, R))
          Known.Removes.push_back(R);
      for (const std::string &R : F.Runs)
        if (!llvm::is_contained(Known.Runs, R))
          Known.Runs.push_back(R);
    }
  return All;
}

// Whether the functions \p R waits for remove entries from its registry.
Removal removal(const PendingRegistryFact &R,
                const std::map<std::string, FunctionFact> &Functions) {
  std::vector<std::pair<std::string, unsigned>> Work;
  std::set<std::string> Seen;
  for (const std::string &USR : R.Open)
    if (Seen.insert(USR).second)
      Work.push_back({USR, 0});
  for (size_t I = 0; I < Work.size(); ++I) {
    if (I == MaxFunctions)
      return Removal::Unknown;
    auto It = Functions.find(Work[I].first);
    // Defined in no TU of the program: it may remove, as far as we know.
    if (It == Functions.end())
      return Removal::Unknown;
    const FunctionFact &F = It->second;
    if (F.MayRemoveAny || llvm::is_contained(F.Removes, R.Registry))
      return Removal::Removed;
    if (Work[I].second == MaxHops)
      continue;
    for (const std::string &USR : F.Runs)
      if (Seen.insert(USR).second)
        Work.push_back({USR, Work[I].second + 1});
  }
  return Removal::NotRemoved;
}

} // namespace

std::vector<facts::WholeProgramFinding>
wholeProgramInstanceCaches(const std::vector<InstanceCacheFacts> &TUs) {
  std::map<std::string, FunctionFact> Functions = mergeFunctions(TUs);
  std::set<std::string> Done;
  for (const InstanceCacheFacts &TU : TUs)
    Done.insert(TU.Reported.begin(), TU.Reported.end());
  // One finding per registry, as per TU; in a stable order.
  std::map<std::pair<std::string, std::string>, const PendingRegistryFact *>
      Pending;
  for (const InstanceCacheFacts &TU : TUs)
    for (const PendingRegistryFact &R : TU.Pending)
      Pending.try_emplace({R.Registry, R.Class}, &R);

  std::vector<facts::WholeProgramFinding> Out;
  for (const auto &[Key, R] : Pending) {
    if (Done.count(R->Registry) ||
        removal(*R, Functions) != Removal::NotRemoved)
      continue;
    Done.insert(R->Registry);
    facts::WholeProgramFinding F = R->Finding;
    // Where the other TUs' destructors are, and that they do not remove.
    for (const std::string &USR : R->Open) {
      if (F.Notes.size() == R->Finding.Notes.size() + 3)
        break;
      const FunctionFact &D = Functions.at(USR);
      F.Notes.push_back({D.Point, "'" + D.Name +
                                      "', defined in another translation "
                                      "unit, does not erase entries from '" +
                                      R->RegistryName + "'"});
    }
    F.Notes.insert(F.Notes.end(), R->Remedies.begin(), R->Remedies.end());
    Out.push_back(std::move(F));
  }
  return Out;
}

} // namespace leaklint::instancecache
