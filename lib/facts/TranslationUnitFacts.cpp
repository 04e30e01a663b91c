//===--- TranslationUnitFacts.cpp - What a facts file says about its TU ---===//
#include "facts/TranslationUnitFacts.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace leaklint::facts {

namespace {

// \p Name made absolute. `..` is kept unless \p Lexically: across a
// symbolic link (clang's own include paths have them) dropping it names
// another file. Main files are normalised as compilation databases are.
std::string absolutePath(llvm::StringRef Name, bool Lexically = false) {
  llvm::SmallString<256> Path(Name);
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, Lexically);
  return std::string(Path);
}

} // namespace

std::string compileDigest(const clang::Preprocessor &PP) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  const clang::LangOptions &LO = PP.getLangOpts();
  OS << "std=" << static_cast<unsigned>(LO.LangStd) << "\n";
  OS << "target=" << PP.getTargetInfo().getTriple().str() << "\n";
  for (const auto &[Macro, IsUndef] : PP.getPreprocessorOpts().Macros)
    OS << (IsUndef ? "U" : "D") << Macro << "\n";
  for (const std::string &Include : PP.getPreprocessorOpts().Includes)
    OS << "include=" << Include << "\n";
  const clang::HeaderSearchOptions &HS =
      PP.getHeaderSearchInfo().getHeaderSearchOpts();
  OS << "sysroot=" << HS.Sysroot << "\n";
  for (const auto &Entry : HS.UserEntries)
    OS << "I" << static_cast<unsigned>(Entry.Group) << "=" << Entry.Path
       << "\n";
  return digest(Text);
}

FactsHeader translationUnitHeader(llvm::StringRef Check,
                                  const clang::SourceManager &SM,
                                  llvm::StringRef CompileDigest) {
  // Every check that writes facts asks for the same TU's header at its end;
  // the inputs are hashed for the first and reused for the others. The key
  // tells TUs apart even if a later SourceManager reuses the address.
  struct Key {
    const clang::SourceManager *SM = nullptr;
    clang::FileID Main;
    size_t Files = 0, Bytes = 0;
    std::string CompileDigest;
    bool operator==(const Key &O) const {
      return SM == O.SM && Main == O.Main && Files == O.Files &&
             Bytes == O.Bytes && CompileDigest == O.CompileDigest;
    }
  };
  Key K{&SM, SM.getMainFileID(), 0, 0, CompileDigest.str()};
  std::vector<std::pair<llvm::StringRef, llvm::MemoryBufferRef>> Loaded;
  for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End;
       ++It)
    if (std::optional<llvm::MemoryBufferRef> Buffer =
            It->second->getBufferIfLoaded()) {
      Loaded.push_back({It->first.getName(), *Buffer});
      ++K.Files;
      K.Bytes += Buffer->getBufferSize();
    }
  static thread_local std::optional<std::pair<Key, FactsHeader>> Last;
  if (Last && Last->first == K) {
    FactsHeader Header = Last->second;
    Header.Check = Check.str();
    return Header;
  }

  FactsHeader Header;
  Header.Check = Check.str();
  Header.CompileDigest = CompileDigest.str();
  if (clang::OptionalFileEntryRef Main =
          SM.getFileEntryRefForID(SM.getMainFileID()))
    Header.MainFile = absolutePath(Main->getName(), /*Lexically=*/true);
  // Every file the TU read, with a hash of what it read: a later run may
  // reuse these facts while none of them changed.
  for (const auto &[Name, Buffer] : Loaded)
    Header.Inputs.push_back({absolutePath(Name), digest(Buffer.getBuffer())});
  llvm::sort(Header.Inputs, [](const InputFile &A, const InputFile &B) {
    return A.File < B.File;
  });
  Last.emplace(std::move(K), Header);
  return Header;
}

SourcePoint sourcePoint(clang::SourceLocation Loc,
                        const clang::SourceManager &SM) {
  SourcePoint P;
  if (Loc.isInvalid())
    return P;
  clang::SourceLocation File = SM.getFileLoc(Loc);
  auto Decomposed = SM.getDecomposedLoc(File);
  clang::OptionalFileEntryRef Entry =
      SM.getFileEntryRefForID(Decomposed.first);
  if (!Entry)
    return P;
  P.File = absolutePath(Entry->getName());
  P.Offset = Decomposed.second;
  P.Line = SM.getLineNumber(Decomposed.first, Decomposed.second);
  P.Column = SM.getColumnNumber(Decomposed.first, Decomposed.second);
  return P;
}

std::string crossTUName(const clang::Decl *D) {
  llvm::SmallString<128> USR;
  if (!D || clang::index::generateUSRForDecl(D, USR))
    return "";
  return std::string(USR);
}

WholeProgramFinding wholeProgramFinding(llvm::StringRef Check,
                                        const Finding &F,
                                        const clang::SourceManager &SM) {
  WholeProgramFinding Out;
  Out.Check = Check.str();
  Out.Point = sourcePoint(F.Loc, SM);
  Out.Message = F.Message;
  for (const FindingNote &N : F.Notes)
    Out.Notes.push_back({sourcePoint(N.Loc, SM), N.Message});
  return Out;
}

void writeTranslationUnitFacts(llvm::StringRef Directory, llvm::StringRef Check,
                               const clang::SourceManager &SM,
                               const clang::Preprocessor *PP,
                               llvm::json::Value Facts) {
  FactsHeader Header =
      translationUnitHeader(Check, SM, PP ? compileDigest(*PP) : "");
  if (llvm::Error E = writeFactsFile(Directory, Header,
                                     std::move(*Facts.getAsObject())))
    llvm::errs() << "leaklint: error: " << llvm::toString(std::move(E))
                 << "\n";
}

} // namespace leaklint::facts
