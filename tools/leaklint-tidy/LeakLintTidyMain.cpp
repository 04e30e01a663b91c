//===--- LeakLintTidyMain.cpp - clang-tidy with the leak-* checks linked in
//===//
//
// Exactly clang-tidy's own main: same options, same output, every upstream
// check. The leak-* module is linked in (its registry node runs at start-up),
// so hosts that run a clang-tidy binary but cannot pass --load get our checks.
//
//===----------------------------------------------------------------------===//
#include "tool/ClangTidyMain.h"

int main(int argc, const char **argv) {
  return clang::tidy::clangTidyMain(argc, argv);
}
