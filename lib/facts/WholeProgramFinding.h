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

} // namespace leaklint::facts

#endif // LEAKLINT_LIB_FACTS_WHOLEPROGRAMFINDING_H
