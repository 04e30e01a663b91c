//===--- CheckFactories.h - One factory function per listed check -*- C++
//-*-===//
//
// The module only sees this header, never the check classes: each check's
// .cpp defines its factory with LEAKLINT_DEFINE_CHECK_FACTORY, so adding a
// check does not touch the module.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_CHECKFACTORIES_H
#define LEAKLINT_CHECKS_CHECKFACTORIES_H

#include "ClangTidyCheck.h"
#include <memory>

namespace leaklint {

#define LEAKLINT_CHECK(Name, Class, Summary)                                   \
  std::unique_ptr<clang::tidy::ClangTidyCheck> create##Class(                  \
      llvm::StringRef CheckName, clang::tidy::ClangTidyContext *Context);
#include "Checks.def"

#define LEAKLINT_DEFINE_CHECK_FACTORY(Class)                                   \
  std::unique_ptr<clang::tidy::ClangTidyCheck> create##Class(                  \
      llvm::StringRef CheckName, clang::tidy::ClangTidyContext *Context) {     \
    return std::make_unique<Class>(CheckName, Context);                        \
  }

} // namespace leaklint

#endif // LEAKLINT_CHECKS_CHECKFACTORIES_H
