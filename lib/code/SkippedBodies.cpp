//===--- SkippedBodies.cpp - Reading bodies a host did not parse ----------===//
#include "code/SkippedBodies.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace leaklint {
namespace {

// More tokens than a body worth reading has: a setter is a handful, a
// method that empties fields a few dozen.
constexpr size_t MaxTokens = 400;

// A raw lexer over \p F's file, having just read the last token of its
// declarator. Null when the declaration is not spelled in a file (a macro
// made it).
std::unique_ptr<Lexer> lexAfterDeclarator(const FunctionDecl *F) {
  const ASTContext &Ctx = F->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  if (!F->getTypeSourceInfo())
    return nullptr;
  SourceLocation Start = F->getTypeSourceInfo()->getTypeLoc().getEndLoc();
  if (Start.isInvalid() || Start.isMacroID() || F->getLocation().isMacroID())
    return nullptr;
  auto [File, Offset] = SM.getDecomposedLoc(Start);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset >= Buffer.size())
    return nullptr;
  auto Lex = std::make_unique<Lexer>(SM.getLocForStartOfFile(File),
                                     Ctx.getLangOpts(), Buffer.begin(),
                                     Buffer.begin() + Offset, Buffer.end());
  Token Tok;
  Lex->LexFromRawLexer(Tok); // the last token of the declarator
  return Lex;
}

// Reads past qualifiers, noexcept(...), attributes and a trailing return
// type to the first of \p Kinds at bracket depth 0, into \p Tok.
bool skipTo(Lexer &Lex, Token &Tok, ArrayRef<tok::TokenKind> Kinds) {
  unsigned Parens = 0;
  for (unsigned I = 0; I < 64; ++I) {
    if (Lex.LexFromRawLexer(Tok) || Tok.is(tok::eof))
      return false;
    if (Tok.isOneOf(tok::l_paren, tok::l_square))
      ++Parens;
    else if (Tok.isOneOf(tok::r_paren, tok::r_square) && Parens)
      --Parens;
    else if (!Parens && llvm::is_contained(Kinds, Tok.getKind()))
      return true;
    else if (!Parens && Tok.isOneOf(tok::semi, tok::equal, tok::l_brace,
                                    tok::colon))
      return false;
  }
  return false;
}

// Appends the tokens up to the bracket that closes the one just read
// (\p Close), not including it. False when the text ends first, holds a
// preprocessor directive, or is longer than MaxTokens.
bool readUntilClosed(Lexer &Lex, tok::TokenKind Open, tok::TokenKind Close,
                     SmallVectorImpl<Token> &Out) {
  Token Tok;
  unsigned Depth = 1;
  while (!Lex.LexFromRawLexer(Tok) && Tok.isNot(tok::eof)) {
    if (Tok.is(Open))
      ++Depth;
    else if (Tok.is(Close) && --Depth == 0)
      return true;
    // A macro could expand to anything: such a body is not read.
    if (Tok.is(tok::hash) || Out.size() >= MaxTokens)
      return false;
    Out.push_back(Tok);
  }
  return false;
}

// Reads a constructor's initialisers, just after their `:`, to the brace
// that opens its body: the `{` that follows the `)` or `}` (or a pack's
// `...`) closing the last initialiser. Braces and parentheses inside an
// initialiser are balanced on the way.
bool skipInitializers(Lexer &Lex) {
  Token Tok, Previous;
  unsigned Depth = 0;
  for (unsigned I = 0; I < MaxTokens; ++I) {
    if (Lex.LexFromRawLexer(Tok) || Tok.isOneOf(tok::eof, tok::hash))
      return false;
    if (!Depth && Tok.is(tok::l_brace) &&
        Previous.isOneOf(tok::r_paren, tok::r_brace, tok::ellipsis))
      return true;
    if (Tok.isOneOf(tok::l_paren, tok::l_brace))
      ++Depth;
    else if (Tok.isOneOf(tok::r_paren, tok::r_brace) && Depth)
      --Depth;
    Previous = Tok;
  }
  return false;
}

