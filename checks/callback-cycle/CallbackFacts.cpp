//===--- CallbackFacts.cpp - leak-callback-cycle across TUs ---------------===//
#include "CallbackFacts.h"

using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace leaklint::callbacks {

static Value toJSON(const ParamStoreFact &S) {
  return llvm::json::Object{
      {"function", S.Function},      {"param", S.Param},
      {"via", S.Via},                {"via_names", S.ViaNames},
      {"field", S.Field},            {"field_name", S.FieldName},
      {"field_member", S.FieldMember}, {"stored_by", S.StoredBy},
      {"where", S.Where}};
}
static bool fromJSON(const Value &V, ParamStoreFact &S, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("function", S.Function) &&
         facts::mapUnsigned(O, "param", S.Param) &&
         O.map("via", S.Via) && O.map("via_names", S.ViaNames) &&
         O.map("field", S.Field) && O.map("field_name", S.FieldName) &&
         O.map("field_member", S.FieldMember) &&
         O.map("stored_by", S.StoredBy) && O.map("where", S.Where);
}

static Value toJSON(const PendingCallbackFact &C) {
  return llvm::json::Object{{"callee", C.Callee},
                            {"callee_name", C.CalleeName},
                            {"param", C.Param},
                            {"chain", C.Chain},
                            {"chain_names", C.ChainNames},
                            {"finding", C.Finding}};
}
static bool fromJSON(const Value &V, PendingCallbackFact &C, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("callee", C.Callee) &&
         O.map("callee_name", C.CalleeName) &&
         facts::mapUnsigned(O, "param", C.Param) &&
         O.map("chain", C.Chain) && O.map("chain_names", C.ChainNames) &&
         O.map("finding", C.Finding);
}

static Value toJSON(const WaitingCallbackFact &W) {
  return llvm::json::Object{{"chain", W.Chain}, {"finding", W.Finding}};
}
static bool fromJSON(const Value &V, WaitingCallbackFact &W, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("chain", W.Chain) && O.map("finding", W.Finding);
}

Value toJSON(const CallbackFacts &F) {
  return llvm::json::Object{{"stores", F.Stores},
                            {"pending", F.Pending},
                            {"waiting", F.Waiting},
                            {"reported", F.Reported},
                            {"resets", F.Resets}};
}

bool fromJSON(const Value &V, CallbackFacts &F, Path P) {
  ObjectMapper O(V, P);
  // "waiting" and "reported" are newer than version 1's first writers:
  // optional.
  return O && O.map("stores", F.Stores) && O.map("pending", F.Pending) &&
         O.mapOptional("waiting", F.Waiting) &&
         O.mapOptional("reported", F.Reported) && O.map("resets", F.Resets);
}

} // namespace leaklint::callbacks
