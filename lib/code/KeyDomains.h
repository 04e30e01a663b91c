//===--- KeyDomains.h - Keys drawn from a bounded set ------------*- C++ -*-===//
//
// A map keyed by `std::type_index`, an enum or an error category holds at
// most one entry per type, enumerator or category: the program's code fixes
// that set, no input can extend it. A set keyed by `std::thread::id` holds at
// most one entry per thread the process runs at once: the C library reuses
// a finished thread's id. Such tables grow to a bound and stop, so growth
// without removal is not accumulation.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_KEYDOMAINS_H
#define LEAKLINT_LIB_CODE_KEYDOMAINS_H

#include "clang/AST/DeclTemplate.h"

namespace leaklint {

/// True when \p Keyed is a unique-key container (a map or set, not a multi-
/// one) whose key is `bool`, an enumeration, `std::type_index`, or a pointer
/// or reference wrapper to `std::type_info` or to an error category
/// (`std::error_category`, `boost::system::error_category` or a class derived
/// from either): categories are compared by address, so each is one object;
/// or `std::thread::id`.
bool hasClosedKeyDomain(const clang::ClassTemplateSpecializationDecl *Keyed);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_KEYDOMAINS_H
