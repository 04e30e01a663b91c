//===--- StaticInstanceCacheCheck.cpp - leak-static-instance-cache ---===//
#include "StaticInstanceCacheCheck.h"
#include "CheckFactories.h"

namespace leaklint {

static StaticInstanceCacheOptions
readOptions(const clang::tidy::ClangTidyCheck::OptionsView &View,
            clang::tidy::ClangTidyContext * /*Context*/) {
  StaticInstanceCacheOptions O;
  O.ContainerTypes =
      View.get("ContainerTypes", ContainerTypes::defaultExtraContainers())
          .str();
  O.IgnoredClasses = View.get("IgnoredClasses", "").str();
  O.IgnoreSingletons = View.get("IgnoreSingletons", true);
  return O;
}

StaticInstanceCacheCheck::StaticInstanceCacheCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : AnalysisCheck(Name, Context, readOptions) {}

void StaticInstanceCacheCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ContainerTypes", Config.ContainerTypes);
  Options.store(Opts, "IgnoredClasses", Config.IgnoredClasses);
  Options.store(Opts, "IgnoreSingletons", Config.IgnoreSingletons);
}

LEAKLINT_DEFINE_CHECK_FACTORY(StaticInstanceCacheCheck)

} // namespace leaklint
