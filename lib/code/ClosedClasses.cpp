//===--- ClosedClasses.cpp - Classes whose every member function is here --===//
#include "code/ClosedClasses.h"
#include "code/SkippedBodies.h"
#include "clang/AST/DeclFriend.h"

using namespace clang;

namespace leaklint {

bool isClosedClass(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  if (!Def || Def->friend_begin() != Def->friend_end())
    return false;
  return llvm::all_of(Def->methods(), [](const CXXMethodDecl *M) {
    return M->isImplicit() || M->isDefaulted() || M->isDeleted() ||
           M->isPureVirtual() || M->hasBody() || skippedDefinition(M);
  });
}

} // namespace leaklint
