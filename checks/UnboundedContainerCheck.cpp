//===--- UnboundedContainerCheck.cpp - leak-unbounded-container ---===//
#include "UnboundedContainerCheck.h"
#include "CheckFactories.h"

namespace leaklint {

static UnboundedContainerOptions
readOptions(const clang::tidy::ClangTidyCheck::OptionsView &View,
            clang::tidy::ClangTidyContext *Context) {
  UnboundedContainerOptions O;
  O.ContainerTypes =
      View.get("ContainerTypes", ContainerTypes::defaultExtraContainers())
          .str();
  O.GrowthMethods = View.get("GrowthMethods",
                             UnboundedContainerOptions::defaultGrowthMethods())
                        .str();
  O.ShrinkMethods = View.get("ShrinkMethods",
                             UnboundedContainerOptions::defaultShrinkMethods())
                        .str();
  O.CheckSingletonMembers = View.get("CheckSingletonMembers", true);
  O.AssumeAllUsesVisible = View.get("AssumeAllUsesVisible", false);
  O.IgnoredVariables = View.get("IgnoredVariables", "").str();
  // One diagnostic per variable: registries of `this` are that check's.
  O.DeferRegistriesOfThis =
      Context->isCheckEnabled("leak-static-instance-cache");
  return O;
}

UnboundedContainerCheck::UnboundedContainerCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : AnalysisCheck(Name, Context, readOptions) {}

void UnboundedContainerCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ContainerTypes", Config.ContainerTypes);
  Options.store(Opts, "GrowthMethods", Config.GrowthMethods);
  Options.store(Opts, "ShrinkMethods", Config.ShrinkMethods);
  Options.store(Opts, "CheckSingletonMembers", Config.CheckSingletonMembers);
  Options.store(Opts, "AssumeAllUsesVisible", Config.AssumeAllUsesVisible);
  Options.store(Opts, "IgnoredVariables", Config.IgnoredVariables);
}

LEAKLINT_DEFINE_CHECK_FACTORY(UnboundedContainerCheck)

} // namespace leaklint
