//===--- WholeProgramCycles.h - leak-shared-ptr-cycle across TUs -*- C++
//-*-===//
//
// The merge side of leak-shared-ptr-cycle. Each TU's facts (CycleFacts.h)
// keep the calls it could not see into; here every such call is resolved
// against the setters the other TUs define, and the function's links, old
// and new, are searched for the same evidence the per-TU check wants: an
// object stored into its own field, into something it owns, or two objects
// stored into each other. Only evidence that needed another TU is reported,
// and a back edge some TU already reports is not reported again.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_SHARED_PTR_CYCLE_WHOLEPROGRAMCYCLES_H
#define LEAKLINT_CHECKS_SHARED_PTR_CYCLE_WHOLEPROGRAMCYCLES_H

#include "CycleFacts.h"
#include "facts/WholeProgramFinding.h"

namespace leaklint::cycles {

/// The cycles whose evidence spans TUs. \p TUs may hold the same TU or the
/// same inline function more than once; each finding comes out once.
std::vector<facts::WholeProgramFinding>
wholeProgramCycles(const std::vector<CycleFacts> &TUs);

} // namespace leaklint::cycles

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_WHOLEPROGRAMCYCLES_H
