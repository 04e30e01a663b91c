//===--- SharedPtrCycleCheck.cpp - leak-shared-ptr-cycle ---===//
#include "SharedPtrCycleCheck.h"
#include "CheckFactories.h"

namespace leaklint {

static SharedPtrCycleOptions
readOptions(const clang::tidy::ClangTidyCheck::OptionsView &View,
            clang::tidy::ClangTidyContext * /*Context*/) {
  SharedPtrCycleOptions O;
  O.ContainerTypes =
      View.get("ContainerTypes", ContainerTypes::defaultExtraContainers())
          .str();
  O.OwnerTypes = View.get("OwnerTypes", "").str();
  O.ReportTypeCycles = View.get("ReportTypeCycles", false);
  return O;
}

SharedPtrCycleCheck::SharedPtrCycleCheck(llvm::StringRef Name,
                                         clang::tidy::ClangTidyContext *Context)
    : AnalysisCheck(Name, Context, readOptions) {}

void SharedPtrCycleCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ContainerTypes", Config.ContainerTypes);
  Options.store(Opts, "OwnerTypes", Config.OwnerTypes);
  Options.store(Opts, "ReportTypeCycles", Config.ReportTypeCycles);
}

LEAKLINT_DEFINE_CHECK_FACTORY(SharedPtrCycleCheck)

} // namespace leaklint
