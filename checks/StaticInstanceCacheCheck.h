//===--- StaticInstanceCacheCheck.h - leak-static-instance-cache -*- C++
//-*-===//
#ifndef LEAKLINT_CHECKS_STATICINSTANCECACHECHECK_H
#define LEAKLINT_CHECKS_STATICINSTANCECACHECHECK_H

#include "AnalysisCheck.h"
#include "StaticInstanceCache.h"

namespace leaklint {

/// Finds static and thread_local storage that holds `this` (or
/// shared_from_this()) and so outlives, or keeps alive, the objects it refers
/// to: the C++ twin of `functools.lru_cache` on a method.
///
/// For the user-facing documentation see
/// docs/checks/leak-static-instance-cache.md
class StaticInstanceCacheCheck
    : public AnalysisCheck<StaticInstanceCache, StaticInstanceCacheOptions> {
public:
  StaticInstanceCacheCheck(llvm::StringRef Name,
                           clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_STATICINSTANCECACHECHECK_H
