//===--- LeakLintClangdMain.cpp - clangd with the leak-* checks linked in -===//
//
// clangd cannot load clang-tidy plugins (clangd/clangd#1458); it builds its
// checks from the module registry of its own binary. This is clangd's main
// with the leak-* module linked in, so editors show leak-* diagnostics live,
// with their notes and fix-its as quick-fixes.
//
//===----------------------------------------------------------------------===//

// Debian ships libclangdMain.a but not its header; this is its one entry point.
namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

int main(int argc, char *argv[]) {
  return clang::clangd::clangdMain(argc, argv);
}
