//===--- CheckCatalog.h - Names and summaries of Checks.def -----*- C++ -*-===//
//
// For front ends that need the list of checks but not the analyses: the
// plugin validates check globs against the names, the SARIF writer describes
// each rule with its summary.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_CHECKCATALOG_H
#define LEAKLINT_CHECKS_CHECKCATALOG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace leaklint {

struct CheckInfo {
  llvm::StringRef Name;
  llvm::StringRef Summary;
};

/// Every check, in Checks.def order.
inline llvm::ArrayRef<CheckInfo> checkCatalog() {
  static const CheckInfo Checks[] = {
#define LEAKLINT_CHECK(Name, Analysis, Summary) {Name, Summary},
#include "Checks.def"
  };
  return Checks;
}

} // namespace leaklint

#endif // LEAKLINT_CHECKS_CHECKCATALOG_H
