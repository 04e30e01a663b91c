//===--- LeakLintFuzzer.cpp - libFuzzer target for every leak-* check -----===//
//
// Parses each input as a C++17 main file (-fsyntax-only, errors allowed) and
// runs every analysis of Checks.def on it in process, as the compiler plugin
// does: one MatchFinder, default options, every check enabled. Then checks
// what the front ends rely on and aborts, with a message naming the check,
// when a Finding breaks it:
//   - its location and its notes' locations are valid;
//   - its message is not empty;
//   - each fix-it's range is valid, is file locations (no macro expansion),
//     lies in the main file (or in a test header the seeds include), in
//     order, and within the file;
//   - its fix-its do not conflict: they all go into one
//     tooling::Replacements, as clang-tidy asserts they do.
// Every check also writes its whole-program facts (docs/whole-program.md)
// into a directory of the process; they must read back without an error, and
// the merge of them must give findings with a message and a place.
//
// The standard headers the checks are about (<memory>, <map>, ...) are
// precompiled once per process, in LLVMFuzzerInitialize, by this very
// libclang-cpp and with the same options as the inputs, and every input
// includes that PCH, served from memory: a run costs the input, not the
// headers. The driver too runs only once; each input goes straight to a -cc1
// invocation.
//
// Environment:
//   LEAKLINT_FUZZ_NO_PCH=1          parse the prelude headers in every run
//   LEAKLINT_FUZZ_SYSTEM_HEADERS=1  match in system headers too, as the
//                                   compiler plugin does; by default they
//                                   are skipped, as clang-tidy 21+ does
//   LEAKLINT_FUZZ_HEADER_BODIES=1   keep the function bodies of the prelude
//                                   headers (slower; see buildPrelude)
//   LEAKLINT_FUZZ_VERBOSE=1         print each input's compiler diagnostics
//                                   and findings
//   LEAKLINT_FUZZ_NO_FACTS=1        write and merge no facts
//
// docs/fuzzing.md tells how to build and run it.
//
//===----------------------------------------------------------------------===//
#include "Analyses.h"
#include "WholeProgramFindings.h"
#include "facts/FactsFiles.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#ifndef LEAKLINT_CLANG_RESOURCE_DIR
#error "define LEAKLINT_CLANG_RESOURCE_DIR (clang++ -print-resource-dir)"
#endif
#ifndef LEAKLINT_FUZZ_INCLUDE_DIR
#error "define LEAKLINT_FUZZ_INCLUDE_DIR (the test headers, test/Inputs)"
#endif

