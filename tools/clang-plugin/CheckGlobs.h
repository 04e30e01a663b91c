//===--- CheckGlobs.h - clang-tidy's check list syntax -----------*- C++
//-*-===//
//
// `leak-*,-leak-unbounded-container`: comma-separated globs, `*` only, a
// leading `-` removes; the last matching glob decides. The plugin reads its
// `checks=` and `warnings-as-errors=` arguments the way clang-tidy reads
// --checks, so one string works in both places.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CLANGPLUGIN_CHECKGLOBS_H
#define LEAKLINT_CLANGPLUGIN_CHECKGLOBS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace leaklint {

class CheckGlobs {
public:
  explicit CheckGlobs(llvm::StringRef List);

  /// Whether the list selects \p Check (an unmatched name is not selected).
  bool contains(llvm::StringRef Check) const;
  /// The positive globs that select none of \p Known: likely typos.
  std::vector<std::string>
  unmatchedPositives(const std::vector<llvm::StringRef> &Known) const;

private:
  struct Glob {
    std::string Pattern;
    bool Positive;
  };
  std::vector<Glob> Globs;
};

/// Whether \p Name matches \p Pattern, where `*` matches any run of chars.
bool matchesGlob(llvm::StringRef Pattern, llvm::StringRef Name);

} // namespace leaklint

#endif // LEAKLINT_CLANGPLUGIN_CHECKGLOBS_H
