//===--- InstanceCacheFacts.cpp - leak-static-instance-cache across TUs ---===//
#include "InstanceCacheFacts.h"

using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace leaklint::instancecache {

static Value toJSON(const PendingRegistryFact &R) {
  return llvm::json::Object{{"registry", R.Registry},
                            {"class", R.Class},
                            {"registry_name", R.RegistryName},
                            {"finding", R.Finding},
                            {"remedies", R.Remedies},
                            {"open", R.Open}};
}
static bool fromJSON(const Value &V, PendingRegistryFact &R, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("registry", R.Registry) && O.map("class", R.Class) &&
         O.map("registry_name", R.RegistryName) &&
         O.map("finding", R.Finding) && O.map("remedies", R.Remedies) &&
         O.map("open", R.Open);
}

static Value toJSON(const FunctionFact &F) {
  llvm::json::Object O{{"name", F.Name}, {"point", F.Point}};
  if (!F.Removes.empty())
    O["removes"] = F.Removes;
  if (F.MayRemoveAny)
    O["may_remove_any"] = true;
  if (!F.Runs.empty())
    O["runs"] = F.Runs;
  return O;
}
static bool fromJSON(const Value &V, FunctionFact &F, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("name", F.Name) && O.map("point", F.Point) &&
         O.mapOptional("removes", F.Removes) &&
         O.mapOptional("may_remove_any", F.MayRemoveAny) &&
         O.mapOptional("runs", F.Runs);
}

Value toJSON(const InstanceCacheFacts &F) {
  llvm::json::Object Functions;
  for (const auto &[USR, Function] : F.Functions)
    Functions[USR] = toJSON(Function);
  return llvm::json::Object{{"pending", F.Pending},
                            {"functions", std::move(Functions)},
                            {"reported", F.Reported}};
}

bool fromJSON(const Value &V, InstanceCacheFacts &F, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("pending", F.Pending) &&
         O.map("functions", F.Functions) && O.map("reported", F.Reported);
}

} // namespace leaklint::instancecache
