//===--- KeyDomains.cpp - Keys drawn from a bounded set -------------------===//
#include "KeyDomains.h"
#include "ownership/ContainerTypes.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

bool isIdentityClass(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  RD = RD->getDefinition() ? RD->getDefinition() : RD;
  std::string Name = qualifiedName(RD);
  if (llvm::is_contained({"std::type_info", "std::type_index",
                          "std::error_category",
                          "boost::system::error_category"},
                         Name))
    return true;
  // A category of the program's own, derived from either base.
  return RD->hasDefinition() &&
         llvm::any_of(RD->bases(), [](const CXXBaseSpecifier &Base) {
           return isIdentityClass(Base.getType()->getAsCXXRecordDecl());
         });
}

bool isClosedKey(QualType T, unsigned Depth = 0) {
  T = T.getCanonicalType().getUnqualifiedType();
  if (T->isBooleanType() || T->isEnumeralType())
    return true;
  // One byte: at most 256 keys.
  if (T->isCharType() || T->isSpecificBuiltinType(BuiltinType::SChar) ||
      T->isSpecificBuiltinType(BuiltinType::UChar))
    return true;
  // A pair or tuple of closed keys is a closed product of them.
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl());
      Spec && Depth < 4 &&
      llvm::is_contained({"std::pair", "std::tuple"}, qualifiedName(Spec))) {
    ArrayRef<TemplateArgument> Args = Spec->getTemplateArgs().asArray();
    // A tuple's elements come as one pack.
    if (Args.size() == 1 && Args[0].getKind() == TemplateArgument::Pack)
      Args = Args[0].getPackAsArray();
    return !Args.empty() && llvm::all_of(Args, [&](const TemplateArgument &A) {
      return A.getKind() == TemplateArgument::Type &&
             isClosedKey(A.getAsType(), Depth + 1);
    });
  }
  if (T->isPointerType()) {
    // `const char *` keys compare addresses: of string literals or interned
    // names in practice, which the program fixes (a key built at run time
    // would dangle).
    QualType Pointee = T->getPointeeType();
    if (Pointee.isConstQualified() && Pointee->isCharType())
      return true;
    return isIdentityClass(Pointee->getAsCXXRecordDecl());
  }
  const auto *RD = T->getAsCXXRecordDecl();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
      Spec && qualifiedName(Spec) == "std::reference_wrapper" &&
      Spec->getTemplateArgs().size() == 1 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    return isIdentityClass(
        Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl());
  // By value only type_index is an identity (a category is never copied);
  // a thread id is reused once its thread has ended.
  return RD && llvm::is_contained({"std::type_index", "std::thread::id"},
                                  qualifiedName(RD));
}

} // namespace

bool hasClosedKeyDomain(const ClassTemplateSpecializationDecl *Keyed) {
  if (!Keyed || !ContainerTypes::isKeyed(Keyed) ||
      Keyed->getName().contains_insensitive("multi"))
    return false;
  const TemplateArgumentList &Args = Keyed->getTemplateArgs();
  return Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type &&
         isClosedKey(Args[0].getAsType());
}

} // namespace leaklint
