//===--- FactsFiles.h - Per-TU facts files for whole-program mode -*- C++ -*-===//
//
// In whole-program mode each front end writes, per translation unit and per
// check, what that check knows about the TU's definitions that another TU may
// need (docs/whole-program.md). leaklint-merge reads them back. This is the
// file layer only: naming, the version rule, atomic writes and validated
// reads, in LLVM's JSON. It needs LLVM Support alone, so the merge links no
// AST.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_FACTS_FACTSFILES_H
#define LEAKLINT_LIB_FACTS_FACTSFILES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <string>
#include <tuple>
#include <vector>

namespace leaklint::facts {

/// The format's version. The merge reads files of this version only: a file
/// of another version is reported and skipped, never half understood. Bump it
/// on any change a reader of the old format would misread.
constexpr int FormatVersion = 1;

/// Reads the non-negative integer \p Key of \p O (LLVM 19's JSON reads no
/// `unsigned` itself).
bool mapUnsigned(llvm::json::ObjectMapper &O, llvm::StringLiteral Key,
                 unsigned &Out);

/// A place in a source file, as notes and diagnostics need it.
struct SourcePoint {
  std::string File;
  unsigned Line = 0, Column = 0, Offset = 0;
  bool operator<(const SourcePoint &O) const {
    return std::tie(File, Offset) < std::tie(O.File, O.Offset);
  }
  bool operator==(const SourcePoint &O) const {
    return File == O.File && Offset == O.Offset;
  }
};
llvm::json::Value toJSON(const SourcePoint &P);
bool fromJSON(const llvm::json::Value &V, SourcePoint &P, llvm::json::Path Path);

/// One file the TU was compiled from, with a hash of its contents: a re-run
/// reuses the facts of a TU none of whose inputs changed.
struct InputFile {
  std::string File;
  std::string Hash;
};
llvm::json::Value toJSON(const InputFile &I);
bool fromJSON(const llvm::json::Value &V, InputFile &I, llvm::json::Path Path);

/// The header every facts file carries.
struct FactsHeader {
  /// The check that wrote it: `leak-shared-ptr-cycle`.
  std::string Check;
  /// The TU's main file, absolute.
  std::string MainFile;
  /// A digest of the options that change what the TU means (language mode,
  /// target, macros, include paths): the same file compiled twice differently
  /// is two TUs.
  std::string CompileDigest;
  std::vector<InputFile> Inputs;
};

/// The hex digest of \p Text (xxh3, 64 bits): file names and input hashes.
std::string digest(llvm::StringRef Text);

/// Writes \p Facts with \p Header into \p Directory as
/// `<digest of main file and compile digest>.<check>.facts.json`, creating
/// the directory. The file appears whole or not at all: it is written to a
/// unique temporary name and renamed over the old one.
llvm::Error writeFactsFile(llvm::StringRef Directory, const FactsHeader &Header,
                           llvm::json::Object Facts);

/// One facts file read back: its header and the check's own facts.
struct FactsFile {
  std::string Path;
  FactsHeader Header;
  llvm::json::Object Facts;
};

/// Every `*.facts.json` of \p Directory, in file name order. A file that
/// cannot be read, is not JSON, is truncated, has another format version or
/// lacks a header field is left out, with one message in \p Errors saying
/// which file and why. A missing directory is one error.
std::vector<FactsFile> readFactsDirectory(llvm::StringRef Directory,
                                          std::vector<std::string> &Errors);

} // namespace leaklint::facts

#endif // LEAKLINT_LIB_FACTS_FACTSFILES_H
