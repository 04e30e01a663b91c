//===--- WholeProgramFindings.cpp - Every check's whole-program half ------===//
#include "WholeProgramFindings.h"
#include "callback-cycle/WholeProgramCallbacks.h"
#include "shared-ptr-cycle/WholeProgramCycles.h"
#include "static-instance-cache/WholeProgramInstanceCaches.h"
#include "unbounded-container/WholeProgramContainers.h"

namespace leaklint {
namespace {

// Reads the check's own facts of \p File into \p Out; false, with one
// message in \p Errors, when they are malformed.
template <typename FactsT>
bool readFacts(const facts::FactsFile &File, FactsT &Out,
               std::vector<std::string> &Errors) {
  llvm::json::Path::Root Root("facts");
  if (fromJSON(llvm::json::Value(llvm::json::Object(File.Facts)), Out, Root))
    return true;
  std::string Why;
  llvm::raw_string_ostream OS(Why);
  OS << llvm::toString(Root.getError());
  Errors.push_back(File.Path + ": malformed facts (" + Why + "); skipped");
  return false;
}

} // namespace

std::vector<facts::WholeProgramFinding>
wholeProgramFindings(const std::vector<facts::FactsFile> &Files,
                     std::vector<std::string> &Errors) {
  std::vector<cycles::CycleFacts> Cycles;
  std::vector<instancecache::InstanceCacheFacts> InstanceCaches;
  std::vector<containers::ContainerFacts> Containers;
  std::vector<callbacks::CallbackFacts> Callbacks;
  for (const facts::FactsFile &File : Files) {
    if (File.Header.Check == "leak-shared-ptr-cycle") {
      cycles::CycleFacts Facts;
      if (readFacts(File, Facts, Errors))
        Cycles.push_back(std::move(Facts));
    } else if (File.Header.Check == "leak-static-instance-cache") {
      instancecache::InstanceCacheFacts Facts;
      if (readFacts(File, Facts, Errors))
        InstanceCaches.push_back(std::move(Facts));
    } else if (File.Header.Check == "leak-unbounded-container") {
      containers::ContainerFacts Facts;
      if (readFacts(File, Facts, Errors))
        Containers.push_back(std::move(Facts));
    } else if (File.Header.Check == "leak-callback-cycle") {
      callbacks::CallbackFacts Facts;
      if (readFacts(File, Facts, Errors))
        Callbacks.push_back(std::move(Facts));
    } else {
      Errors.push_back(File.Path + ": '" + File.Header.Check +
                       "' writes no facts; skipped");
    }
  }
  std::vector<facts::WholeProgramFinding> Found =
      cycles::wholeProgramCycles(Cycles);
  for (facts::WholeProgramFinding &F :
       instancecache::wholeProgramInstanceCaches(InstanceCaches))
    Found.push_back(std::move(F));
  for (facts::WholeProgramFinding &F :
       containers::wholeProgramContainers(Containers))
    Found.push_back(std::move(F));
  for (facts::WholeProgramFinding &F :
       callbacks::wholeProgramCallbacks(Callbacks))
    Found.push_back(std::move(F));
  return Found;
}

} // namespace leaklint
