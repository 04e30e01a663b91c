//===--- LeakLintPlugin.cpp - The leak-* checks inside clang
//---------------===//
//
// `clang++ -fplugin=LeakLintPlugin.so ...` runs the checks of Checks.def after
// the compiler's own work, in -fsyntax-only and in real compiles alike, and
// reports their Findings as compiler diagnostics: the same text, notes and
// fix-its as clang-tidy, so -Xclang -fixit applies them and every build log
// and IDE that reads compiler output shows them.
//
//===----------------------------------------------------------------------===//
#include "Analyses.h"
#include "CheckGlobs.h"
#include "Compat.h"
#include "NoLintComments.h"
#include "PluginArguments.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <memory>
#include <numeric>

namespace leaklint {
namespace {

using clang::ast_matchers::MatchFinder;

/// One enabled check: its analysis, fed by the shared MatchFinder.
class CheckRunner : public MatchFinder::MatchCallback {
public:
  CheckRunner(llvm::StringRef Name, bool AsError)
      : Name(Name), AsError(AsError) {}
  virtual void registerMatchers(MatchFinder &Finder) = 0;
  virtual const std::string &optionError() const = 0;
  virtual std::vector<Finding> finish() = 0;
  virtual void setPreprocessor(const clang::Preprocessor &PP) = 0;

  const llvm::StringRef Name;
  const bool AsError;
};

template <typename AnalysisT> class AnalysisRunner : public CheckRunner {
public:
  AnalysisRunner(llvm::StringRef Name, bool AsError,
                 const typename AnalysisT::OptionsType &Options)
      : CheckRunner(Name, AsError), Impl(Options) {}
  void registerMatchers(MatchFinder &Finder) override {
    Impl.registerMatchers(Finder, this);
  }
  const std::string &optionError() const override { return Impl.optionError(); }
  void run(const MatchFinder::MatchResult &Result) override {
    Impl.collect(Result);
  }
  std::vector<Finding> finish() override { return Impl.finish(); }
  void setPreprocessor(const clang::Preprocessor &PP) override {
    passPreprocessor(Impl, PP);
  }

private:
  AnalysisT Impl;
};

bool parseOptionValue(llvm::StringRef Text, std::string &Value) {
  Value = Text.str();
  return true;
}
bool parseOptionValue(llvm::StringRef Text, bool &Value) {
  if (Text.equals_insensitive("true") || Text == "1")
    Value = true;
  else if (Text.equals_insensitive("false") || Text == "0")
    Value = false;
  else
    return false;
  return true;
}

/// The options of check \p Check: its defaults, overridden by the plugin
/// arguments. Reports bad values and unknown option names into \p Errors.
template <typename AnalysisT>
typename AnalysisT::OptionsType
readOptions(llvm::StringRef Check, const PluginArguments &Args,
            const CheckGlobs &Enabled, std::vector<std::string> &Errors) {
  typename AnalysisT::OptionsType Options;
  std::vector<llvm::StringRef> Names;
  AnalysisT::OptionsType::forEachOption(Options, [&](llvm::StringRef Name,
                                                     auto &Value) {
    Names.push_back(Name);
    auto It = Args.CheckOptions.find((Check + "." + Name).str());
    if (It != Args.CheckOptions.end() && !parseOptionValue(It->second, Value))
      Errors.push_back("invalid value '" + It->second + "' for '" +
                       It->first().str() + "'; allowed values are true, false");
  });
  for (const auto &Entry : Args.CheckOptions) {
    auto [KeyCheck, Option] = Entry.first().split('.');
    if (KeyCheck == Check && !llvm::is_contained(Names, Option))
      Errors.push_back(
          "'" + Option.str() + "' is not an option of " + Check.str() +
          (Names.empty() ? "; it has none"
                         : "; its options are " + llvm::join(Names, ", ")));
  }
  AnalysisT::adaptToEnabledChecks(
      Options, [&](llvm::StringRef Other) { return Enabled.contains(Other); });
  return Options;
}

class LeakLintConsumer : public clang::ASTConsumer {
public:
  LeakLintConsumer(clang::DiagnosticsEngine &Diags,
                   std::vector<std::unique_ptr<CheckRunner>> Runners)
      : Diags(Diags), Runners(std::move(Runners)) {
    for (auto &Runner : this->Runners)
      Runner->registerMatchers(Finder);
  }

