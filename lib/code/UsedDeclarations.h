//===--- UsedDeclarations.h - What part of a TU reaches elsewhere -*- C++ -*-===//
//
// clangd matches the declarations of the main file only (its traversal scope)
// and leaves the preamble's headers unvisited. Every leak-* analysis gathers
// facts by matching the whole TU: the classes that make the ownership graph,
// the setter and constructor bodies of summaries, containers and their
// shrinks, singletons. In real code they nearly always live in headers. This
// finds, on demand, the declarations outside a traversal scope that the code
// in it uses, closed over what those use in turn, so that a host can match
// them too and the analyses see what they would see in the whole TU.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_USEDDECLARATIONS_H
#define LEAKLINT_LIB_CODE_USEDDECLARATIONS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include <vector>

namespace leaklint {

/// True when \p Ctx's traversal scope is a part of the TU (clangd's main
/// file), not the whole TU.
bool isPartialTraversal(const clang::ASTContext &Ctx);

/// The declarations outside the traversal scope that the code in it uses,
/// directly or through other such declarations: called functions with their
/// definitions, the classes of the types named (their bases, template
/// arguments and out-of-line member definitions), variables referenced.
/// Each is given as the top-level declaration holding it (a class, not its
/// method; a class template, not its instantiation), once, in first-use
/// order. System headers are left out: no analysis reads them.
std::vector<clang::Decl *> usedDeclarations(clang::ASTContext &Ctx);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_USEDDECLARATIONS_H