namespace leaklint {
namespace {

using clang::ast_matchers::MatchFinder;

/// The headers every input may use without parsing them: what the checks
/// are about, and what the tests under test/checkers include.
constexpr llvm::StringLiteral PreludeCode = R"cpp(
#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
)cpp";

/// The name the input is parsed under; it is the main file of each run.
constexpr llvm::StringLiteral InputName = "input.cpp";

bool envFlag(const char *Name) {
  const char *Value = std::getenv(Name);
  return Value && *Value && llvm::StringRef(Value) != "0";
}

/// The driver arguments every parse shares, the prelude's PCH build too.
std::vector<std::string> commonArgs() {
  return {"leaklint-fuzz", "-std=c++17", "-resource-dir",
          LEAKLINT_CLANG_RESOURCE_DIR,
          // The headers the seeds from test/checkers include by name; without
          // them a seed ends at its first line, in a fatal error.
          "-I", LEAKLINT_FUZZ_INCLUDE_DIR,
          // The checks see the whole error-recovered AST, as in the
          // robustness tests; the diagnostics themselves are not wanted.
          "-ferror-limit=0", "-w"};
}

[[noreturn]] void fatal(const llvm::Twine &Message) {
  llvm::errs() << "leaklint-fuzz: " << Message << "\n";
  llvm::errs().flush();
  std::abort();
}

/// Process-wide state built once by LLVMFuzzerInitialize.
struct FuzzState {
  /// `leaklint-fuzz -cc1 ...`: each input's invocation, made by the driver
  /// once.
  std::vector<std::string> CC1CommandLine;
  std::shared_ptr<clang::PCHContainerOperations> PCHOps =
      std::make_shared<clang::PCHContainerOperations>();
  MatchFinder::MatchFinderOptions FinderOptions;
  /// Whether the checks also match in system headers, as the compiler
  /// plugin does; clang-tidy (21 and later) does not.
  bool MatchSystemHeaders = false;
  /// The prelude and its PCH, files of every run's in-memory file system
  /// (their directory on disk is gone once the PCH is built).
  std::string PreludePath, PCHPath;
  std::unique_ptr<llvm::MemoryBuffer> PCH;
  bool Verbose = false;
  /// Where the checks write each input's facts; emptied after each input.
  /// Empty: no facts.
  std::string FactsDirectory;
};
FuzzState *State = nullptr;

/// A FileManager over the real file system with \p Code mapped as the main
/// file InputName, and the prelude and its PCH mapped too.
llvm::IntrusiveRefCntPtr<clang::FileManager>
filesWithInput(llvm::StringRef Code) {
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Overlay->pushOverlay(Memory);
  Memory->addFile(InputName, 0,
                  llvm::MemoryBuffer::getMemBufferCopy(Code, InputName));
  Memory->addFile(State->PreludePath, 0,
                  llvm::MemoryBuffer::getMemBuffer(PreludeCode));
  if (State->PCH)
    Memory->addFile(
        State->PCHPath, 0,
        llvm::MemoryBuffer::getMemBuffer(State->PCH->getMemBufferRef(),
                                         /*RequiresNullTerminator=*/false));
  return llvm::makeIntrusiveRefCnt<clang::FileManager>(
      clang::FileSystemOptions(), Overlay);
}

/// Runs \p Action on \p CommandLine over \p Files; diagnostics go to
/// \p Diags, or to stderr when it is null.
bool runInvocation(std::vector<std::string> CommandLine,
                   clang::tooling::ToolAction &Action,
                   clang::FileManager &Files,
                   clang::DiagnosticConsumer *Diags) {
  clang::tooling::ToolInvocation Invocation(std::move(CommandLine), &Action,
                                            &Files, State->PCHOps);
  if (Diags)
    Invocation.setDiagnosticConsumer(Diags);
  return Invocation.run();
}

/// Keeps the cc1 command line the driver makes, and runs nothing.
class CaptureCC1 : public clang::tooling::ToolAction {
public:
  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                     clang::FileManager *,
                     std::shared_ptr<clang::PCHContainerOperations>,
                     clang::DiagnosticConsumer *) override {
    Args = Invocation->getCC1CommandLine();
    return true;
  }
  std::vector<std::string> Args;
};

/// Runs one front end action of type ActionT per invocation.
template <typename ActionT>
class Factory : public clang::tooling::FrontendActionFactory {
public:
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<ActionT>();
  }
};

/// Counts the errors of a run, for the start-up self-test.
class ErrorCounter : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level >= clang::DiagnosticsEngine::Error) {
      llvm::SmallString<128> Text;
      Info.FormatDiagnostic(Text);
      Errors.push_back(Text.str().str());
    }
  }
  std::vector<std::string> Errors;
};

//===----------------------------------------------------------------------===//
// The checks, run as the compiler plugin runs them.
//===----------------------------------------------------------------------===//

class CheckRunner : public MatchFinder::MatchCallback {
public:
  explicit CheckRunner(llvm::StringRef Name) : Name(Name) {}
  virtual void registerMatchers(MatchFinder &Finder) = 0;
  virtual const std::string &optionError() const = 0;
  virtual std::vector<Finding> finish() = 0;

  const llvm::StringRef Name;
};

template <typename AnalysisT> class AnalysisRunner : public CheckRunner {
public:
  AnalysisRunner(llvm::StringRef Name,
                 const typename AnalysisT::OptionsType &Options)
      : CheckRunner(Name), Impl(Options) {}
  void registerMatchers(MatchFinder &Finder) override {
    Impl.registerMatchers(Finder, this);
  }
  const std::string &optionError() const override { return Impl.optionError(); }
  void run(const MatchFinder::MatchResult &Result) override {
    Impl.collect(Result);
  }
  std::vector<Finding> finish() override { return Impl.finish(); }

private:
  AnalysisT Impl;
};

