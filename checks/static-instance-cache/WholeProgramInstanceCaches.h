//===--- WholeProgramInstanceCaches.h - leak-static-instance-cache across
// TUs -*- C++ -*-===//
//
// The merge side of leak-static-instance-cache. A TU that stores `this` in a
// registry but lacks the class's destructor leaves the registry to the merge
// (InstanceCacheFacts.h). Here the destructors it waits for are looked up in
// the TUs that define them, and followed through the functions they run,
// defined wherever: the registry is reported when all of them are known and
// none removes entries from it. One missing definition, or a helper that
// removes from whatever it is handed, keeps it quiet.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_WHOLEPROGRAMINSTANCECACHES_H
#define LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_WHOLEPROGRAMINSTANCECACHES_H

#include "InstanceCacheFacts.h"
#include "facts/WholeProgramFinding.h"

namespace leaklint::instancecache {

/// The registries whose removal was left to the merge and that no destructor
/// removes from. \p TUs may hold the same TU more than once; each finding
/// comes out once.
std::vector<facts::WholeProgramFinding>
wholeProgramInstanceCaches(const std::vector<InstanceCacheFacts> &TUs);

} // namespace leaklint::instancecache

#endif // LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_WHOLEPROGRAMINSTANCECACHES_H
