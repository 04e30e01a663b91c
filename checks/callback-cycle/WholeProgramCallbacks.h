//===--- WholeProgramCallbacks.h - leak-callback-cycle across TUs -*- C++ -*-===//
//
// The merge's half of leak-callback-cycle: a callable holding an object,
// handed in one TU to a method defined in another that stores it in a field
// the object owns, with no TU emptying that field or an owned object on the
// way to it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_CALLBACK_CYCLE_WHOLEPROGRAMCALLBACKS_H
#define LEAKLINT_CHECKS_CALLBACK_CYCLE_WHOLEPROGRAMCALLBACKS_H

#include "CallbackFacts.h"

namespace leaklint::callbacks {

std::vector<facts::WholeProgramFinding>
wholeProgramCallbacks(const std::vector<CallbackFacts> &TUs);

} // namespace leaklint::callbacks

#endif // LEAKLINT_CHECKS_CALLBACK_CYCLE_WHOLEPROGRAMCALLBACKS_H
