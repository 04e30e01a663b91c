//===--- CycleFacts.cpp - What leak-shared-ptr-cycle knows across TUs -----===//
#include "CycleFacts.h"
#include <algorithm>

using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace leaklint::cycles {

bool ObjectFact::ownsOrIs(const ObjectFact &Inner) const {
  return Kind == Inner.Kind && Root == Inner.Root &&
         Version == Inner.Version && Path.size() <= Inner.Path.size() &&
         std::equal(Path.begin(), Path.end(), Inner.Path.begin());
}

unsigned ObjectFact::age() const {
  if (Kind == "this")
    return 3;
  if (Kind == "parameter")
    return 2;
  if (Kind == "local")
    return 1;
  return 0;
}

static Value toJSON(const StepFact &S) {
  llvm::json::Object O{{"owning", S.Owning}};
  if (!S.Field.empty())
    O["field"] = S.Field;
  if (!S.Element.empty())
    O["element"] = S.Element;
  return O;
}
static bool fromJSON(const Value &V, StepFact &S, Path P) {
  ObjectMapper O(V, P);
  return O && O.mapOptional("field", S.Field) &&
         O.mapOptional("element", S.Element) && O.map("owning", S.Owning);
}

static Value toJSON(const ObjectFact &F) {
  llvm::json::Object O{{"kind", F.Kind}, {"root", F.Root}};
  if (!F.Version.empty())
    O["version"] = F.Version;
  if (!F.Path.empty())
    O["path"] = F.Path;
  if (F.Kind == "fresh")
    O["made"] = F.Made;
  return O;
}
static bool fromJSON(const Value &V, ObjectFact &F, Path P) {
  ObjectMapper O(V, P);
  if (!(O && O.map("kind", F.Kind) && O.map("root", F.Root) &&
        O.mapOptional("version", F.Version) &&
        O.mapOptional("path", F.Path) && O.mapOptional("made", F.Made)))
    return false;
  if (F.Kind != "this" && F.Kind != "local" && F.Kind != "parameter" &&
      F.Kind != "fresh") {
    P.field("kind").report("expected this, local, parameter or fresh");
    return false;
  }
  return true;
}

static Value toJSON(const LinkFact &L) {
  llvm::json::Object O{{"holder", L.Holder}, {"field", L.Field}};
  if (L.Breaks) {
    O["breaks"] = true;
    return O;
  }
  O["target"] = L.Target;
  O["value"] = L.Value;
  O["value_text"] = L.ValueText;
  if (L.FromSharedFromThis)
    O["shared_from_this"] = true;
  if (!L.Through.empty())
    O["through"] = L.Through;
  return O;
}
static bool fromJSON(const Value &V, LinkFact &L, Path P) {
  ObjectMapper O(V, P);
  if (!(O && O.map("holder", L.Holder) && O.map("field", L.Field) &&
        O.mapOptional("breaks", L.Breaks)))
    return false;
  if (L.Breaks)
    return true;
  return O.map("target", L.Target) && O.map("value", L.Value) &&
         O.map("value_text", L.ValueText) &&
         O.mapOptional("shared_from_this", L.FromSharedFromThis) &&
         O.mapOptional("through", L.Through);
}

static Value toJSON(const CallFact::Argument &A) {
  llvm::json::Object O{{"value", A.Value}, {"text", A.Text}};
  if (A.Carried)
    O["carried"] = *A.Carried;
  if (A.FromSharedFromThis)
    O["shared_from_this"] = true;
  return O;
}
static bool fromJSON(const Value &V, CallFact::Argument &A, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("value", A.Value) && O.map("text", A.Text) &&
         O.mapOptional("carried", A.Carried) &&
         O.mapOptional("shared_from_this", A.FromSharedFromThis);
}

static Value toJSON(const CallFact &C) {
  return llvm::json::Object{{"callee", C.Callee},
                            {"callee_name", C.CalleeName},
                            {"object", C.Object},
                            {"arguments", C.Arguments}};
}
static bool fromJSON(const Value &V, CallFact &C, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("callee", C.Callee) &&
         O.map("callee_name", C.CalleeName) && O.map("object", C.Object) &&
         O.map("arguments", C.Arguments);
}

static Value toJSON(const FunctionFacts &F) {
  return llvm::json::Object{
      {"function", F.Function}, {"links", F.Links}, {"calls", F.Calls}};
}
static bool fromJSON(const Value &V, FunctionFacts &F, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("function", F.Function) && O.map("links", F.Links) &&
         O.map("calls", F.Calls);
}

static Value toJSON(const FieldFact &F) {
  return llvm::json::Object{{"name", F.Name},
                            {"short_name", F.ShortName},
                            {"class", F.Class},
                            {"pointee", F.Pointee},
                            {"type", F.Type},
                            {"point", F.Point},
                            {"single_owner", F.SingleOwner},
                            {"unique_owner", F.UniqueOwner},
                            {"has_weak_pointer", F.HasWeakPointer}};
}
static bool fromJSON(const Value &V, FieldFact &F, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("name", F.Name) && O.map("short_name", F.ShortName) &&
         O.map("class", F.Class) && O.map("pointee", F.Pointee) &&
         O.map("type", F.Type) && O.map("point", F.Point) &&
         O.map("single_owner", F.SingleOwner) &&
         O.mapOptional("unique_owner", F.UniqueOwner) &&
         O.map("has_weak_pointer", F.HasWeakPointer);
}

static Value toJSON(const ParamStoreFact &S) {
  return llvm::json::Object{
      {"param", S.Param}, {"field", S.Field}, {"store", S.Store}};
}
static bool fromJSON(const Value &V, ParamStoreFact &S, Path P) {
  ObjectMapper O(V, P);
  return O && facts::mapUnsigned(O, "param", S.Param) &&
         O.map("field", S.Field) &&
         O.map("store", S.Store);
}

static Value toJSON(const EmptyingFact &E) {
  llvm::json::Object O{{"field", E.Field},
                       {"function", E.Function},
                       {"in_destructor", E.InDestructor}};
  if (!E.Collection.empty())
    O["collection"] = E.Collection;
  return O;
}
static bool fromJSON(const Value &V, EmptyingFact &E, Path P) {
  ObjectMapper O(V, P);
  return O && O.map("field", E.Field) && O.map("function", E.Function) &&
         O.map("in_destructor", E.InDestructor) &&
         O.mapOptional("collection", E.Collection);
}

template <typename T>
static llvm::json::Object toJSON(const std::map<std::string, T> &Map) {
  llvm::json::Object O;
  for (const auto &[Key, Item] : Map)
    O[Key] = Item;
  return O;
}

Value toJSON(const CycleFacts &F) {
  return llvm::json::Object{
      {"fields", toJSON(F.Fields)},
      {"setters", toJSON(F.Setters)},
      {"functions", F.Functions},
      {"drains", F.Drains},
      {"resets", F.Resets},
      {"element_resets", F.ElementResets},
      {"called", std::vector<std::string>(F.Called.begin(), F.Called.end())},
      {"reported",
       std::vector<std::string>(F.Reported.begin(), F.Reported.end())}};
}

bool fromJSON(const Value &V, CycleFacts &F, Path P) {
  ObjectMapper O(V, P);
  std::vector<std::string> Called, Reported;
  if (!(O && O.map("fields", F.Fields) && O.map("setters", F.Setters) &&
        O.map("functions", F.Functions) && O.map("drains", F.Drains) &&
        O.map("resets", F.Resets) &&
        O.mapOptional("element_resets", F.ElementResets) &&
        O.map("called", Called) &&
        O.map("reported", Reported)))
    return false;
  F.Called.insert(Called.begin(), Called.end());
  F.Reported.insert(Reported.begin(), Reported.end());
  return true;
}

} // namespace leaklint::cycles
