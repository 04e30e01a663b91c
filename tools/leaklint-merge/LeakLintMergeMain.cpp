//===--- LeakLintMergeMain.cpp - leaklint-merge ---------------------------===//
//
//   leaklint-merge <facts directory> [--export-fixes=<file.yaml>]
//   leaklint-merge --outdated -p <build directory> <facts directory>
//
// The merge of whole-program mode (docs/whole-program.md): reads the facts
// every TU's run wrote, links them by USR, and reports the leaks whose
// evidence spans translation units, as clang-tidy prints diagnostics. With
// --export-fixes it also writes them in clang-tidy's exported-fixes YAML, for
// leaklint-sarif. --outdated instead lists the TUs whose facts must be
// (re)made: no facts yet, or an input file changed since.
//
//===----------------------------------------------------------------------===//
#include "WholeProgramFindings.h"
#include "facts/FactsFiles.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <set>

using namespace leaklint;

static llvm::cl::OptionCategory Category("leaklint-merge options");
static llvm::cl::opt<std::string>
    FactsDirectory(llvm::cl::Positional, llvm::cl::Required,
                   llvm::cl::desc("<facts directory>"),
                   llvm::cl::cat(Category));
static llvm::cl::opt<std::string> ExportFixes(
    "export-fixes",
    llvm::cl::desc("also write the findings as clang-tidy's exported fixes "
                   "YAML (input of leaklint-sarif)"),
    llvm::cl::value_desc("file"), llvm::cl::cat(Category));
static llvm::cl::opt<bool> Outdated(
    "outdated",
    llvm::cl::desc("list the source files of -p's compilation database whose "
                   "facts are missing or out of date, remove the facts of "
                   "TUs no longer in it, and report nothing"),
    llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    BuildPath("p", llvm::cl::desc("build directory with compile_commands.json "
                                  "(for --outdated)"),
              llvm::cl::value_desc("dir"), llvm::cl::cat(Category));

static std::string absolute(llvm::StringRef Directory, llvm::StringRef File) {
  llvm::SmallString<256> Path(File);
  if (!llvm::sys::path::is_absolute(Path)) {
    Path = Directory;
    llvm::sys::path::append(Path, File);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

// True when every input of \p File still has the contents it was read with.
static bool inputsUnchanged(const facts::FactsFile &File) {
  if (File.Header.Inputs.empty())
    return false;
  for (const facts::InputFile &Input : File.Header.Inputs) {
    auto Buffer = llvm::MemoryBuffer::getFile(Input.File);
    if (!Buffer || facts::digest((*Buffer)->getBuffer()) != Input.Hash)
      return false;
  }
  return true;
}

static int listOutdated(const std::vector<facts::FactsFile> &Files) {
  std::string Error;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database =
      clang::tooling::JSONCompilationDatabase::loadFromDirectory(BuildPath,
                                                                 Error);
  if (!Database) {
    llvm::WithColor::error() << Error << "\n";
    return 2;
  }
  std::set<std::string> InDatabase;
  std::set<std::string> Listed;
  for (const clang::tooling::CompileCommand &Command :
       Database->getAllCompileCommands()) {
    std::string Main = absolute(Command.Directory, Command.Filename);
    InDatabase.insert(Main);
    bool Fresh = false;
    for (const facts::FactsFile &File : Files)
      if (File.Header.MainFile == Main && inputsUnchanged(File))
        Fresh = true;
    if (!Fresh && Listed.insert(Main).second)
      llvm::outs() << Main << "\n";
  }
  for (const facts::FactsFile &File : Files)
    if (!InDatabase.count(File.Header.MainFile))
      llvm::sys::fs::remove(File.Path);
  return 0;
}

static void print(const facts::WholeProgramFinding &F) {
  auto At = [](const facts::SourcePoint &P) {
    llvm::outs() << P.File << ":" << P.Line << ":" << P.Column << ": ";
  };
  At(F.Point);
  llvm::outs() << "warning: " << F.Message << " [" << F.Check << "]\n";
  for (const facts::WholeProgramNote &N : F.Notes) {
    At(N.Point);
    llvm::outs() << "note: " << N.Message << "\n";
  }
}

static bool exportFixes(const std::vector<facts::WholeProgramFinding> &Found) {
  clang::tooling::TranslationUnitDiagnostics TU;
  auto Message = [](const facts::SourcePoint &P, const std::string &Text) {
    clang::tooling::DiagnosticMessage M(Text);
    M.FilePath = P.File;
    M.FileOffset = P.Offset;
    return M;
  };
  for (const facts::WholeProgramFinding &F : Found) {
    llvm::SmallVector<clang::tooling::DiagnosticMessage, 1> Notes;
    for (const facts::WholeProgramNote &N : F.Notes)
      Notes.push_back(Message(N.Point, N.Message));
    TU.Diagnostics.emplace_back(F.Check, Message(F.Point, F.Message), Notes,
                                clang::tooling::Diagnostic::Warning, "");
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(ExportFixes, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    llvm::WithColor::error()
        << "cannot write '" << ExportFixes << "': " << EC.message() << "\n";
    return false;
  }
  llvm::yaml::Output YAML(OS);
  YAML << TU;
  return true;
}

int main(int argc, char **argv) {
  llvm::cl::HideUnrelatedOptions(Category);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "Reports the leaks whose evidence spans translation units, from the "
      "facts the leak-* checks wrote with FactsDirectory set.\n");
  if (Outdated && BuildPath.empty()) {
    llvm::WithColor::error() << "--outdated needs -p <build directory>\n";
    return 2;
  }
  std::vector<std::string> Errors;
  std::vector<facts::FactsFile> Files =
      facts::readFactsDirectory(FactsDirectory, Errors);
  if (Outdated) {
    // A bad file is remade like a missing one: it lists nothing fresh.
    return listOutdated(Files);
  }
  std::vector<facts::WholeProgramFinding> Found =
      wholeProgramFindings(Files, Errors);
  for (const std::string &Error : Errors)
    llvm::WithColor::error(llvm::errs(), "leaklint-merge") << Error << "\n";
  for (const facts::WholeProgramFinding &F : Found)
    print(F);
  // The summary goes last, after the findings, even when both go to one file.
  llvm::outs().flush();
  // Each check writes its own file per TU: count both.
  std::set<std::pair<std::string, std::string>> Units;
  for (const facts::FactsFile &File : Files)
    Units.insert({File.Header.MainFile, File.Header.CompileDigest});
  llvm::errs() << Found.size() << " whole-program finding"
               << (Found.size() == 1 ? "" : "s") << " from " << Units.size()
               << " translation unit" << (Units.size() == 1 ? "" : "s")
               << " (" << Files.size() << " facts file"
               << (Files.size() == 1 ? "" : "s") << ")\n";
  if (!ExportFixes.empty() && !exportFixes(Found))
    return 2;
  return Errors.empty() ? 0 : 1;
}
