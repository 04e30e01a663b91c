//===--- ClosedClasses.h - Classes whose every member function is here -*- C++ -*-===//
//
// A private field of a class without friends is touched only by the class's
// own member functions. When each of them is defined in this translation
// unit (or its body was skipped by the host, which SkippedBodies.h reads),
// the TU shows every use of the field: what the code does to it is all it
// ever does.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_CLOSEDCLASSES_H
#define LEAKLINT_LIB_CODE_CLOSEDCLASSES_H

#include "clang/AST/DeclCXX.h"

namespace leaklint {

/// True when \p RD is defined, has no friends, and every member function it
/// declares is implicit, defaulted, deleted, pure, or defined in this TU.
bool isClosedClass(const clang::CXXRecordDecl *RD);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_CLOSEDCLASSES_H