// The raw tokens between the braces of \p F's skipped body (after a
// constructor's initialisers, which initializerStores() reads). None when
// the body is not in a file, has no braces where expected, or is longer
// than MaxTokens.
std::optional<SmallVector<Token, 16>> readBody(const FunctionDecl *F) {
  SmallVector<Token, 16> Out;
  std::unique_ptr<Lexer> Lex = lexAfterDeclarator(F);
  Token Tok;
  if (!Lex || !skipTo(*Lex, Tok, {tok::l_brace, tok::colon}) ||
      (Tok.is(tok::colon) &&
       (!isa<CXXConstructorDecl>(F) || !skipInitializers(*Lex))) ||
      !readUntilClosed(*Lex, tok::l_brace, tok::r_brace, Out))
    return std::nullopt;
  return Out;
}

// The body's tokens, or none when it is not read.
SmallVector<Token, 16> bodyTokens(const FunctionDecl *F) {
  return readBody(F).value_or(SmallVector<Token, 16>());
}

StringRef text(const Token &Tok) {
  return Tok.is(tok::raw_identifier) ? Tok.getRawIdentifier() : StringRef();
}

// The field of \p F's class named \p Name.
const FieldDecl *fieldNamed(const FunctionDecl *F, StringRef Name) {
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (!Method || Name.empty() || Method->isStatic())
    return nullptr;
  const CXXRecordDecl *RD = Method->getParent();
  if (!RD->hasDefinition())
    return nullptr;
  for (const FieldDecl *Field : RD->getDefinition()->fields())
    if (Field->getName() == Name)
      return Field;
  return nullptr;
}

// The parameter of \p F named \p Name.
std::optional<unsigned> paramNamed(const FunctionDecl *F, StringRef Name) {
  for (unsigned I = 0; I < F->getNumParams(); ++I)
    if (!Name.empty() && F->getParamDecl(I)->getName() == Name)
      return I;
  return std::nullopt;
}

// Reads `param`, `std::move(param)`, `move(param)` or
// `std::forward<T>(param)` from \p Toks at \p I; returns the parameter's
// name and moves \p I past it.
StringRef readArgument(ArrayRef<Token> Toks, size_t &I) {
  size_t J = I;
  if (J + 1 < Toks.size() && text(Toks[J]) == "std" &&
      Toks[J + 1].is(tok::coloncolon))
    J += 2;
  StringRef Wrapper = J < Toks.size() ? text(Toks[J]) : StringRef();
  if ((Wrapper == "move" || Wrapper == "forward") && J + 1 < Toks.size()) {
    ++J;
    if (Wrapper == "forward" && Toks[J].is(tok::less)) {
      unsigned Angles = 0;
      for (; J < Toks.size(); ++J) {
        if (Toks[J].is(tok::less))
          ++Angles;
        else if (Toks[J].is(tok::greater) && --Angles == 0)
          break;
      }
      ++J;
    }
    if (J + 2 < Toks.size() && Toks[J].is(tok::l_paren) &&
        Toks[J + 1].is(tok::raw_identifier) && Toks[J + 2].is(tok::r_paren)) {
      I = J + 3;
      return text(Toks[J + 1]);
    }
    return "";
  }
  if (I < Toks.size() && Toks[I].is(tok::raw_identifier)) {
    return text(Toks[I++]);
  }
  return "";
}

// The name at \p I is a member of another object (`other.f`, `p->f`), not
// of this one (`f`, `this->f`).
bool ofAnotherObject(ArrayRef<Token> Toks, size_t I) {
  return I > 0 && Toks[I - 1].isOneOf(tok::period, tok::arrow) &&
         !(I > 1 && Toks[I - 1].is(tok::arrow) && text(Toks[I - 2]) == "this");
}

// Skips `this->` at \p I.
void skipThis(ArrayRef<Token> Toks, size_t &I) {
  if (I + 1 < Toks.size() && text(Toks[I]) == "this" &&
      Toks[I + 1].is(tok::arrow))
    I += 2;
}

