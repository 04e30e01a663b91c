//===--- Finding.cpp - A host-neutral diagnostic --------------------------===//
#include "Finding.h"

namespace leaklint {

std::string quoted(llvm::StringRef S) { return ("'" + S + "'").str(); }

std::string className(const clang::CXXRecordDecl *RD) {
  if (!RD)
    return "object";
  if (!RD->getIdentifier())
    return "(unnamed class)";
  return RD->getNameAsString();
}

std::string escapeForDiagnostic(llvm::StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    Out += C;
    if (C == '%')
      Out += '%';
  }
  return Out;
}

} // namespace leaklint
