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
#include "clang/Lex/Preprocessor.h"

namespace leaklint {

/// Hands the TU's preprocessor to an analysis that writes facts files in
/// whole-program mode (it names the file by the compile's options); other
/// analyses take nothing.
namespace detail {
template <typename AnalysisT>
auto passPreprocessor(AnalysisT &Analysis, const clang::Preprocessor &PP, int)
    -> decltype(Analysis.setPreprocessor(PP)) {
  Analysis.setPreprocessor(PP);
}
template <typename AnalysisT>
void passPreprocessor(AnalysisT &, const clang::Preprocessor &, long) {}
} // namespace detail
template <typename AnalysisT>
void passPreprocessor(AnalysisT &Analysis, const clang::Preprocessor &PP) {
  detail::passPreprocessor(Analysis, PP, 0);
}

} // namespace leaklint

#endif // LEAKLINT_CHECKS_ANALYSES_H