/// Every check of Checks.def that supports \p LO, with its default options
/// as a host that enables every check adapts them.
std::vector<std::unique_ptr<CheckRunner>>
makeRunners(const clang::LangOptions &LO) {
  std::vector<std::unique_ptr<CheckRunner>> Runners;
  // Whole-program mode for every check that has it.
  auto SetFactsDirectory = [](llvm::StringRef Option, auto &Value) {
    if constexpr (std::is_same_v<std::decay_t<decltype(Value)>, std::string>)
      if (Option == "FactsDirectory")
        Value = State->FactsDirectory;
  };
#define LEAKLINT_CHECK(Name, Analysis, Summary)                                \
  if (Analysis::isLanguageSupported(LO)) {                                     \
    Analysis::OptionsType Options;                                             \
    Analysis::adaptToEnabledChecks(Options,                                    \
                                   [](llvm::StringRef) { return true; });      \
    Analysis::OptionsType::forEachOption(Options, SetFactsDirectory);          \
    Runners.push_back(                                                         \
        std::make_unique<AnalysisRunner<Analysis>>(Name, Options));            \
  }
#include "Checks.def"
  for (const auto &Runner : Runners)
    if (!Runner->optionError().empty())
      fatal(Runner->Name +
            ": the default options are invalid: " + Runner->optionError());
  return Runners;
}

/// Aborts, after printing what was broken, where, and by which Finding.
class FindingChecker {
public:
  FindingChecker(const clang::ASTContext &Context, llvm::StringRef Check,
                 const Finding &F)
      : SM(Context.getSourceManager()), LangOpts(Context.getLangOpts()),
        Check(Check), F(F) {}

  void run() {
    if (F.Loc.isInvalid())
      fail("the finding's location is invalid");
    if (F.Message.empty())
      fail("the finding's message is empty");
    for (const FindingNote &Note : F.Notes)
      if (Note.Loc.isInvalid())
        fail("the location of note '" + Note.Message + "' is invalid");
    clang::tooling::Replacements Edits;
    for (const clang::FixItHint &Fix : F.Fixes) {
      checkRange(Fix, Fix.RemoveRange, "range");
      if (Fix.InsertFromRange.isValid())
        checkRange(Fix, Fix.InsertFromRange, "insert-from range");
      // What clang-tidy does with the fix-its of one diagnostic; it asserts
      // that none conflicts with the others.
      clang::tooling::Replacement Edit(SM, Fix.RemoveRange, Fix.CodeToInsert,
                                       LangOpts);
      if (llvm::Error Err = Edits.add(Edit))
        fail("its fix-its conflict: " + llvm::toString(std::move(Err)), &Fix);
    }
  }

private:
  void checkRange(const clang::FixItHint &Fix, clang::CharSourceRange Range,
                  llvm::StringRef What) {
    clang::SourceLocation B = Range.getBegin(), E = Range.getEnd();
    if (B.isInvalid() || E.isInvalid())
      fail("a fix-it's " + What + " is invalid", &Fix);
    if (!B.isFileID() || !E.isFileID())
      fail("a fix-it's " + What + " is in a macro expansion", &Fix);
    auto [BFile, BOffset] = SM.getDecomposedLoc(B);
    auto [EFile, EOffset] = SM.getDecomposedLoc(E);
    if (BFile != EFile)
      fail("a fix-it's " + What + " spans files", &Fix);
    if (What == "range" && !isEditable(BFile))
      fail("a fix-it's range is outside the main file and the test headers",
           &Fix);
    if (EOffset < BOffset)
      fail("a fix-it's " + What + " ends before it begins", &Fix);
    if (EOffset > SM.getBufferData(EFile).size())
      fail("a fix-it's " + What + " ends after its file", &Fix);
  }

