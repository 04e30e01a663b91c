//===--- AnalysisCheck.h - A clang-tidy check over an analysis --*- C++ -*-===//
//
// Every leak-* check is this one shell around a host-neutral analysis from
// checks/<check-name>/: read the options the analysis lists, report bad ones
// as configuration errors, register the analysis's matchers, hand it each
// match, and emit its Findings at the end of the translation unit. The module instantiates it
// once per line of Checks.def.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_TIDY_ANALYSISCHECK_H
#define LEAKLINT_CHECKS_TIDY_ANALYSISCHECK_H

#include "ClangTidyCheck.h"
#include "Analyses.h"
#include "FindingEmitter.h"
#include <string>

namespace leaklint {

template <typename AnalysisT>
class AnalysisCheck : public clang::tidy::ClangTidyCheck {
  using OptionsT = typename AnalysisT::OptionsType;

public:
  AnalysisCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), Config(readOptions(Options, Context)),
        Analysis(Config) {
    if (!Analysis.optionError().empty())
      configurationDiag(escapeForDiagnostic(Analysis.optionError()),
                        clang::DiagnosticIDs::Error);
  }

  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return AnalysisT::isLanguageSupported(LangOpts);
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override {
    OptionsT::forEachOption(Config,
                            [&](llvm::StringRef Name, const auto &Value) {
                              Options.store(Opts, Name, Value);
                            });
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override {
    // With bad options the check does nothing but say so.
    if (Analysis.optionError().empty())
      Analysis.registerMatchers(*Finder, this);
  }
  void registerPPCallbacks(const clang::SourceManager &, clang::Preprocessor *PP,
                           clang::Preprocessor *) override {
    passPreprocessor(Analysis, *PP);
  }
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override {
    Analysis.collect(Result);
  }
  void onEndOfTranslationUnit() override {
    emitFindings(*this, Analysis.finish());
  }

private:
  // clang-tidy reports values it cannot parse (a bool that is not one) itself.
  static void readOption(const OptionsView &View, llvm::StringRef Name,
                         bool &Value) {
    Value = View.get(Name, Value);
  }
  // The facts directory is one setting for every check: a global option
  // (`FactsDirectory`) that a check's own option overrides.
  static void readOption(const OptionsView &View, llvm::StringRef Name,
                         std::string &Value) {
    Value = (Name == "FactsDirectory" ? View.getLocalOrGlobal(Name, Value)
                                      : View.get(Name, Value))
                .str();
  }
  static OptionsT readOptions(const OptionsView &View,
                              clang::tidy::ClangTidyContext *Context) {
    OptionsT O;
    OptionsT::forEachOption(O, [&](llvm::StringRef Name, auto &Value) {
      readOption(View, Name, Value);
    });
    AnalysisT::adaptToEnabledChecks(O, [Context](llvm::StringRef Check) {
      return Context->isCheckEnabled(Check);
    });
    return O;
  }

  OptionsT Config;
  AnalysisT Analysis;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_TIDY_ANALYSISCHECK_H
