//===--- FunctionRanges.h - Which function a location is in -----*- C++ -*-===//
//
// Analyses that run at the end of a translation unit ask which function
// definition holds a growth site, an erase or a call. A scan over every
// definition, comparing source locations, costs a few million instructions
// per question on a real TU (thousands of definitions, template
// instantiations included). This index sorts the definitions' expansion
// ranges by file and offset once, so that a question reads only the
// definitions of its own file that start before it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_FUNCTIONRANGES_H
#define LEAKLINT_LIB_CODE_FUNCTIONRANGES_H

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <vector>

namespace leaklint {

class FunctionRanges {
public:
  /// Indexes \p Functions; order matters only between definitions with the
  /// same range (a template and its instantiations): the first one wins.
  FunctionRanges(llvm::ArrayRef<const clang::FunctionDecl *> Functions,
                 const clang::SourceManager &SM);

  /// The innermost definition whose expansion range holds \p Loc (a lambda's
  /// call operator inside a function), or null.
  const clang::FunctionDecl *innermostAt(clang::SourceLocation Loc) const;

  /// The first definition, innermost first, whose expansion range holds
  /// \p Loc and for which \p Accept holds, or null.
  const clang::FunctionDecl *
  findAt(clang::SourceLocation Loc,
         llvm::function_ref<bool(const clang::FunctionDecl *)> Accept) const;

private:
  struct Entry {
    clang::FileID File;
    unsigned Begin, End; // offsets of the expansion range, End inclusive
    unsigned Order;      // position in the definitions given
    const clang::FunctionDecl *F;
  };
  const clang::SourceManager &SM;
  std::vector<Entry> Entries; // by File, Begin, then Order reversed
};

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_FUNCTIONRANGES_H
