//===--- NamePatterns.cpp - Lists of name patterns from options -----------===//
#include "NamePatterns.h"
#include "Compat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"

namespace leaklint {

std::string NamePatterns::parse(llvm::StringRef List, llvm::StringRef Option) {
  Patterns.clear();
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    llvm::Regex R((llvm::Twine("^(") + Part + ")$").str());
    std::string Error;
    if (!R.isValid(Error))
      return (llvm::Twine("invalid regular expression '") + Part + "' in " +
              Option + ": " + Error)
          .str();
    Patterns.push_back({std::move(R), Part.contains("::")});
  }
  return "";
}

bool NamePatterns::matches(llvm::StringRef Qualified,
                           llvm::StringRef Unqualified) const {
  return llvm::any_of(Patterns, [&](const Pattern &P) {
    return P.Regex.match(P.Qualified ? Qualified : Unqualified);
  });
}

} // namespace leaklint
