//===--- SarifReport.h - clang-tidy's exported diagnostics as SARIF -*- C++
//-*-//
//
// clang-tidy has no SARIF output (llvm/llvm-project#55647) but exports every
// diagnostic, with its notes and fixes, as YAML (--export-fixes; run-clang-tidy
// and clang-tidy-diff merge theirs). This turns that YAML into a SARIF 2.1.0
// log with clang's own writer, for GitHub code scanning and other viewers.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_SARIF_SARIFREPORT_H
#define LEAKLINT_SARIF_SARIFREPORT_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/Support/JSON.h"
#include <string>
#include <vector>

namespace leaklint {

struct SarifOptions {
  /// Where the leak-* pages live: `<DocsURL>/<check>.md` is a rule's help.
  std::string DocsURL;
};

/// One SARIF log with one run for \p Diagnostics; diagnostics that several
/// translation units reported (a header's) appear once. Files are read from
/// disk to turn offsets into lines and columns; a diagnostic in a file that
/// cannot be read is reported into \p Errors and left out.
llvm::json::Object
sarifLog(const std::vector<clang::tooling::Diagnostic> &Diagnostics,
         const SarifOptions &Options, std::vector<std::string> &Errors);

} // namespace leaklint

#endif // LEAKLINT_SARIF_SARIFREPORT_H
