//===--- SarifReport.cpp - clang-tidy's exported diagnostics as SARIF -----===//
#include "SarifReport.h"
#include "CheckCatalog.h"
#include "Compat.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/Sarif.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

namespace leaklint {
namespace {

// clang-tidy's own documentation: checks/<module>/<rest>.html.
std::string upstreamHelpURI(llvm::StringRef Check) {
  if (Check.starts_with("clang-diagnostic-"))
    return "";
  llvm::StringRef Module = Check.starts_with("clang-analyzer-")
                               ? "clang-analyzer"
                               : Check.split('-').first;
  return ("https://clang.llvm.org/extra/clang-tidy/checks/" + Module + "/" +
          Check.drop_front(Module.size() + 1) + ".html")
      .str();
}

// An absolute path as a file:// URI, percent-encoding what RFC 3986 reserves.
std::string fileURI(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  std::string URI = "file://";
  for (char C : Absolute) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      URI += C;
    else
      URI += llvm::formatv("%{0:X-2}", static_cast<unsigned char>(C)).str();
  }
  return URI;
}

// clang-tidy records paths as the compile command spelt them, relative to
// the command's directory.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef BuildDir) {
  if (llvm::sys::path::is_absolute(Path) || BuildDir.empty())
    return Path.str();
  llvm::SmallString<256> Joined(BuildDir);
  llvm::sys::path::append(Joined, Path);
  return std::string(Joined);
}

/// Files from disk, offsets turned into locations, lines and columns.
class SourceFiles {
public:
  SourceFiles()
      : Files(clang::FileSystemOptions()), SM(Diags.engine(), Files) {}

  clang::SourceManager &sourceManager() { return SM; }

  /// The location \p Offset bytes into \p Path, if the file has that many.
  std::optional<clang::SourceLocation> locate(llvm::StringRef Path,
                                              unsigned Offset) {
    auto [It, New] = IDs.try_emplace(Path);
    if (New) {
      if (auto File = Files.getOptionalFileRef(Path))
        It->second = SM.getOrCreateFileID(*File, clang::SrcMgr::C_User);
    }
    if (It->second.isInvalid() || Offset > SM.getBufferData(It->second).size())
      return std::nullopt;
    return SM.getComposedLoc(It->second, Offset);
  }

  /// The token at \p Loc, as the character range SARIF regions need.
  clang::CharSourceRange tokenRange(clang::SourceLocation Loc) {
    unsigned Length = clang::Lexer::MeasureTokenLength(Loc, SM, LangOpts);
    return clang::CharSourceRange::getCharRange(
        Loc, Loc.getLocWithOffset(std::max(Length, 1u)));
  }

  /// A SARIF region: 1-based lines, columns in Unicode code points like
  /// clang's writer (its run declares columnKind "unicodeCodePoints").
  llvm::json::Object region(clang::SourceLocation Begin,
                            clang::SourceLocation End) {
    return llvm::json::Object{{"startLine", SM.getSpellingLineNumber(Begin)},
                              {"startColumn", codePointColumn(Begin)},
                              {"endLine", SM.getSpellingLineNumber(End)},
                              {"endColumn", codePointColumn(End)}};
  }

private:
  unsigned codePointColumn(clang::SourceLocation Loc) {
    auto [File, Offset] = SM.getDecomposedLoc(Loc);
    llvm::StringRef Before = SM.getBufferData(File).take_front(Offset);
    Before = Before.drop_front(Before.rfind('\n') + 1);
    return 1 + llvm::count_if(Before, [](char C) {
             return (static_cast<unsigned char>(C) & 0xC0) != 0x80;
           });
  }

  clang::FileManager Files;
  compat::OwnedDiagnostics Diags;
  clang::SourceManager SM;
  clang::LangOptions LangOpts;
  llvm::StringMap<clang::FileID> IDs;
};

clang::SarifResultLevel level(clang::tooling::Diagnostic::Level L) {
  switch (L) {
  case clang::tooling::Diagnostic::Error:
    return clang::SarifResultLevel::Error;
  case clang::tooling::Diagnostic::Warning:
    return clang::SarifResultLevel::Warning;
  default:
    return clang::SarifResultLevel::Note;
  }
}

} // namespace