// The stores a constructor's initialisers make of its parameters:
// `field_(param)`, `field_{std::move(param)}`; other initialisers are
// passed over (a store missed is a leak not reported, never a false one).
SmallVector<SkippedStore, 2> initializerStores(const FunctionDecl *F) {
  SmallVector<SkippedStore, 2> Out;
  std::unique_ptr<Lexer> Lex = lexAfterDeclarator(F);
  Token Tok;
  if (!Lex || !skipTo(*Lex, Tok, {tok::colon}))
    return Out;
  for (unsigned Item = 0; Item < 64; ++Item) {
    Token Name, Open;
    if (Lex->LexFromRawLexer(Name) || Name.isNot(tok::raw_identifier) ||
        Lex->LexFromRawLexer(Open) || !Open.isOneOf(tok::l_paren, tok::l_brace))
      return Out; // a base class, a template, a pack: stop reading
    bool Paren = Open.is(tok::l_paren);
    SmallVector<Token, 8> Arg;
    if (!readUntilClosed(*Lex, Paren ? tok::l_paren : tok::l_brace,
                         Paren ? tok::r_paren : tok::r_brace, Arg))
      return Out;
    size_t I = 0;
    StringRef Param = readArgument(Arg, I);
    const FieldDecl *Field = fieldNamed(F, text(Name));
    if (std::optional<unsigned> Index = paramNamed(F, Param);
        Field && Index && I == Arg.size())
      Out.push_back({*Index, Field, Arg.front().getLocation()});
    if (Lex->LexFromRawLexer(Tok) || Tok.isNot(tok::comma))
      return Out; // the body's brace, or something not read
  }
  return Out;
}

} // namespace

bool isPartialTraversal(const ASTContext &Ctx) {
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  return !(Scope.size() == 1 && isa<TranslationUnitDecl>(Scope.front()));
}

const FunctionDecl *skippedDefinition(const FunctionDecl *F) {
  for (const FunctionDecl *R : F->redecls())
    if (R->hasSkippedBody())
      return R;
  return nullptr;
}

SmallVector<const FunctionDecl *, 8> skippedMembers(const CXXRecordDecl *RD) {
  SmallVector<const FunctionDecl *, 8> Out;
  if (RD && RD->hasDefinition())
    for (const CXXMethodDecl *M : RD->getDefinition()->methods())
      if (const FunctionDecl *Skipped = skippedDefinition(M))
        Out.push_back(Skipped);
  return Out;
}

SmallVector<SkippedStore, 2>
storesOfSkippedBody(const FunctionDecl *F,
                    llvm::function_ref<bool(StringRef)> IsGrowthMethod) {
  F = skippedDefinition(F);
  if (!F)
    return {};
  if (isa<CXXConstructorDecl>(F))
    return initializerStores(F);
  SmallVector<Token, 16> Body = bodyTokens(F);
  ArrayRef<Token> Toks = Body;
  size_t I = 0;
  skipThis(Toks, I);
  if (I >= Toks.size() || Toks[I].isNot(tok::raw_identifier))
    return {};
  const FieldDecl *Field = fieldNamed(F, text(Toks[I]));
  ++I;
  // Notes point at the stored value, as for a parsed body.
  SourceLocation Where;
  StringRef Param;
  if (I + 1 < Toks.size() && Toks[I].is(tok::equal)) {
    Where = Toks[++I].getLocation();
    Param = readArgument(Toks, I);
  } else if (I + 3 < Toks.size() && Toks[I].is(tok::period) &&
             IsGrowthMethod(text(Toks[I + 1])) &&
             Toks[I + 2].is(tok::l_paren)) {
    I += 3;
    Where = Toks[I].getLocation();
    Param = readArgument(Toks, I);
    if (I >= Toks.size() || Toks[I].isNot(tok::r_paren))
      return {};
    ++I;
  }
  std::optional<unsigned> Index = paramNamed(F, Param);
  // Exactly one statement: anything after it is not read.
  if (!Field || !Index || I + 1 != Toks.size() || Toks[I].isNot(tok::semi))
    return {};
  return {SkippedStore{*Index, Field, Where}};
}

