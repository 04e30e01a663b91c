//===--- FindingEmitter.h - Findings as clang-tidy diagnostics -*- C++ -*-===//
#ifndef LEAKLINT_CHECKS_TIDY_FINDINGEMITTER_H
#define LEAKLINT_CHECKS_TIDY_FINDINGEMITTER_H

#include "ClangTidyCheck.h"
#include "Finding.h"

namespace leaklint {

/// Reports \p Findings as warnings of \p Check, with their notes and fix-its.
inline void emitFindings(clang::tidy::ClangTidyCheck &Check,
                         llvm::ArrayRef<Finding> Findings) {
  for (const Finding &F : Findings) {
    {
      auto Diag = Check.diag(F.Loc, escapeForDiagnostic(F.Message));
      for (const clang::FixItHint &Fix : F.Fixes)
        Diag << Fix;
    }
    for (const FindingNote &N : F.Notes)
      Check.diag(N.Loc, escapeForDiagnostic(N.Message),
                 clang::DiagnosticIDs::Note);
  }
}

} // namespace leaklint

#endif // LEAKLINT_CHECKS_TIDY_FINDINGEMITTER_H
