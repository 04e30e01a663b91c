//===--- MarkedEntries.cpp - Sweeps that skip entries marked done ---------===//
//
// A table of outstanding calls swept for timeouts:
//
//   for (auto It = Pending.begin(); It != Pending.end();)
//     if (!It->second.Answered && It->second.Deadline < Now)
//       It = Pending.erase(It);
//     ...
//   void onReply(Id I) { Pending[I].Answered = true; ... }   // no erase
//
// erases only entries whose flag is still false, while the code sets the
// flag to true and never back: every entry marked so stays until the
// program exits. Such an erase bounds nothing for marked entries. It is
// told from a sweep of dead entries (`if (!E.Alive) erase`, with `Alive =
// false` set on close) by the value the code gives the flag: the sweep's
// value is the one it never assigns.
//
//===----------------------------------------------------------------------===//
#include "ElementKinds.h"
#include "UnboundedContainer.h"
#include "code/Guards.h"
#include "code/Temporaries.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace leaklint {
namespace {

// The boolean fields of an element that a condition requires to have a
// value where it holds (`!E.Done && E.Deadline < Now` requires Done false).
void requiredFlags(const Expr *Cond, bool WhenTrue, const RecordDecl *Element,
                   SmallVectorImpl<std::pair<const FieldDecl *, bool>> &Out,
                   unsigned Depth = 0) {
  if (!Cond || Depth > 8)
    return;
  Cond = ignoreTemporaries(Cond);
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot)
    return requiredFlags(Not->getSubExpr(), !WhenTrue, Element, Out, Depth + 1);
  if (const auto *B = dyn_cast<BinaryOperator>(Cond)) {
    // Both parts hold under `a && b` when it holds, both fail under `a || b`
    // when it fails.
    if ((B->getOpcode() == BO_LAnd && WhenTrue) ||
        (B->getOpcode() == BO_LOr && !WhenTrue)) {
      requiredFlags(B->getLHS(), WhenTrue, Element, Out, Depth + 1);
      requiredFlags(B->getRHS(), WhenTrue, Element, Out, Depth + 1);
    }
    return;
  }
  const auto *Member = dyn_cast<MemberExpr>(Cond);
  const auto *Field =
      Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
  if (Field && Field->getType()->isBooleanType() &&
      declaresSameEntity(Field->getParent(), Element))
    Out.push_back({Field->getCanonicalDecl(), WhenTrue});
}

// The values the TU's code assigns to boolean fields: `E.Done = true`.
class FlagWrites : public RecursiveASTVisitor<FlagWrites> {
public:
  explicit FlagWrites(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (!B->isAssignmentOp())
      return true;
    const auto *Member = dyn_cast<MemberExpr>(B->getLHS()->IgnoreParenImpCasts());
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field || !Field->getType()->isBooleanType())
      return true;
    UnboundedContainer::FlagValues &V = Values[Field->getCanonicalDecl()];
    const auto *Literal =
        dyn_cast<CXXBoolLiteralExpr>(B->getRHS()->IgnoreParenImpCasts());
    if (B->getOpcode() != BO_Assign || !Literal)
      V.Other = true;
    else if (const Expr *&Site = Literal->getValue() ? V.True : V.False; !Site)
      Site = B;
    return true;
  }
  llvm::DenseMap<const FieldDecl *, UnboundedContainer::FlagValues> Values;

private:
  const SourceManager &SM;
};

} // namespace

std::optional<UnboundedContainer::MarkedSkip>
UnboundedContainer::erasesOnlyUnmarked(const CXXMemberCallExpr *Erase,
                                       const ValueDecl *D) {
  const auto *Container = Containers.asContainer(containerType(D));
  QualType Element = Container ? elementType(Container) : QualType();
  const RecordDecl *Record =
      Element.isNull() ? nullptr : Element->getAsRecordDecl();
  const FunctionDecl *F = functionAt(Erase->getBeginLoc());
  if (!Record || !F || !F->getBody())
    return std::nullopt;
  std::optional<SmallVector<Guard, 4>> Guards = guardsOf(Erase, F->getBody());
  if (!Guards)
    return std::nullopt;
  SmallVector<std::pair<const FieldDecl *, bool>, 2> Flags;
  for (const Guard &G : *Guards)
    requiredFlags(G.Cond, G.WhenTrue, Record, Flags);
  if (Flags.empty())
    return std::nullopt;
  if (!Writes) {
    FlagWrites W(Ctx->getSourceManager());
    W.TraverseDecl(Ctx->getTranslationUnitDecl());
    Writes = std::move(W.Values);
  }
  // A flag the sweep needs false that code only ever sets true (or the
  // reverse) marks entries the sweep never takes.
  for (const auto &[Flag, Required] : Flags) {
    auto It = Writes->find(Flag);
    if (It == Writes->end() || It->second.Other)
      continue;
    const Expr *Marks = Required ? It->second.False : It->second.True;
    const Expr *Unmarks = Required ? It->second.True : It->second.False;
    if (Marks && !Unmarks)
      return MarkedSkip{Erase, Flag, Marks, Required};
  }
  return std::nullopt;
}

} // namespace leaklint
