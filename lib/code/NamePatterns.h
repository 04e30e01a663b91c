//===--- NamePatterns.h - Lists of name patterns from options -*- C++ -*-===//
#ifndef LEAKLINT_LIB_CODE_NAMEPATTERNS_H
#define LEAKLINT_LIB_CODE_NAMEPATTERNS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <string>
#include <vector>

namespace leaklint {

/// `;`-separated regular expressions, as clang-tidy's own name options take
/// them: each must match a whole name, the qualified name when the pattern
/// contains `::`, the unqualified one otherwise.
class NamePatterns {
public:
  /// Parses \p List; returns an error naming the bad pattern and \p Option,
  /// or an empty string.
  std::string parse(llvm::StringRef List, llvm::StringRef Option);
  bool matches(llvm::StringRef Qualified, llvm::StringRef Unqualified) const;
  bool empty() const { return Patterns.empty(); }

private:
  struct Pattern {
    llvm::Regex Regex;
    bool Qualified;
  };
  std::vector<Pattern> Patterns;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_NAMEPATTERNS_H
