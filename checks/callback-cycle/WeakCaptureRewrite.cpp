//===--- WeakCaptureRewrite.cpp - Capture a weak_ptr and lock it ----------===//
#include "WeakCaptureRewrite.h"
#include "code/LibraryFunctions.h"
#include "Compat.h"
#include "Finding.h"
#include "code/Returns.h"
#include "code/Temporaries.h"
#include "edits/SourceEdits.h"
#include "ownership/ContainerTypes.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace leaklint {
namespace {

bool returnsVoid(const LambdaExpr *L) {
  const CXXMethodDecl *Call = L->getCallOperator();
  if (!Call)
    return false;
  QualType R = Call->getReturnType();
  if (R->isVoidType())
    return true;
  if (L->hasExplicitResultType())
    return false;
  // A generic lambda's return type is deduced per call: read the body.
  const AutoType *Auto = R->getContainedAutoType();
  if (!R->isDependentType() && (!Auto || Auto->isDeduced()))
    return false;
  return llvm::none_of(returnsOf(L->getBody()), [](const ReturnStmt *Return) {
    return Return->getRetValue() != nullptr;
  });
}

// The edits are made to the template's source: spelled types would be the
// instantiation's.
bool inTemplateInstantiation(const DeclContext *DC) {
  for (; DC; DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      if (FD->isTemplateInstantiation() ||
          FD->getTemplateInstantiationPattern())
        return true;
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
      if (!RD->isLambda() && RD->getTemplateInstantiationPattern())
        return true;
  }
  return false;
}

// `shared_from_this()` of std::enable_shared_from_this, when it also has
// weak_from_this() (C++17 libraries): the member call, else null.
const CXXMemberCallExpr *renamableSharedFromThis(const Expr *Init,
                                                 ASTContext &Ctx) {
  // The copy or move of the returned shared_ptr into the capture.
  for (unsigned Depth = 0; Init && Depth < 8; ++Depth) {
    Init = ignoreTemporaries(Init);
    const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
    if (!Construct || Construct->getNumArgs() != 1)
      break;
    Init = Construct->getArg(0);
  }
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Init);
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  if (!M || !M->getDeclName().isIdentifier() ||
      M->getName() != "shared_from_this" ||
      !M->getParent()->isInStdNamespace() ||
      M->getParent()->lookup(&Ctx.Idents.get("weak_from_this")).empty())
    return nullptr;
  return isa<MemberExpr>(Call->getCallee()->IgnoreParens()) ? Call : nullptr;
}

// A name no token of the translation unit uses, `Base` itself if it can.
std::string freshName(StringRef Base, ASTContext &Ctx) {
  if (Ctx.Idents.find(Base) == Ctx.Idents.end())
    return Base.str();
  return unusedIdentifier(Base, Ctx);
}

// What goes after `{`: the lock and the early return.
std::string lockStatements(const CompoundStmt *Body, StringRef Name,
                           StringRef Weak, const SourceManager &SM) {
  std::string Lock = ("auto " + Name + " = " + Weak + ".lock();").str();
  std::string Check = ("if (!" + Name + ")").str();
  SourceLocation LBrace = Body->getLBracLoc();
  SourceLocation Next = Body->body_empty() ? Body->getRBracLoc()
                                           : Body->body_front()->getBeginLoc();
  if (SM.getSpellingLineNumber(Next) == SM.getSpellingLineNumber(LBrace)) {
    std::string Text = " " + Lock + " " + Check + " return;";
    if (Body->body_empty() && Next == LBrace.getLocWithOffset(1))
      Text += " ";
    return Text;
  }
  std::string Indent = Body->body_empty() ? indentationAt(LBrace, SM) + "  "
                                          : indentationAt(Next, SM);
  return "\n" + Indent + Lock + "\n" + Indent + Check + "\n" + Indent +
         "  return;";
}

