//===--- Facts.h - Every check's whole-program half -------------*- C++ -*-===//
#ifndef LEAKLINT_MERGE_FACTS_H
#define LEAKLINT_MERGE_FACTS_H

#include "facts/FactsFiles.h"
#include "facts/WholeProgramFinding.h"

namespace leaklint {

/// Hands each facts file to the check that wrote it and returns what the
/// checks find across TUs. A file whose facts the check cannot read, or of
/// a check with no whole-program half, is reported into \p Errors.
std::vector<facts::WholeProgramFinding>
wholeProgramFindings(const std::vector<facts::FactsFile> &Files,
                     std::vector<std::string> &Errors);

} // namespace leaklint

#endif // LEAKLINT_MERGE_FACTS_H
