//===--- Finding.h - A host-neutral diagnostic -*- C++ -*-===//
//
// Analyses produce Findings; each front end (clang-tidy check, compiler
// plugin) renders them with its own diagnostics engine. Messages are final
// text: lower-case, no trailing period, entities in single quotes.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_FINDING_H
#define LEAKLINT_LIB_FINDING_H

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace leaklint {

struct FindingNote {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Finding {
  clang::SourceLocation Loc;
  std::string Message;
  /// Applied by --fix; only ever edits that compile and fix the leak.
  llvm::SmallVector<clang::FixItHint, 4> Fixes;
  llvm::SmallVector<FindingNote, 4> Notes;
};

/// \p S in the single quotes messages put around names and code.
std::string quoted(llvm::StringRef S);

/// How messages name a class: its name, or "(unnamed class)".
std::string className(const clang::CXXRecordDecl *RD);

/// How messages name a member: `Class::member`; a declaration outside a
/// class by its name alone.
std::string memberName(const clang::NamedDecl *Member);

/// \p Text with every '%' doubled, for use as a diagnostic format string.
std::string escapeForDiagnostic(llvm::StringRef Text);

} // namespace leaklint

#endif // LEAKLINT_LIB_FINDING_H