  /// Whether a fix-it may edit \p File: the main file, or a header of the
  /// test inputs, where the checks report what the header tests expect.
  /// Never a system header, the prelude, or a buffer without a file.
  bool isEditable(clang::FileID File) const {
    const clang::FileEntry *Entry = SM.getFileEntryForID(File);
    if (!Entry)
      return false;
    if (Entry == SM.getFileEntryForID(SM.getMainFileID()))
      return true;
    clang::OptionalFileEntryRef Ref = SM.getFileEntryRefForID(File);
    return Ref && !SM.isInSystemHeader(SM.getLocForStartOfFile(File)) &&
           llvm::sys::path::parent_path(Ref->getName()) ==
               LEAKLINT_FUZZ_INCLUDE_DIR;
  }

  [[noreturn]] void fail(const llvm::Twine &What,
                         const clang::FixItHint *Fix = nullptr) {
    llvm::raw_ostream &OS = llvm::errs();
    OS << "\nleaklint-fuzz: invariant broken by " << Check << ": " << What
       << "\n  finding: " << F.Loc.printToString(SM) << ": " << F.Message
       << "\n";
    for (const FindingNote &Note : F.Notes)
      OS << "  note: " << Note.Loc.printToString(SM) << ": " << Note.Message
         << "\n";
    for (const clang::FixItHint &Each : F.Fixes)
      OS << (&Each == Fix ? "  fix-it (this one): " : "  fix-it: ")
         << (Each.RemoveRange.isTokenRange() ? "token " : "char ")
         << Each.RemoveRange.getBegin().printToString(SM) << " .. "
         << Each.RemoveRange.getEnd().printToString(SM) << " -> '"
         << Each.CodeToInsert << "'\n";
    fatal("aborting on the broken invariant above");
  }

  const clang::SourceManager &SM;
  const clang::LangOptions &LangOpts;
  llvm::StringRef Check;
  const Finding &F;
};

/// Reads back the facts the checks wrote for one input and merges them, as
/// leaklint-merge would; aborts when a file does not read back or the merge
/// gives a finding without a message or a place. Empties the directory for
/// the next input.
void checkFacts() {
  std::vector<std::string> Errors;
  std::vector<facts::FactsFile> Files =
      facts::readFactsDirectory(State->FactsDirectory, Errors);
  std::vector<facts::WholeProgramFinding> Found;
  if (Errors.empty())
    Found = wholeProgramFindings(Files, Errors);
  if (!Errors.empty())
    fatal("the facts the checks wrote do not merge: " + Errors.front());
  for (const facts::WholeProgramFinding &F : Found) {
    if (F.Message.empty() || F.Point.File.empty())
      fatal("the merge gives a finding of " + F.Check +
            " without a message or a place: '" + F.Message + "' at '" +
            F.Point.File + "'");
    for (const facts::WholeProgramNote &N : F.Notes)
      if (N.Message.empty() || N.Point.File.empty())
        fatal("the merge gives a note of " + F.Check + " ('" + F.Message +
              "') without a message or a place");
  }
  if (State->Verbose)
    llvm::errs() << "facts: " << Files.size() << " files, " << Found.size()
                 << " whole-program findings\n";
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(State->FactsDirectory, EC), End;
       It != End && !EC; It.increment(EC))
    llvm::sys::fs::remove(It->path());
}

