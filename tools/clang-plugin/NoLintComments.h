//===--- NoLintComments.h - clang-tidy's NOLINT comments ---------*- C++
//-*-===//
//
// The compiler plugin honours the suppression comments users already write
// for clang-tidy, so one source silences every front end: NOLINT on the line,
// NOLINTNEXTLINE on the line before, and NOLINTBEGIN/NOLINTEND around a
// region, each optionally with a parenthesised list of check globs.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CLANGPLUGIN_NOLINTCOMMENTS_H
#define LEAKLINT_CLANGPLUGIN_NOLINTCOMMENTS_H

#include "clang/Basic/SourceManager.h"

namespace leaklint {

/// Whether a NOLINT comment silences \p Check at \p Loc (a file location;
/// for a macro expansion, where it is expanded).
bool isSuppressedByNoLint(const clang::SourceManager &SM,
                          clang::SourceLocation Loc, llvm::StringRef Check);

} // namespace leaklint

#endif // LEAKLINT_CLANGPLUGIN_NOLINTCOMMENTS_H
