//===--- WholeProgramFinding.h - A finding of leaklint-merge -*- C++ -*-===//
//
// What Finding is to a TU, this is to the merge: the same final text and
// notes, placed by file, line and column since no SourceManager spans the
// program. Whole-program findings carry no fix-its: a rewrite of a field
// needs every use of it in view, which only a TU's AST has.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_FACTS_WHOLEPROGRAMFINDING_H
#define LEAKLINT_LIB_FACTS_WHOLEPROGRAMFINDING_H

#include "facts/FactsFiles.h"
#include <string>
#include <vector>

namespace leaklint::facts {

struct WholeProgramNote {
  SourcePoint Point;
  std::string Message;
};

struct WholeProgramFinding {
  std::string Check;
  SourcePoint Point;
  std::string Message;
  std::vector<WholeProgramNote> Notes;
};

/// A TU writes, in its facts, findings it leaves to the merge, worded as it
/// would report them.
llvm::json::Value toJSON(const WholeProgramNote &N);
bool fromJSON(const llvm::json::Value &V, WholeProgramNote &N,
              llvm::json::Path P);
llvm::json::Value toJSON(const WholeProgramFinding &F);
bool fromJSON(const llvm::json::Value &V, WholeProgramFinding &F,
              llvm::json::Path P);

} // namespace leaklint::facts

#endif // LEAKLINT_LIB_FACTS_WHOLEPROGRAMFINDING_H