llvm::json::Object
sarifLog(const std::vector<clang::tooling::Diagnostic> &Diagnostics,
         const SarifOptions &Options, std::vector<std::string> &Errors) {
  SourceFiles Sources;
  clang::SarifDocumentWriter Writer(Sources.sourceManager());
  Writer.createRun("leaklint", "leaklint (clang-tidy diagnostics)",
                   LEAKLINT_VERSION);

  // What clang's writer has no field for is added to its output afterwards:
  // rule summaries and help, notes as related locations with their text, and
  // fixes. One entry per result, in the order of the results.
  llvm::StringMap<size_t> RuleIndex;
  std::vector<llvm::json::Object> RuleExtras;
  std::vector<llvm::json::Object> ResultExtras;
  llvm::StringSet<> Seen;

  for (const clang::tooling::Diagnostic &D : Diagnostics) {
    const auto &M = D.Message;
    auto Path = [&](llvm::StringRef P) {
      return absolutePath(P, D.BuildDirectory);
    };
    const std::string File = Path(M.FilePath);
    std::string Key = D.DiagnosticName + "\n" + File + "\n" +
                      std::to_string(M.FileOffset) + "\n" + M.Message;
    if (!Seen.insert(Key).second)
      continue;
    std::optional<clang::SourceLocation> Loc =
        Sources.locate(File, M.FileOffset);
    if (!Loc) {
      Errors.push_back("cannot read '" + M.FilePath + "' at offset " +
                       std::to_string(M.FileOffset) + " for a " +
                       D.DiagnosticName + " diagnostic; left out");
      continue;
    }

    auto [Rule, NewRule] = RuleIndex.try_emplace(D.DiagnosticName);
    if (NewRule) {
      llvm::StringRef Summary;
      std::string Help = upstreamHelpURI(D.DiagnosticName);
      for (const CheckInfo &Check : checkCatalog())
        if (Check.Name == D.DiagnosticName) {
          Summary = Check.Summary;
          Help = Options.DocsURL + "/" + Check.Name.str() + ".md";
        }
      if (Summary.empty())
        Summary = D.DiagnosticName;
      Rule->second = Writer.createRule(clang::SarifRule::create()
                                           .setRuleId(D.DiagnosticName)
                                           .setName(D.DiagnosticName)
                                           .setDescription(Summary)
                                           .setHelpURI(Help));
      std::string HelpText = Summary.str();
      if (!Help.empty())
        HelpText += " (see " + Help + ")";
      RuleExtras.push_back(llvm::json::Object{
          {"shortDescription", llvm::json::Object{{"text", Summary}}},
          {"help", llvm::json::Object{{"text", HelpText}}}});
    }

    clang::SarifResult Result = clang::SarifResult::create(Rule->second)
                                    .setRuleId(D.DiagnosticName)
                                    .setDiagnosticMessage(M.Message)
                                    .setDiagnosticLevel(level(D.DiagLevel));
    Writer.appendResult(
        compat::addSarifLocations(Result, {Sources.tokenRange(*Loc)}));

    llvm::json::Array Related;
    for (const clang::tooling::DiagnosticMessage &Note : D.Notes) {
      const std::string NoteFile = Path(Note.FilePath);
      std::optional<clang::SourceLocation> NoteLoc =
          Sources.locate(NoteFile, Note.FileOffset);
      if (!NoteLoc)
        continue;
      clang::CharSourceRange R = Sources.tokenRange(*NoteLoc);
      Related.push_back(llvm::json::Object{
          {"id", static_cast<int64_t>(Related.size())},
          {"message", llvm::json::Object{{"text", Note.Message}}},
          {"physicalLocation",
           llvm::json::Object{
               {"artifactLocation",
                llvm::json::Object{{"uri", fileURI(NoteFile)}}},
               {"region", Sources.region(R.getBegin(), R.getEnd())}}}});
    }

    llvm::json::Array Changes;
    for (const auto &FileFix : M.Fix) {
      const std::string FixFile = Path(FileFix.first());
      llvm::json::Array Replacements;
      for (const clang::tooling::Replacement &Rep : FileFix.second) {
        auto Begin = Sources.locate(FixFile, Rep.getOffset());
        auto End = Sources.locate(FixFile, Rep.getOffset() + Rep.getLength());
        if (!Begin || !End)
          continue;
        Replacements.push_back(llvm::json::Object{
            {"deletedRegion", Sources.region(*Begin, *End)},
            {"insertedContent",
             llvm::json::Object{{"text", Rep.getReplacementText()}}}});
      }
      if (!Replacements.empty())
        Changes.push_back(llvm::json::Object{
            {"artifactLocation", llvm::json::Object{{"uri", fileURI(FixFile)}}},
            {"replacements", std::move(Replacements)}});
    }

    llvm::json::Object Extra;
    if (!Related.empty())
      Extra["relatedLocations"] = std::move(Related);
    if (!Changes.empty())
      Extra["fixes"] = llvm::json::Array{llvm::json::Object{
          {"description", llvm::json::Object{{"text", "apply the fix-it of " +
                                                          D.DiagnosticName}}},
          {"artifactChanges", std::move(Changes)}}};
    ResultExtras.push_back(std::move(Extra));
  }

  llvm::json::Object Log = Writer.createDocument();
  auto *Run = Log.getArray("runs")->front().getAsObject();
  auto Merge = [](llvm::json::Array *Into,
                  std::vector<llvm::json::Object> &From) {
    for (size_t I = 0; Into && I < Into->size() && I < From.size(); ++I)
      for (auto &Field : From[I])
        (*(*Into)[I].getAsObject())[Field.first] = std::move(Field.second);
  };
  llvm::json::Object *Driver = Run->getObject("tool")->getObject("driver");
  (*Driver)["informationUri"] = Options.DocsURL; // not clang's manual
  Merge(Driver->getArray("rules"), RuleExtras);
  Merge(Run->getArray("results"), ResultExtras);
  return Log;
}

} // namespace leaklint
