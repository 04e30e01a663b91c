//===--- CallbackCycleCheck.cpp - leak-callback-cycle ---===//
#include "CallbackCycleCheck.h"
#include "CheckFactories.h"

namespace leaklint {

static CallbackCycleOptions
readOptions(const clang::tidy::ClangTidyCheck::OptionsView &View,
            clang::tidy::ClangTidyContext * /*Context*/) {
  CallbackCycleOptions O;
  O.ReportResetStorage = View.get("ReportResetStorage", false);
  return O;
}

CallbackCycleCheck::CallbackCycleCheck(llvm::StringRef Name,
                                       clang::tidy::ClangTidyContext *Context)
    : AnalysisCheck(Name, Context, readOptions) {}

void CallbackCycleCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReportResetStorage", Config.ReportResetStorage);
}

LEAKLINT_DEFINE_CHECK_FACTORY(CallbackCycleCheck)

} // namespace leaklint