SmallVector<SkippedEmptying, 2>
emptyingsOfSkippedBody(const FunctionDecl *F,
                       llvm::function_ref<bool(StringRef)> IsEmptyingMethod) {
  SmallVector<SkippedEmptying, 2> Out;
  F = skippedDefinition(F);
  // What a constructor empties, it empties before anyone stores.
  if (!F || isa<CXXConstructorDecl>(F))
    return Out;
  SmallVector<Token, 16> Body = bodyTokens(F);
  ArrayRef<Token> Toks = Body;
  for (size_t I = 0; I < Toks.size(); ++I) {
    StringRef Name = text(Toks[I]);
    // `exchange(field, ...)`, `swap(field, ...)`, `std::` or not.
    if ((Name == "exchange" || Name == "swap") && I + 2 < Toks.size() &&
        Toks[I + 1].is(tok::l_paren)) {
      size_t J = I + 2;
      skipThis(Toks, J);
      if (J < Toks.size())
        if (const FieldDecl *Field = fieldNamed(F, text(Toks[J])))
          Out.push_back({Field, Toks[J].getLocation(), ""});
      continue;
    }
    const FieldDecl *Field =
        ofAnotherObject(Toks, I) ? nullptr : fieldNamed(F, Name);
    if (!Field || I + 2 >= Toks.size())
      continue;
    const Token &Next = Toks[I + 1], &After = Toks[I + 2];
    if (Next.is(tok::equal) &&
        (text(After) == "nullptr" || text(After) == "NULL" ||
         (After.is(tok::l_brace) && I + 3 < Toks.size() &&
          Toks[I + 3].is(tok::r_brace))))
      Out.push_back({Field, Toks[I].getLocation(), ""});
    else if (Next.isOneOf(tok::period, tok::arrow) &&
             IsEmptyingMethod(text(After)) && I + 3 < Toks.size() &&
             Toks[I + 3].is(tok::l_paren))
      Out.push_back({Field, Toks[I].getLocation(), text(After)});
  }
  return Out;
}

std::optional<SmallVector<StringRef, 4>>
staticHandedOutBySkippedBody(const FunctionDecl *F) {
  F = skippedDefinition(F);
  std::optional<SmallVector<Token, 16>> Body;
  if (!F || !(Body = readBody(F)))
    return std::nullopt;
  ArrayRef<Token> Toks = *Body;
  if (Toks.empty() || text(Toks[0]) != "static")
    return std::nullopt;
  // The declaration: to its `;` at bracket depth 0; its name is the last
  // identifier before its initialiser.
  size_t Semi = 0, NameAt = 0;
  unsigned Depth = 0;
  bool InInit = false;
  for (size_t I = 1; I < Toks.size() && !Semi; ++I) {
    const Token &Tok = Toks[I];
    if (!Depth && Tok.is(tok::semi))
      Semi = I;
    else if (Tok.isOneOf(tok::l_paren, tok::l_brace, tok::l_square))
      InInit |= Depth++ == 0 && !Tok.is(tok::l_square);
    else if (Tok.isOneOf(tok::r_paren, tok::r_brace, tok::r_square) && Depth)
      --Depth;
    else if (!Depth && Tok.is(tok::equal))
      InInit = true;
    else if (!InInit && !Depth && Tok.is(tok::raw_identifier))
      NameAt = I;
  }
  // Then exactly `return name;`, `return *name;` or `return &name;`.
  size_t I = Semi + 1;
  if (!Semi || !NameAt || I >= Toks.size() || text(Toks[I]) != "return")
    return std::nullopt;
  if (++I < Toks.size() && Toks[I].isOneOf(tok::star, tok::amp))
    ++I;
  if (I + 2 != Toks.size() || text(Toks[I]) != text(Toks[NameAt]) ||
      Toks[I + 1].isNot(tok::semi))
    return std::nullopt;
  SmallVector<StringRef, 4> Names;
  for (size_t J = 1; J < Semi; ++J)
    if (J != NameAt && Toks[J].is(tok::raw_identifier))
      Names.push_back(text(Toks[J]));
  // One object per thread is not one per program.
  if (llvm::is_contained(Names, "thread_local"))
    return std::nullopt;
  return Names;
}

bool skippedBodyMayName(const FunctionDecl *F, StringRef Name) {
  F = skippedDefinition(F);
  if (!F)
    return false;
  std::optional<SmallVector<Token, 16>> Body = readBody(F);
  if (!Body)
    return true;
  ArrayRef<Token> Toks = *Body;
  for (size_t I = 0; I < Toks.size(); ++I)
    if (text(Toks[I]) == Name && !ofAnotherObject(Toks, I))
      return true;
  return false;
}

} // namespace leaklint
