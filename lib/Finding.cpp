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

std::string memberName(const clang::NamedDecl *Member) {
  if (const auto *RD =
          llvm::dyn_cast<clang::CXXRecordDecl>(Member->getDeclContext()))
    return className(RD) + "::" + Member->getNameAsString();
  return Member->getNameAsString();
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
