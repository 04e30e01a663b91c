//===--- CallbackCycleCheck.h - leak-callback-cycle -*- C++ -*-===//
#ifndef LEAKLINT_CHECKS_CALLBACKCYCLECHECK_H
#define LEAKLINT_CHECKS_CALLBACKCYCLECHECK_H

#include "AnalysisCheck.h"
#include "CallbackCycle.h"

namespace leaklint {

/// Finds callbacks that hold a shared_ptr to the object they are stored in
/// (`onTimeout_ = [self = shared_from_this()] {...}`): the object can never
/// be destroyed while the callback is stored. Offers a weak capture that is
/// locked on entry.
///
/// For the user-facing documentation see docs/checks/leak-callback-cycle.md
class CallbackCycleCheck
    : public AnalysisCheck<CallbackCycle, CallbackCycleOptions> {
public:
  CallbackCycleCheck(llvm::StringRef Name,
                     clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_CALLBACKCYCLECHECK_H
