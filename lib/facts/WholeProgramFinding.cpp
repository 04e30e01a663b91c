//===--- WholeProgramFinding.cpp - A finding of leaklint-merge ------------===//
#include "WholeProgramFinding.h"

using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace leaklint::facts {

Value toJSON(const WholeProgramNote &N) {
  return llvm::json::Object{{"point", N.Point}, {"message", N.Message}};
}
bool fromJSON(const Value &V, WholeProgramNote &N, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("point", N.Point) && O.map("message", N.Message);
}

Value toJSON(const WholeProgramFinding &F) {
  return llvm::json::Object{{"check", F.Check},
                            {"point", F.Point},
                            {"message", F.Message},
                            {"notes", F.Notes}};
}
bool fromJSON(const Value &V, WholeProgramFinding &F, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("check", F.Check) && O.map("point", F.Point) &&
         O.map("message", F.Message) && O.map("notes", F.Notes);
}

} // namespace leaklint::facts