// `[weak_self = weak_from_this()] { if (auto self = weak_self.lock())
// self->poll(); }` for `std::bind(&T::poll, shared_from_this())`; empty
// for binds with more arguments.
std::string lambdaForBind(const CallExpr *Bind, StringRef Capture,
                          StringRef Name, StringRef Weak) {
  if (Bind->getNumArgs() != 2 || Capture.empty())
    return "";
  const auto *AddrOf =
      dyn_cast<UnaryOperator>(Bind->getArg(0)->IgnoreParenImpCasts());
  const auto *Ref = AddrOf && AddrOf->getOpcode() == UO_AddrOf
                        ? dyn_cast<DeclRefExpr>(AddrOf->getSubExpr())
                        : nullptr;
  const auto *Method = Ref ? dyn_cast<CXXMethodDecl>(Ref->getDecl()) : nullptr;
  if (!Method || Method->getNumParams() != 0 ||
      !Method->getDeclName().isIdentifier())
    return "";
  return ("[" + Capture + "] { if (auto " + Name + " = " + Weak + ".lock()) " +
          Name + "->" + Method->getName() + "(); }")
      .str();
}

} // namespace

std::string WeakCaptureRewrite::advice() const {
  if (Bind) {
    std::string Text = "bind a lambda that locks a std::weak_ptr instead";
    if (!Suggestion.empty())
      Text += ": " + quoted(Suggestion);
    return Text + " (no fix-it for a bound argument)";
  }
  if (Capture.empty())
    return "capture a std::weak_ptr and lock it instead (no fix-it: " + WhyNot +
           ")";
  std::string Text = "capture " + quoted(Capture) + " and lock it instead";
  if (Fixes.empty())
    Text += ": " + quoted(Suggestion) + " (no fix-it: " + WhyNot + ")";
  return Text;
}

