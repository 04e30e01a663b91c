//===--- LeakLintTidyModule.cpp - The leak-* checks for clang-tidy --------===//
#include "Analyses.h"
#include "AnalysisCheck.h"
#include "ClangTidyModule.h"
#include "Compat.h"
#include LEAKLINT_TIDY_MODULE_REGISTRY_H

namespace leaklint {
namespace {

class LeakLintModule : public clang::tidy::ClangTidyModule {
public:
  void
  addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
#define LEAKLINT_CHECK(Name, Analysis, Summary)                                \
  Factories.registerCheck<AnalysisCheck<Analysis>>(Name);
#include "Checks.def"
  }
};

} // namespace
} // namespace leaklint

// Registration happens when the host loads this library, or, in leaklint-tidy
// and leaklint-clangd, when the program starts. The registry node is what
// clang-tidy iterates when it builds its checks.
static clang::tidy::ClangTidyModuleRegistry::Add<leaklint::LeakLintModule>
    LeakLintModuleRegistration("leaklint-module",
                               "Memory retention checks (leak-*).");
