//===--- LeakLintSarifMain.cpp - leaklint-sarif ---------------------------===//
//
//   clang-tidy --export-fixes=fixes.yaml ... ; leaklint-sarif fixes.yaml -o
//   x.sarif
//
// Reads the YAML that clang-tidy, leaklint-tidy, run-clang-tidy -export-fixes
// and clang-tidy-diff -export-fixes write, and writes one SARIF 2.1.0 log.
//
//===----------------------------------------------------------------------===//
#include "SarifReport.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

static llvm::cl::OptionCategory Category("leaklint-sarif options");
static llvm::cl::list<std::string>
    Inputs(llvm::cl::Positional, llvm::cl::OneOrMore,
           llvm::cl::desc("<exported fixes .yaml>..."),
           llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    Output("o", llvm::cl::desc("SARIF file to write (default: stdout)"),
           llvm::cl::value_desc("file"), llvm::cl::init("-"),
           llvm::cl::cat(Category));
static llvm::cl::opt<std::string> DocsURL(
    "docs-url",
    llvm::cl::desc("where the leak-* check pages are, for each rule's help "
                   "link: <url>/<check>.md (default: the installed pages)"),
    llvm::cl::cat(Category));

// The pages `cmake --install` put next to this program, else the build's.
static std::string defaultDocsURL(const char *Argv0) {
  std::string Exe = llvm::sys::fs::getMainExecutable(
      Argv0, reinterpret_cast<void *>(&defaultDocsURL));
  llvm::SmallString<256> Installed(
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe)));
  llvm::sys::path::append(Installed, "share", "doc", "leaklint", "checks");
  if (llvm::sys::fs::is_directory(Installed))
    return "file://" + std::string(Installed);
  return LEAKLINT_DOCS_URL;
}

int main(int argc, char **argv) {
  llvm::cl::HideUnrelatedOptions(Category);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "Converts clang-tidy's exported diagnostics (--export-fixes) to SARIF "
      "2.1.0.\n");

  std::vector<clang::tooling::Diagnostic> Diagnostics;
  bool Failed = false;
  for (const std::string &Input : Inputs) {
    auto Buffer = llvm::MemoryBuffer::getFileOrSTDIN(Input);
    if (!Buffer) {
      llvm::WithColor::error() << "cannot read '" << Input
                               << "': " << Buffer.getError().message() << "\n";
      return 1;
    }
    // clang-tidy writes nothing at all when a run has no diagnostics.
    if ((*Buffer)->getBuffer().trim().empty())
      continue;
    clang::tooling::TranslationUnitDiagnostics TU;
    llvm::yaml::Input YAML((*Buffer)->getBuffer());
    YAML >> TU;
    if (YAML.error()) {
      llvm::WithColor::error()
          << "'" << Input << "' is not clang-tidy's exported fixes YAML\n";
      return 1;
    }
    Diagnostics.insert(Diagnostics.end(), TU.Diagnostics.begin(),
                       TU.Diagnostics.end());
  }

  std::vector<std::string> Errors;
  std::string Docs =
      DocsURL.getNumOccurrences() ? DocsURL : defaultDocsURL(argv[0]);
  llvm::json::Object Log = leaklint::sarifLog(Diagnostics, {Docs}, Errors);
  for (const std::string &Error : Errors) {
    llvm::WithColor::warning() << Error << "\n";
    Failed = true;
  }

  std::error_code EC;
  llvm::raw_fd_ostream Out(Output, EC, llvm::sys::fs::OF_TextWithCRLF);
  if (EC) {
    llvm::WithColor::error()
        << "cannot write '" << Output << "': " << EC.message() << "\n";
    return 1;
  }
  Out << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
  return Failed ? 1 : 0;
}
