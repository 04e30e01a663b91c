//===--- ContainerTypes.cpp - Which class templates are containers --------===//
#include "ContainerTypes.h"
#include "Compat.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace leaklint {

std::string qualifiedName(const NamedDecl *D) {
  llvm::SmallVector<StringRef, 4> Parts;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *R = dyn_cast<RecordDecl>(DC)) {
      Parts.push_back(R->getName());
    }
  }
  std::string Result;
  for (StringRef P : llvm::reverse(Parts)) {
    Result += P;
    Result += "::";
  }
  // getName() asserts on an operator's or a conversion's name.
  if (D->getDeclName().isIdentifier())
    Result += D->getName();
  else
    Result += D->getNameAsString();
  return Result;
}

ArrayRef<StringRef> ContainerTypes::standardContainers() {
  static const StringRef Std[] = {
      "std::map",           "std::multimap",
      "std::unordered_map", "std::unordered_multimap",
      "std::set",           "std::multiset",
      "std::unordered_set", "std::unordered_multiset",
      "std::vector",        "std::deque",
      "std::list",          "std::forward_list",
  };
  return Std;
}

StringRef ContainerTypes::defaultExtraContainers() {
  return "absl::flat_hash_map;absl::flat_hash_set;absl::node_hash_map;"
         "absl::node_hash_set;absl::btree_map;absl::btree_set;"
         "boost::unordered_map;boost::unordered_set;"
         "boost::unordered_flat_map;boost::unordered_flat_set;"
         "boost::unordered_node_map;boost::container::flat_map;"
         "boost::container::flat_set;folly::F14FastMap;folly::F14NodeMap;"
         "folly::F14ValueMap;folly::F14VectorMap;folly::F14FastSet;"
         "llvm::DenseMap;llvm::DenseSet;llvm::SmallPtrSet;llvm::SmallVector;"
         "llvm::MapVector;llvm::StringMap";
}

ContainerTypes::ContainerTypes(ArrayRef<StringRef> Extra) {
  for (StringRef N : standardContainers())
    Names.insert(N);
  for (StringRef N : Extra) {
    N = N.trim();
    N.consume_front("::");
    if (!N.empty())
      Names.insert(N);
  }
}

bool ContainerTypes::isContainerTemplate(const ClassTemplateDecl *T) const {
  T = T->getCanonicalDecl();
  auto [It, Inserted] = Known.try_emplace(T, false);
  if (Inserted)
    It->second = Names.contains(qualifiedName(T));
  return It->second;
}

const ClassTemplateSpecializationDecl *
ContainerTypes::asContainer(QualType T) const {
  if (T.isNull())
    return nullptr;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
  if (!Spec || !isContainerTemplate(Spec->getSpecializedTemplate()))
    return nullptr;
  return Spec;
}

ContainerTypes ContainerTypes::fromOptionList(StringRef List) {
  SmallVector<StringRef, 16> Extra;
  List.split(Extra, ';', -1, /*KeepEmpty=*/false);
  return ContainerTypes(Extra);
}

void ContainerTypes::addSharedOwners(StringRef List) {
  SmallVector<StringRef, 4> Owners;
  List.split(Owners, ';', -1, /*KeepEmpty=*/false);
  for (StringRef N : Owners) {
    N = N.trim();
    N.consume_front("::");
    if (!N.empty())
      SharedOwners.insert(N);
  }
}

bool ContainerTypes::isExtraSharedOwner(
    const ClassTemplateSpecializationDecl *S) const {
  return !SharedOwners.empty() && S &&
         SharedOwners.contains(qualifiedName(S->getSpecializedTemplate()));
}

bool ContainerTypes::isKeyed(const ClassTemplateSpecializationDecl *C) {
  StringRef Name = C->getName();
  return Name.contains_insensitive("map") || Name.contains_insensitive("set");
}

} // namespace leaklint
