//===--- UnboundedContainerCheck.cpp - leak-unbounded-container -----------===//
#include "UnboundedContainerCheck.h"
#include "CheckFactories.h"
#include "FindingEmitter.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace leaklint {

static UnboundedContainerOptions
readOptions(const clang::tidy::ClangTidyCheck::OptionsView &View) {
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
  return O;
}

UnboundedContainerCheck::UnboundedContainerCheck(
    StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Config([&] {
        UnboundedContainerOptions O = readOptions(Options);
        O.DeferRegistriesOfThis =
            Context->isCheckEnabled("leak-static-instance-cache");
        return O;
      }()),
      Analysis(Config) {
  if (!Analysis.optionError().empty())
    configurationDiag(escapeForDiagnostic(Analysis.optionError()),
                      DiagnosticIDs::Error);
}

void UnboundedContainerCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ContainerTypes", Config.ContainerTypes);
  Options.store(Opts, "GrowthMethods", Config.GrowthMethods);
  Options.store(Opts, "ShrinkMethods", Config.ShrinkMethods);
  Options.store(Opts, "CheckSingletonMembers", Config.CheckSingletonMembers);
  Options.store(Opts, "AssumeAllUsesVisible", Config.AssumeAllUsesVisible);
  Options.store(Opts, "IgnoredVariables", Config.IgnoredVariables);
}

void UnboundedContainerCheck::registerMatchers(MatchFinder *Finder) {
  if (Analysis.optionError().empty())
    Analysis.registerMatchers(*Finder, this);
}

void UnboundedContainerCheck::check(const MatchFinder::MatchResult &Result) {
  Analysis.collect(Result);
}

void UnboundedContainerCheck::onEndOfTranslationUnit() {
  emitFindings(*this, Analysis.finish());
}

LEAKLINT_DEFINE_CHECK_FACTORY(UnboundedContainerCheck)

} // namespace leaklint
