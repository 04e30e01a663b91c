//===--- WholeProgramFindings.h - Every check's whole-program half -*- C++ -*-===//
//
// The merge's core, shared by leaklint-merge and the fuzzer (which writes
// and merges the facts of every input): each facts file goes to the
// whole-program half of the check that wrote it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_WHOLEPROGRAMFINDINGS_H
#define LEAKLINT_CHECKS_WHOLEPROGRAMFINDINGS_H

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

#endif // LEAKLINT_CHECKS_WHOLEPROGRAMFINDINGS_H