  void HandleTranslationUnit(clang::ASTContext &Context) override {
    Finder.matchAST(Context);
    const clang::SourceManager &SM = Context.getSourceManager();
    unsigned Warning =
        Diags.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0 [%1]");
    unsigned Error =
        Diags.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0 [%1]");
    unsigned Note = Diags.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0");
    for (auto &Runner : Runners) {
      // In source order, as clang-tidy prints them; ties keep their order.
      // (Not llvm::stable_sort: libstdc++'s temporary buffer is deprecated.)
      std::vector<Finding> Findings = Runner->finish();
      std::vector<size_t> Order(Findings.size());
      std::iota(Order.begin(), Order.end(), 0);
      llvm::sort(Order, [&](size_t A, size_t B) {
        const clang::SourceLocation LA = Findings[A].Loc, LB = Findings[B].Loc;
        if (LA != LB)
          return SM.isBeforeInTranslationUnit(LA, LB);
        return A < B;
      });
      for (size_t I : Order) {
        const Finding &F = Findings[I];
        if (isSuppressedByNoLint(SM, F.Loc, Runner->Name))
          continue;
        {
          auto Diag = Diags.Report(F.Loc, Runner->AsError ? Error : Warning);
          Diag << F.Message << Runner->Name;
          for (const clang::FixItHint &Fix : F.Fixes)
            Diag << Fix;
        }
        for (const FindingNote &N : F.Notes)
          Diags.Report(N.Loc, Note) << N.Message;
      }
    }
  }

private:
  clang::DiagnosticsEngine &Diags;
  std::vector<std::unique_ptr<CheckRunner>> Runners;
  MatchFinder Finder{compat::tidyDefaultMatchFinderOptions()};
};

class LeakLintAction : public clang::PluginASTAction {
protected:
  // Everything is validated here, before the compile starts: bad arguments
  // are compile errors, since a lint run must not pass by checking nothing.
  bool ParseArgs(const clang::CompilerInstance &CI,
                 const std::vector<std::string> &Arguments) override {
    PluginArguments Args;
    std::vector<std::string> Errors = Args.parse(Arguments);
    if (Args.Help)
      llvm::errs() << pluginUsage();
    CheckGlobs Enabled(Args.Checks), AsErrors(Args.WarningsAsErrors);
#define LEAKLINT_CHECK(Name, Analysis, Summary)                                \
  {                                                                            \
    auto Options = readOptions<Analysis>(Name, Args, Enabled, Errors);         \
    if (Enabled.contains(Name) &&                                              \
        Analysis::isLanguageSupported(CI.getLangOpts())) {                     \
      auto R = std::make_unique<AnalysisRunner<Analysis>>(                     \
          Name, AsErrors.contains(Name), Options);                             \
      if (!R->optionError().empty())                                           \
        Errors.push_back(std::string(Name) + ": " + R->optionError());         \
      Runners.push_back(std::move(R));                                         \
    }                                                                          \
  }
#include "Checks.def"
    clang::DiagnosticsEngine &Diags = CI.getDiagnostics();
    unsigned ID = Diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                        "leaklint plugin: %0");
    for (const std::string &Error : Errors)
      Diags.Report(ID) << Error;
    return Errors.empty();
  }

  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, llvm::StringRef) override {
    for (auto &Runner : Runners)
      Runner->setPreprocessor(CI.getPreprocessor());
    return std::make_unique<LeakLintConsumer>(CI.getDiagnostics(),
                                              std::move(Runners));
  }

  ActionType getActionType() override { return AddAfterMainAction; }

private:
  std::vector<std::unique_ptr<CheckRunner>> Runners;
};

} // namespace
} // namespace leaklint

static clang::FrontendPluginRegistry::Add<leaklint::LeakLintAction>
    Registration("leaklint", "find memory retention bugs (leak-* checks)");