class CheckingConsumer : public clang::ASTConsumer {
public:
  void HandleTranslationUnit(clang::ASTContext &Context) override {
    std::vector<std::unique_ptr<CheckRunner>> Runners =
        makeRunners(Context.getLangOpts());
    MatchFinder Finder(State->FinderOptions);
    for (const auto &Runner : Runners)
      Runner->registerMatchers(Finder);
    const clang::SourceManager &SM = Context.getSourceManager();
#if LLVM_VERSION_MAJOR < 21
    // No MatchFinderOptions::IgnoreSystemHeaders before LLVM 21: the same
    // traversal, by leaving the system headers' declarations out of its
    // scope. (Else every run deserializes all of the prelude's PCH.)
    if (!State->MatchSystemHeaders) {
      std::vector<clang::Decl *> Scope;
      for (clang::Decl *D : Context.getTranslationUnitDecl()->decls())
        if (!SM.isInSystemHeader(D->getLocation()))
          Scope.push_back(D);
      Context.setTraversalScope(Scope);
    }
#endif
    Finder.matchAST(Context);
    for (const auto &Runner : Runners)
      for (const Finding &F : Runner->finish()) {
        if (State->Verbose)
          llvm::errs() << F.Loc.printToString(SM) << ": " << F.Message << " ["
                       << Runner->Name << "] (" << F.Notes.size() << " notes, "
                       << F.Fixes.size() << " fix-its)\n";
        FindingChecker(Context, Runner->Name, F).run();
      }
    if (!State->FactsDirectory.empty())
      checkFacts();
  }
};

class CheckingAction : public clang::ASTFrontendAction {
protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<CheckingConsumer>();
  }
};

//===----------------------------------------------------------------------===//
// Start-up: the prelude's PCH, the cc1 command line, a self-test.
//===----------------------------------------------------------------------===//

/// GeneratePCHAction, with settings that have no driver flag.
class PreludeFactory : public Factory<clang::GeneratePCHAction> {
public:
  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                     clang::FileManager *Files,
                     std::shared_ptr<clang::PCHContainerOperations> PCHOps,
                     clang::DiagnosticConsumer *Diags) override {
    clang::FrontendOptions &Opts = Invocation->getFrontendOpts();
    // Without the headers' function bodies (but those of constexpr functions
    // and of functions with deduced return types, which the types need), an
    // input's std::map<K, V>::operator[] and the like instantiate no body:
    // two thirds of the time of a test-sized input. The checks look at the
    // main file, and see the same declarations and types (and report the
    // same findings on the seed corpus).
    Opts.SkipFunctionBodies = SkipBodies;
    // The in-memory prelude has no time stamp to check.
    Opts.IncludeTimestamps = false;
    return Factory::runInvocation(std::move(Invocation), Files,
                                  std::move(PCHOps), Diags);
  }
  bool SkipBodies = true;
};

/// Precompiles the prelude into State->PCH, through a temporary directory
/// that is gone when it returns: nothing is left behind, whatever way the
/// fuzzer ends.
void buildPrelude() {
  llvm::SmallString<128> Dir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("leaklint-fuzz", Dir))
    fatal("cannot create a temporary directory: " + EC.message());
  State->PCHPath = (Dir + "/prelude.pch").str();
  std::vector<std::string> Args = commonArgs();
  // Instantiating the headers' pending templates here, once, spares every
  // input that work at the end of its translation unit: two thirds of the
  // time of a small input.
  Args.insert(Args.end(), {"-fpch-instantiate-templates", "-x", "c++-header",
                           State->PreludePath, "-o", State->PCHPath});
  PreludeFactory Generate;
  Generate.SkipBodies = !envFlag("LEAKLINT_FUZZ_HEADER_BODIES");
  ErrorCounter Errors;
  auto Files = filesWithInput("");
  bool Ok = runInvocation(Args, Generate, *Files, &Errors);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> PCH =
      llvm::MemoryBuffer::getFile(State->PCHPath);
  llvm::sys::fs::remove_directories(Dir);
  if (!Ok || !Errors.Errors.empty() || !PCH)
    fatal("cannot precompile the prelude headers: " +
          (Errors.Errors.empty() ? std::string("(no diagnostic)")
                                 : Errors.Errors.front()) +
          "\n  (set LEAKLINT_FUZZ_NO_PCH=1 to fuzz without a PCH)");
  State->PCH = std::move(*PCH);
}

