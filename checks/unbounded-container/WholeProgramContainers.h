//===--- WholeProgramContainers.h - leak-unbounded-container across TUs
//-*- C++ -*-===//
//
// The merge side of leak-unbounded-container. A TU that grows a container
// other TUs can touch leaves it to the merge (ContainerFacts.h); here it is
// reported when no TU of the program may shrink it, and no TU reports it
// already.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_WHOLEPROGRAMCONTAINERS_H
#define LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_WHOLEPROGRAMCONTAINERS_H

#include "ContainerFacts.h"

namespace leaklint::containers {

/// The containers left to the merge that no TU shrinks. \p TUs may hold the
/// same TU more than once; each finding comes out once.
std::vector<facts::WholeProgramFinding>
wholeProgramContainers(const std::vector<ContainerFacts> &TUs);

} // namespace leaklint::containers

#endif // LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_WHOLEPROGRAMCONTAINERS_H
