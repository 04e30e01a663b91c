//===--- UnboundedContainerCheck.h - leak-unbounded-container ----*- C++
//-*-===//
#ifndef LEAKLINT_CHECKS_UNBOUNDEDCONTAINERCHECK_H
#define LEAKLINT_CHECKS_UNBOUNDEDCONTAINERCHECK_H

#include "ClangTidyCheck.h"
#include "UnboundedContainer.h"

namespace leaklint {

/// Finds containers that live as long as the program (static or thread
/// storage, members of singletons and global objects) and only ever grow:
/// result logs, request caches, listener lists without unsubscribe.
///
/// For the user-facing documentation see
/// docs/checks/leak-unbounded-container.md
class UnboundedContainerCheck : public clang::tidy::ClangTidyCheck {
public:
  UnboundedContainerCheck(llvm::StringRef Name,
                          clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  UnboundedContainerOptions Config;
  UnboundedContainer Analysis;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_UNBOUNDEDCONTAINERCHECK_H
