//===--- SharedPtrCycleCheck.h - leak-shared-ptr-cycle -*- C++ -*-===//
#ifndef LEAKLINT_CHECKS_SHAREDPTRCYCLECHECK_H
#define LEAKLINT_CHECKS_SHAREDPTRCYCLECHECK_H

#include "AnalysisCheck.h"
#include "SharedPtrCycle.h"

namespace leaklint {

/// Finds std::shared_ptr ownership cycles that the code closes: parent and
/// child, controller and view, doubly linked nodes, observers and subjects
/// holding each other; the warning goes on the field that should be a
/// std::weak_ptr.
///
/// For the user-facing documentation see docs/checks/leak-shared-ptr-cycle.md
class SharedPtrCycleCheck
    : public AnalysisCheck<SharedPtrCycle, SharedPtrCycleOptions> {
public:
  SharedPtrCycleCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_SHAREDPTRCYCLECHECK_H
