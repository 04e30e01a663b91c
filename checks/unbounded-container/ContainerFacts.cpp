//===--- ContainerFacts.cpp - leak-unbounded-container across TUs ---------===//
#include "ContainerFacts.h"

using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace leaklint::containers {

static Value toJSON(const PendingContainerFact &C) {
  return llvm::json::Object{{"container", C.Container},
                            {"finding", C.Finding}};
}
static bool fromJSON(const Value &V, PendingContainerFact &C, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("container", C.Container) && O.map("finding", C.Finding);
}

Value toJSON(const ContainerFacts &F) {
  return llvm::json::Object{{"pending", F.Pending},
                            {"shrunk", F.Shrunk},
                            {"reported", F.Reported}};
}

bool fromJSON(const Value &V, ContainerFacts &F, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("pending", F.Pending) && O.map("shrunk", F.Shrunk) &&
         O.map("reported", F.Reported);
}

} // namespace leaklint::containers
