//===--- Analyses.h - Every analysis Checks.def names -----------*- C++ -*-===//
//
// Front ends include this header and expand Checks.def; a new check adds its
// analysis header here.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_ANALYSES_H
#define LEAKLINT_LIB_ANALYSES_H

#include "CallbackCycle.h"
#include "SharedPtrCycle.h"
#include "StaticInstanceCache.h"
#include "UnboundedContainer.h"

#endif // LEAKLINT_LIB_ANALYSES_H
