//===--- UnboundedContainerCheck.h - leak-unbounded-container -*- C++ -*-===//
#ifndef LEAKLINT_CHECKS_UNBOUNDEDCONTAINERCHECK_H
#define LEAKLINT_CHECKS_UNBOUNDEDCONTAINERCHECK_H

#include "AnalysisCheck.h"
#include "UnboundedContainer.h"

namespace leaklint {

/// Finds containers that live as long as the program (static or thread
/// storage, members of singletons and global objects) and only ever grow:
/// result logs, request caches, listener lists without unsubscribe.
///
/// For the user-facing documentation see
/// docs/checks/leak-unbounded-container.md
class UnboundedContainerCheck
    : public AnalysisCheck<UnboundedContainer, UnboundedContainerOptions> {
public:
  UnboundedContainerCheck(llvm::StringRef Name,
                          clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_UNBOUNDEDCONTAINERCHECK_H
