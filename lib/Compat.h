//===--- Compat.h - The one place for LLVM version differences -*- C++ -*-===//
//
// leaklint builds against one LLVM major version at a time (19 and 22 are
// tested). Any API that differs between supported versions gets a wrapper
// here, so that #if ladders do not spread through the checks and tools.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_COMPAT_H
#define LEAKLINT_LIB_COMPAT_H

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/Sarif.h"
#include "llvm/Config/llvm-config.h"

#if LLVM_VERSION_MAJOR != LEAKLINT_LLVM_MAJOR
#error "LLVM headers do not match LEAKLINT_LLVM_MAJOR; reconfigure the build"
#endif

// The header that declares clang::tidy::ClangTidyModuleRegistry. 19 has it
// only in ClangTidyModuleRegistry.h; 22 moved it into ClangTidyModule.h and
// #warns on the old header. A macro, so lib/ itself includes no clang-tidy.
#if LLVM_VERSION_MAJOR >= 22
#define LEAKLINT_TIDY_MODULE_REGISTRY_H "ClangTidyModule.h"
#else
#define LEAKLINT_TIDY_MODULE_REGISTRY_H "ClangTidyModuleRegistry.h"
#endif

namespace leaklint::compat {

/// A DiagnosticsEngine with the options it refers to. LLVM 21 made
/// DiagnosticOptions a plain object the engine borrows; before, the engine
/// shared ownership of it. The engine's initialiser reads the same for both.
class OwnedDiagnostics {
public:
  clang::DiagnosticsEngine &engine() { return Engine; }

private:
#if LLVM_VERSION_MAJOR >= 21
  clang::DiagnosticOptions Options;
#else
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Options{
      new clang::DiagnosticOptions()};
#endif
  clang::DiagnosticsEngine Engine{new clang::DiagnosticIDs(), Options};
};

/// SarifResult::setLocations became addLocations in LLVM 20.
inline clang::SarifResult
addSarifLocations(clang::SarifResult Result,
                  llvm::ArrayRef<clang::CharSourceRange> Locations) {
#if LLVM_VERSION_MAJOR >= 20
  return Result.addLocations(Locations);
#else
  return Result.setLocations(Locations);
#endif
}

namespace detail {
template <typename Options>
auto ignoreSystemHeaders(Options &O, int)
    -> decltype(O.IgnoreSystemHeaders = true, void()) {
  O.IgnoreSystemHeaders = true;
}
template <typename Options> void ignoreSystemHeaders(Options &, long) {}
} // namespace detail

/// The MatchFinder options of a default clang-tidy run (no
/// --system-headers): since MatchFinderOptions::IgnoreSystemHeaders exists
/// (LLVM 20), clang-tidy does not traverse declarations in system headers.
/// The compiler plugin does the same, so that both see the same code and
/// report the same, and it skips most of the AST of a header-heavy TU.
inline clang::ast_matchers::MatchFinder::MatchFinderOptions
tidyDefaultMatchFinderOptions() {
  clang::ast_matchers::MatchFinder::MatchFinderOptions Options;
  detail::ignoreSystemHeaders(Options, 0);
  return Options;
}

} // namespace leaklint::compat

#endif // LEAKLINT_LIB_COMPAT_H
