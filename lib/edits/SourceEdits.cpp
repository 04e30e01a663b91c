//===--- SourceEdits.cpp - Safe building blocks for fix-its ---------------===//
#include "SourceEdits.h"
#include "Compat.h"
#include "clang/Basic/IdentifierTable.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace leaklint {

bool isEditable(SourceRange R, const SourceManager &SM) {
  if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return false;
  FileID File = SM.getFileID(R.getBegin());
  return File == SM.getFileID(R.getEnd()) && SM.getFileEntryRefForID(File) &&
         !SM.isInSystemHeader(R.getBegin());
}

std::optional<StringRef> sourceText(SourceRange R, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!isEditable(R, SM))
    return std::nullopt;
  bool Invalid = false;
  StringRef Text = Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM,
                                        Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return std::nullopt;
  return Text;
}

std::optional<FixItHint> removeStatement(SourceRange R, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!isEditable(R, SM))
    return std::nullopt;
  SourceLocation End =
      Lexer::getLocForEndOfToken(R.getEnd(), 0, SM, Ctx.getLangOpts());
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(SM.getFileID(R.getBegin()), &Invalid);
  if (Invalid || End.isInvalid())
    return std::nullopt;
  unsigned Begin = SM.getFileOffset(R.getBegin());
  unsigned Stop = SM.getFileOffset(End);
  unsigned LineStart = Begin;
  while (LineStart > 0 &&
         (Buffer[LineStart - 1] == ' ' || Buffer[LineStart - 1] == '\t'))
    --LineStart;
  unsigned LineEnd = Stop;
  while (LineEnd < Buffer.size() &&
         (Buffer[LineEnd] == ' ' || Buffer[LineEnd] == '\t'))
    ++LineEnd;
  bool AloneOnLine = (LineStart == 0 || Buffer[LineStart - 1] == '\n') &&
                     (LineEnd == Buffer.size() || Buffer[LineEnd] == '\n');
  if (AloneOnLine && LineStart > 0) {
    // Take the line with the newline that ends the line before it. Taking the
    // line's own newline instead would leave the next line's indentation
    // adjacent to the removal, and clang's edit merger then also eats one
    // character of that indentation.
    Begin = LineStart - 1;
    Stop = LineEnd;
  }
  SourceLocation FileStart =
      SM.getLocForStartOfFile(SM.getFileID(R.getBegin()));
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(
      FileStart.getLocWithOffset(static_cast<int>(Begin)),
      FileStart.getLocWithOffset(static_cast<int>(Stop))));
}

SmallVector<FixItHint, 2> removeStorageKeywords(SourceLocation Begin,
                                                SourceLocation NameLoc,
                                                const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SmallVector<FixItHint, 2> Fixes;
  if (!isEditable(SourceRange(Begin, NameLoc), SM))
    return Fixes;
  SourceLocation Loc = Begin;
  while (Loc.isValid() && SM.isBeforeInTranslationUnit(Loc, NameLoc)) {
    Token Tok;
    if (Lexer::getRawToken(Loc, Tok, SM, Ctx.getLangOpts(),
                           /*IgnoreWhiteSpace=*/true))
      break;
    SourceLocation Next =
        Lexer::getLocForEndOfToken(Tok.getLocation(), 0, SM, Ctx.getLangOpts());
    if (Tok.is(tok::raw_identifier) &&
        (Tok.getRawIdentifier() == "static" ||
         Tok.getRawIdentifier() == "thread_local")) {
      // Take the white space after the keyword too: `static int x` -> `int x`.
      SourceLocation After = Next;
      const char *P = SM.getCharacterData(After);
      unsigned Skip = 0;
      while (P[Skip] == ' ' || P[Skip] == '\t')
        ++Skip;
      Fixes.push_back(FixItHint::CreateRemoval(CharSourceRange::getCharRange(
          Tok.getLocation(), After.getLocWithOffset(static_cast<int>(Skip)))));
    }
    if (Next == Loc)
      break;
    Loc = Next;
  }
  return Fixes;
}

std::string indentationAt(SourceLocation Loc, const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  bool Invalid = false;
  unsigned Column = SM.getSpellingColumnNumber(Loc, &Invalid);
  if (Invalid || Column <= 1)
    return "";
  const char *Start = SM.getCharacterData(Loc) - (Column - 1);
  std::string Indent;
  for (const char *P = Start; *P == ' ' || *P == '\t'; ++P)
    Indent += *P;
  return Indent;
}

std::string unusedIdentifier(StringRef Base, ASTContext &Ctx) {
  std::string Name = Base.str();
  do
    Name += '_';
  while (Ctx.Idents.find(Name) != Ctx.Idents.end());
  return Name;
}

} // namespace leaklint
