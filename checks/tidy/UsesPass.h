//===--- UsesPass.h - One pass over what clangd's main file uses -*- C++ -*-===//
//
// A host that matches part of the TU (clangd: the main file's declarations)
// leaves the headers' classes, setters and containers unseen. Every leak-*
// check then also matches the header declarations the main file uses
// (code/UsedDeclarations.h), so its analysis has the facts it has in a whole
// TU; what it reports is still the host's to filter. One MatchFinder pass
// serves all the checks of a run: the first check to reach the end of the
// TU runs it for every check enlisted on this thread (clangd builds ASTs on
// several threads, each one at a time).
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_TIDY_USESPASS_H
#define LEAKLINT_CHECKS_TIDY_USESPASS_H

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <functional>

namespace leaklint::uses_pass {

using Registration = std::function<void(clang::ast_matchers::MatchFinder &)>;

/// Adds \p Owner's matchers to the pass of the run being set up.
void enlist(const void *Owner, Registration Register);
/// Takes \p Owner's matchers out again (the check is destroyed).
void withdraw(const void *Owner);
/// Remembers the AST the run's checks match.
void noteContext(clang::ASTContext *Ctx);
/// When that AST's traversal is partial, runs the pass once for every
/// enlisted check; later calls for the same run do nothing.
void runOnce();
/// True while the pass runs: the end of TU it reports is not the run's.
bool running();

} // namespace leaklint::uses_pass

#endif // LEAKLINT_CHECKS_TIDY_USESPASS_H
