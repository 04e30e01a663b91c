//===--- TranslationUnitFacts.h - What a facts file says about its TU -*- C++
//-*-===//
//
// The AST side of facts files: the header a TU's facts carry (main file,
// compile digest, inputs with content hashes), source points for notes, and
// the cross-TU names of declarations (USRs, as clang's index makes them).
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_FACTS_TRANSLATIONUNITFACTS_H
#define LEAKLINT_LIB_FACTS_TRANSLATIONUNITFACTS_H

#include "Finding.h"
#include "facts/FactsFiles.h"
#include "facts/WholeProgramFinding.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Preprocessor.h"

namespace leaklint::facts {

/// A digest of what changes the meaning of the TU \p PP preprocesses besides
/// its files: language mode, target, macros given on the command line and
/// include paths.
std::string compileDigest(const clang::Preprocessor &PP);

/// The header of the facts check \p Check writes for the TU of \p SM.
FactsHeader translationUnitHeader(llvm::StringRef Check,
                                  const clang::SourceManager &SM,
                                  llvm::StringRef CompileDigest);

/// Where \p Loc is, spelled out of macro expansions; an empty file name for
/// an invalid location.
SourcePoint sourcePoint(clang::SourceLocation Loc,
                        const clang::SourceManager &SM);

/// The name every TU gives \p D: its USR. Empty when clang makes none.
std::string crossTUName(const clang::Decl *D);

/// Writes \p Facts, the facts of \p Check for the TU of \p SM, into
/// \p Directory (FactsFiles.h), named by the compile options of \p PP when
/// given. A failure is reported on stderr: the run's diagnostics stand.
void writeTranslationUnitFacts(llvm::StringRef Directory, llvm::StringRef Check,
                               const clang::SourceManager &SM,
                               const clang::Preprocessor *PP,
                               llvm::json::Value Facts);

/// \p F of \p Check, as the merge prints it: places spelled out, no
/// fix-its (a TU leaves it to the merge).
WholeProgramFinding wholeProgramFinding(llvm::StringRef Check,
                                        const Finding &F,
                                        const clang::SourceManager &SM);

} // namespace leaklint::facts

#endif // LEAKLINT_LIB_FACTS_TRANSLATIONUNITFACTS_H
