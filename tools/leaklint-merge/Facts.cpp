//===--- Facts.cpp - Every check's whole-program half ---------------------===//
#include "Facts.h"
#include "shared-ptr-cycle/WholeProgramCycles.h"

namespace leaklint {

std::vector<facts::WholeProgramFinding>
wholeProgramFindings(const std::vector<facts::FactsFile> &Files,
                     std::vector<std::string> &Errors) {
  std::vector<cycles::CycleFacts> Cycles;
  for (const facts::FactsFile &File : Files) {
    if (File.Header.Check != "leak-shared-ptr-cycle") {
      Errors.push_back(File.Path + ": '" + File.Header.Check +
                       "' writes no facts; skipped");
      continue;
    }
    cycles::CycleFacts Facts;
    llvm::json::Path::Root Root("facts");
    if (!fromJSON(llvm::json::Value(llvm::json::Object(File.Facts)), Facts,
                  Root)) {
      std::string Why;
      llvm::raw_string_ostream OS(Why);
      OS << llvm::toString(Root.getError());
      Errors.push_back(File.Path + ": malformed facts (" + Why + "); skipped");
      continue;
    }
    Cycles.push_back(std::move(Facts));
  }
  return cycles::wholeProgramCycles(Cycles);
}

} // namespace leaklint
