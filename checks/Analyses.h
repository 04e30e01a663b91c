//===--- Analyses.h - Every analysis Checks.def names -----------*- C++ -*-===//
//
// Front ends include this header and expand Checks.def; a new check adds its
// analysis header here.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_ANALYSES_H
#define LEAKLINT_CHECKS_ANALYSES_H

#include "callback-cycle/CallbackCycle.h"
#include "shared-ptr-cycle/SharedPtrCycle.h"
#include "static-instance-cache/StaticInstanceCache.h"
#include "unbounded-container/UnboundedContainer.h"

#endif // LEAKLINT_CHECKS_ANALYSES_H
