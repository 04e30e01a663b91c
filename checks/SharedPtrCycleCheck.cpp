//===--- SharedPtrCycleCheck.cpp - leak-shared-ptr-cycle ------------------===//
#include "SharedPtrCycleCheck.h"
#include "CheckFactories.h"
#include "FindingEmitter.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace leaklint {

static SharedPtrCycleOptions
readOptions(const clang::tidy::ClangTidyCheck::OptionsView &View) {
  SharedPtrCycleOptions O;
  O.ContainerTypes =
      View.get("ContainerTypes", ContainerTypes::defaultExtraContainers())
          .str();
  O.ReportTypeCycles = View.get("ReportTypeCycles", false);
  return O;
}

SharedPtrCycleCheck::SharedPtrCycleCheck(StringRef Name,
                                         clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Config(readOptions(Options)),
      Analysis(Config) {}

void SharedPtrCycleCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ContainerTypes", Config.ContainerTypes);
  Options.store(Opts, "ReportTypeCycles", Config.ReportTypeCycles);
}

void SharedPtrCycleCheck::registerMatchers(MatchFinder *Finder) {
  Analysis.registerMatchers(*Finder, this);
}

void SharedPtrCycleCheck::check(const MatchFinder::MatchResult &Result) {
  Analysis.collect(Result);
}

void SharedPtrCycleCheck::onEndOfTranslationUnit() {
  emitFindings(*this, Analysis.finish());
}

LEAKLINT_DEFINE_CHECK_FACTORY(SharedPtrCycleCheck)

} // namespace leaklint
