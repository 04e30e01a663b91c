//===--- ContainerTypes.h - Which class templates are containers -*- C++
//-*-===//
#ifndef LEAKLINT_LIB_OWNERSHIP_CONTAINERTYPES_H
#define LEAKLINT_LIB_OWNERSHIP_CONTAINERTYPES_H

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>

namespace leaklint {

/// The qualified name of \p D with inline and anonymous namespaces left out,
/// so that `std::__cxx11::list` and `std::list` compare equal.
std::string qualifiedName(const clang::NamedDecl *D);

/// Recognises container class templates by qualified name: the standard ones
/// plus a configurable list (absl, boost, folly, llvm, in-house ...).
class ContainerTypes {
public:
  /// \p Extra are qualified template names, with or without a leading `::`.
  explicit ContainerTypes(llvm::ArrayRef<llvm::StringRef> Extra = {});
  /// From an option's `;`-separated list of extra container templates.
  static ContainerTypes fromOptionList(llvm::StringRef List);

  /// The container specialisation \p T names (through typedefs, aliases and
  /// elaboration), or null when \p T is not one.
  const clang::ClassTemplateSpecializationDecl *
  asContainer(clang::QualType T) const;

  /// True for containers looked up by key (maps and sets): their first
  /// template argument is the key.
  static bool isKeyed(const clang::ClassTemplateSpecializationDecl *C);

  /// The standard library containers, always recognised.
  static llvm::ArrayRef<llvm::StringRef> standardContainers();
  /// The default of the ContainerTypes option: common third-party containers.
  static llvm::StringRef defaultExtraContainers();

  /// Further shared-owner pointer templates (`std::shared_ptr` and
  /// `boost::shared_ptr` are always owners): a `;`-separated list of
  /// qualified names.
  void addSharedOwners(llvm::StringRef List);
  bool
  isExtraSharedOwner(const clang::ClassTemplateSpecializationDecl *S) const;

private:
  bool isContainerTemplate(const clang::ClassTemplateDecl *T) const;
  llvm::StringSet<> SharedOwners;

  llvm::StringSet<> Names;
  mutable llvm::DenseMap<const clang::ClassTemplateDecl *, bool> Known;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_CONTAINERTYPES_H
