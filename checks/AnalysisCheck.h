//===--- AnalysisCheck.h - A clang-tidy check over a lib/ analysis -*- C++
//-*-===//
//
// Every leak-* check is the same shell around a host-neutral analysis from
// lib/: read the options, report bad ones as configuration errors, register
// the analysis's matchers, hand it each match, and emit its Findings at the
// end of the translation unit. A check supplies its options' reader and
// writer and its language requirement; nothing else.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_ANALYSISCHECK_H
#define LEAKLINT_CHECKS_ANALYSISCHECK_H

#include "ClangTidyCheck.h"
#include "FindingEmitter.h"

namespace leaklint {

template <typename AnalysisT, typename OptionsT>
class AnalysisCheck : public clang::tidy::ClangTidyCheck {
public:
  using OptionsReader = OptionsT (*)(const OptionsView &,
                                     clang::tidy::ClangTidyContext *);

  AnalysisCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                OptionsReader Read)
      : ClangTidyCheck(Name, Context), Config(Read(Options, Context)),
        Analysis(Config) {
    if (!Analysis.optionError().empty())
      configurationDiag(escapeForDiagnostic(Analysis.optionError()),
                        clang::DiagnosticIDs::Error);
  }

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override {
    // With bad options the check does nothing but say so.
    if (Analysis.optionError().empty())
      Analysis.registerMatchers(*Finder, this);
  }
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override {
    Analysis.collect(Result);
  }
  void onEndOfTranslationUnit() override {
    emitFindings(*this, Analysis.finish());
  }

protected:
  OptionsT Config;
  AnalysisT Analysis;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_ANALYSISCHECK_H