/// The driver's cc1 command line for an input, made once.
std::vector<std::string> makeCC1CommandLine() {
  std::vector<std::string> Args = commonArgs();
  Args.push_back("-fsyntax-only");
  if (State->PCH)
    Args.insert(Args.end(), {"-include-pch", State->PCHPath});
  else
    Args.insert(Args.end(), {"-include", State->PreludePath});
  Args.push_back(InputName.str());
  CaptureCC1 Capture;
  ErrorCounter Errors;
  auto Files = filesWithInput("");
  if (!runInvocation(Args, Capture, *Files, &Errors) ||
      !Errors.Errors.empty() || Capture.Args.empty())
    fatal("the driver made no cc1 command line of: " + llvm::join(Args, " ") +
          (Errors.Errors.empty() ? "" : "\n  " + Errors.Errors.front()));
  std::vector<std::string> CommandLine = {"leaklint-fuzz", "-cc1"};
  CommandLine.insert(CommandLine.end(), Capture.Args.begin(),
                     Capture.Args.end());
  return CommandLine;
}

/// Parses a program that uses the prelude: no error means the PCH loads and
/// the inputs see the standard headers. A fuzzer that silently parses every
/// input into "file not found" would test nothing.
void selfTest() {
  static constexpr llvm::StringLiteral Code = R"cpp(
#include <functional>
#include <map>
#include <memory>
struct Widget {
  static std::map<int, Widget *> &registry() {
    static std::map<int, Widget *> R;
    return R;
  }
  std::function<void()> OnDone;
  std::shared_ptr<Widget> Next;
};
)cpp";
  ErrorCounter Errors;
  Factory<clang::SyntaxOnlyAction> Parse;
  auto Files = filesWithInput(Code);
  bool Ok = runInvocation(State->CC1CommandLine, Parse, *Files, &Errors);
  if (!Ok || !Errors.Errors.empty())
    fatal("the self-test program does not compile: " +
          (Errors.Errors.empty() ? std::string("(no diagnostic)")
                                 : Errors.Errors.front()) +
          "\n  cc1 command line: " + llvm::join(State->CC1CommandLine, " "));
}

} // namespace
} // namespace leaklint

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  using namespace leaklint;
  State = new FuzzState();
  State->Verbose = envFlag("LEAKLINT_FUZZ_VERBOSE");
  State->MatchSystemHeaders = envFlag("LEAKLINT_FUZZ_SYSTEM_HEADERS");
#if LLVM_VERSION_MAJOR >= 21
  // clang-tidy skips nodes in system headers unless --system-headers.
  State->FinderOptions.IgnoreSystemHeaders = !State->MatchSystemHeaders;
#endif
  // Never a file on disk: a path no run can find there.
  State->PreludePath = "/leaklint-fuzz-prelude/prelude.h";
  if (!envFlag("LEAKLINT_FUZZ_NO_FACTS")) {
    llvm::SmallString<128> Dir;
    if (std::error_code EC =
            llvm::sys::fs::createUniqueDirectory("leaklint-fuzz-facts", Dir))
      fatal("cannot create a facts directory: " + EC.message());
    State->FactsDirectory = Dir.str().str();
    // libFuzzer ends the process with exit(); the directory goes with it.
    std::atexit([] {
      if (State && !State->FactsDirectory.empty())
        llvm::sys::fs::remove_directories(State->FactsDirectory);
    });
  }
  if (!envFlag("LEAKLINT_FUZZ_NO_PCH"))
    buildPrelude();
  State->CC1CommandLine = makeCC1CommandLine();
  selfTest();
  // The default options of every check must be valid.
  clang::LangOptions CPlusPlus;
  CPlusPlus.CPlusPlus = CPlusPlus.CPlusPlus11 = CPlusPlus.CPlusPlus17 = true;
  makeRunners(CPlusPlus);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace leaklint;
  llvm::StringRef Code(reinterpret_cast<const char *>(Data), Size);
  auto Files = filesWithInput(Code);
  Factory<CheckingAction> Check;
  clang::IgnoringDiagConsumer Ignore;
  // Without a consumer of its own, the compiler prints to stderr.
  clang::DiagnosticConsumer *Diags = State->Verbose ? nullptr : &Ignore;
  // Whether the input compiles is no concern: the checks run either way.
  runInvocation(State->CC1CommandLine, Check, *Files, Diags);
  return 0;
}
