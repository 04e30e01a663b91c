//===--- StaticInstanceCacheCheck.cpp - leak-static-instance-cache --------===//
#include "StaticInstanceCacheCheck.h"
#include "CheckFactories.h"
#include "FindingEmitter.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace leaklint {

static StaticInstanceCacheOptions
readOptions(const clang::tidy::ClangTidyCheck::OptionsView &View) {
  StaticInstanceCacheOptions O;
  O.ContainerTypes =
      View.get("ContainerTypes", ContainerTypes::defaultExtraContainers())
          .str();
  O.IgnoredClasses = View.get("IgnoredClasses", "").str();
  O.IgnoreSingletons = View.get("IgnoreSingletons", true);
  return O;
}

StaticInstanceCacheCheck::StaticInstanceCacheCheck(
    StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Config(readOptions(Options)),
      Analysis(Config), OptionsValid(Analysis.optionError().empty()) {
  if (!OptionsValid)
    configurationDiag(escapeForDiagnostic(Analysis.optionError()),
                      DiagnosticIDs::Error);
}

void StaticInstanceCacheCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ContainerTypes", Config.ContainerTypes);
  Options.store(Opts, "IgnoredClasses", Config.IgnoredClasses);
  Options.store(Opts, "IgnoreSingletons", Config.IgnoreSingletons);
}

void StaticInstanceCacheCheck::registerMatchers(MatchFinder *Finder) {
  if (OptionsValid)
    Analysis.registerMatchers(*Finder, this);
}

void StaticInstanceCacheCheck::check(const MatchFinder::MatchResult &Result) {
  Analysis.collect(Result);
}

void StaticInstanceCacheCheck::onEndOfTranslationUnit() {
  emitFindings(*this, Analysis.finish());
}

LEAKLINT_DEFINE_CHECK_FACTORY(StaticInstanceCacheCheck)

} // namespace leaklint