WeakCaptureRewrite planWeakCapture(const CallableOwner &Owner,
                                   const ReassignedSet &R,
                                   ASTContext &Ctx) {
  WeakCaptureRewrite Plan;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const LambdaExpr *L = Owner.lambda();
  bool IsBind = Owner.Kind == CallableOwner::BoundArgument;
  StringRef Name = Owner.Var ? Owner.Var->getName() : StringRef("self");
  std::string Weak = freshName(("weak_" + Name).str(), Ctx);
  QualType SharedType = IsBind ? Owner.Bound->IgnoreParenImpCasts()->getType()
                               : Owner.Var->getType();
  const auto *Shared = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      SharedType.getNonReferenceType()->getAsCXXRecordDecl());
  // boost::shared_ptr and configured owners have other weak types.
  bool IsStdShared = Shared && qualifiedName(Shared) == "std::shared_ptr";
  bool InTemplate =
      inTemplateInstantiation(IsBind ? nullptr : Owner.Var->getDeclContext());

  // std::weak_ptr<T>(From), spelled so it compiles where the callback is.
  auto MakeWeak = [&](StringRef From) -> std::optional<std::string> {
    if (LO.CPlusPlus17)
      return ("std::weak_ptr(" + From + ")").str();
    if (InTemplate || Shared->getTemplateArgs().size() < 1 ||
        Shared->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return std::nullopt;
    QualType T = Shared->getTemplateArgs()[0].getAsType();
    const CXXRecordDecl *Pointee = T->getAsCXXRecordDecl();
    if (Pointee && (Pointee->isLocalClass() || !Pointee->getIdentifier()))
      return std::nullopt;
    PrintingPolicy Policy(LO);
    Policy.SuppressUnwrittenScope = true;
    return "std::weak_ptr<" + TypeName::getFullyQualifiedName(T, Ctx, Policy) +
           ">(" + From.str() + ")";
  };

  // The weak capture: `weak_self = weak_from_this()` where the library has
  // it, else a std::weak_ptr made from what was captured.
  const Expr *From = IsBind ? movedFrom(Owner.Bound)
                     : Owner.Kind == CallableOwner::InitCapture
                         ? Owner.Var->getInit()
                         : nullptr;
  const CXXMemberCallExpr *Rename =
      From && LO.CPlusPlus17 ? renamableSharedFromThis(From, Ctx) : nullptr;
  std::optional<StringRef> FromText =
      From ? sourceText(From->getSourceRange(), Ctx) : std::optional(Name);
  std::optional<std::string> WeakInit;
  // `weak_from_this().lock()`, `w.lock()`: the weak reference is already
  // there; capture it instead of locking and weakening again.
  const auto *Lock = From ? dyn_cast<CXXMemberCallExpr>(
                                From->IgnoreParenImpCasts()->IgnoreImplicit())
                          : nullptr;
  if (Lock && Lock->getMethodDecl() &&
      Lock->getMethodDecl()->getDeclName().isIdentifier() &&
      Lock->getMethodDecl()->getName() == "lock" &&
      Lock->getImplicitObjectArgument() &&
      Lock->getImplicitObjectArgument()->getType()->getAsCXXRecordDecl() &&
      qualifiedName(Lock->getImplicitObjectArgument()
                        ->getType()
                        ->getAsCXXRecordDecl()) == "std::weak_ptr")
    if (std::optional<StringRef> WeakText = sourceText(
            Lock->getImplicitObjectArgument()->getSourceRange(), Ctx)) {
      WeakInit = WeakText->str();
      Rename = nullptr;
    }
  if (!WeakInit && IsStdShared && FromText) {
    size_t At = FromText->rfind("shared_from_this");
    if (Rename && At != StringRef::npos) {
      std::string Text = FromText->str();
      Text.replace(At, strlen("shared_from_this"), "weak_from_this");
      WeakInit = Text;
    } else {
      Rename = nullptr;
      WeakInit = MakeWeak(*FromText);
    }
  }
  if (WeakInit && LO.CPlusPlus14)
    Plan.Capture = Weak + " = " + *WeakInit;

  if (IsBind) {
    Plan.Bind = true;
    Plan.Suggestion =
        lambdaForBind(cast<CallExpr>(Owner.Callable), Plan.Capture, Name, Weak);
    return Plan;
  }
  Plan.Suggestion = ("auto " + Name + " = " + Weak + ".lock();").str();
  auto Refuse = [&](std::string Why) {
    Plan.WhyNot = std::move(Why);
    return Plan;
  };
  if (!LO.CPlusPlus14)
    return Refuse("a weak capture needs an init-capture (C++14)");
  if (!isEditable(L->getSourceRange(), SM))
    return Refuse("the callback is written in a macro");
  if (!IsStdShared)
    return Refuse("only std::shared_ptr captures are rewritten");
  if (Plan.Capture.empty())
    return Refuse("the std::weak_ptr type cannot be spelled here");
  if (!returnsVoid(L))
    return Refuse("the callback returns a value, and has none to return once "
                  "the object is gone");
  if (lambdaOwners(L, R).size() != 1)
    return Refuse("the callback holds several shared_ptrs");
  if (Owner.Kind == CallableOwner::InitCapture &&
      Owner.Var->getInitStyle() != VarDecl::CInit)
    return Refuse("the capture is not initialised with '='");

  if (Owner.Kind == CallableOwner::InitCapture) {
    Plan.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Owner.Loc, Owner.Loc), Weak));
    if (Rename) {
      SourceLocation NameLoc =
          cast<MemberExpr>(Rename->getCallee()->IgnoreParens())->getMemberLoc();
      Plan.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(NameLoc, NameLoc), "weak_from_this"));
    } else {
      Plan.Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(From->getSourceRange()), *WeakInit));
    }
  } else if (Owner.Implicit) {
    Plan.Fixes.push_back(FixItHint::CreateInsertion(
        L->getIntroducerRange().getEnd(), ", " + Plan.Capture));
  } else {
    Plan.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Owner.Loc, Owner.Loc), Plan.Capture));
  }
  const CompoundStmt *Body = L->getCompoundStmtBody();
  Plan.Fixes.push_back(
      FixItHint::CreateInsertion(Body->getLBracLoc().getLocWithOffset(1),
                                 lockStatements(Body, Name, Weak, SM)));
  for (const FixItHint &Fix : Plan.Fixes)
    if (!isEditable(Fix.RemoveRange.getAsRange(), SM)) {
      Plan.Fixes.clear();
      return Refuse("the callback is written in a macro");
    }
  return Plan;
}

} // namespace leaklint
