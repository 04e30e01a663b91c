//===--- Finding.cpp - A host-neutral diagnostic --------------------------===//
#include "Finding.h"

namespace leaklint {

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
