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
#include "facts/TranslationUnitFacts.h"

namespace leaklint {

/// Hands the compile digest of the TU \p PP preprocesses to an analysis that
/// writes facts files in whole-program mode; other analyses take nothing.
namespace detail {
template <typename AnalysisT>
auto passCompileDigest(AnalysisT &Analysis, const clang::Preprocessor &PP, int)
    -> decltype(Analysis.setCompileDigest(std::string())) {
  Analysis.setCompileDigest(facts::compileDigest(PP));
}
template <typename AnalysisT>
void passCompileDigest(AnalysisT &, const clang::Preprocessor &, long) {}
} // namespace detail
template <typename AnalysisT>
void passCompileDigest(AnalysisT &Analysis, const clang::Preprocessor &PP) {
  detail::passCompileDigest(Analysis, PP, 0);
}

} // namespace leaklint

#endif // LEAKLINT_CHECKS_ANALYSES_H
