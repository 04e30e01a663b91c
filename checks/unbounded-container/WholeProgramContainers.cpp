//===--- WholeProgramContainers.cpp - leak-unbounded-container across TUs -===//
#include "WholeProgramContainers.h"
#include <map>
#include <set>

namespace leaklint::containers {

std::vector<facts::WholeProgramFinding>
wholeProgramContainers(const std::vector<ContainerFacts> &TUs) {
  // Shrunk anywhere, or reported by a TU itself: nothing for the merge.
  std::set<std::string> Done;
  for (const ContainerFacts &TU : TUs) {
    Done.insert(TU.Shrunk.begin(), TU.Shrunk.end());
    Done.insert(TU.Reported.begin(), TU.Reported.end());
  }
  // One finding per container, worded by the first TU (in file name order)
  // that grows it.
  std::map<std::string, const PendingContainerFact *> Pending;
  for (const ContainerFacts &TU : TUs)
    for (const PendingContainerFact &C : TU.Pending)
      if (!Done.count(C.Container))
        Pending.try_emplace(C.Container, &C);
  std::vector<facts::WholeProgramFinding> Out;
  for (const auto &[USR, C] : Pending) {
    facts::WholeProgramFinding F = C->Finding;
    F.Notes.insert(F.Notes.begin(),
                   {F.Point, "other translation units can reach it, and none "
                             "of them removes from it (whole-program mode)"});
    Out.push_back(std::move(F));
  }
  return Out;
}

} // namespace leaklint::containers
