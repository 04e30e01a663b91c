//===--- ExecutionContexts.cpp - Which event loop keeps a handler ---------===//
#include "ownership/ExecutionContexts.h"
#include "ownership/ContainerTypes.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

bool inAsioNamespace(const NamedDecl *D) {
  std::string Name = qualifiedName(D);
  return StringRef(Name).starts_with("asio::") ||
         StringRef(Name).starts_with("boost::asio::");
}

bool isExecutionContextClass(const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 6)
    return false;
  RD = RD->getDefinition();
  if (RD->getIdentifier() && inAsioNamespace(RD) &&
      llvm::is_contained({"execution_context", "io_context", "io_service"},
                         RD->getName()))
    return true;
  return llvm::any_of(RD->bases(), [&](const CXXBaseSpecifier &Base) {
    return isExecutionContextClass(Base.getType()->getAsCXXRecordDecl(),
                                   Depth + 1);
  });
}

// `T`, or the T of `std::unique_ptr<T>`.
QualType ownedValueType(QualType T) {
  T = T.getCanonicalType();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl());
      Spec && Spec->isInStdNamespace() && Spec->getName() == "unique_ptr" &&
      Spec->getTemplateArgs().size() > 0 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    return Spec->getTemplateArgs()[0].getAsType();
  return T;
}

// What an executor or an I/O object is made from: `io_` for
// `io_.get_executor()` (an asio accessor without arguments), and for the
// executor conversions asio makes on the way (`any_io_executor` from
// `io_context::executor_type`).
const Expr *executorSource(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 6; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() >= 1 &&
        Construct->getConstructor() &&
        inAsioNamespace(Construct->getConstructor()->getParent()) &&
        llvm::all_of(llvm::drop_begin(Construct->arguments()),
                     [](const Expr *A) { return isa<CXXDefaultArgExpr>(A); })) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
        Call && Call->getNumArgs() == 0 && Call->getMethodDecl() &&
        inAsioNamespace(Call->getMethodDecl())) {
      E = Call->getImplicitObjectArgument();
      continue;
    }
    return E;
  }
  return E;
}

// The field of `this` that \p E names: `io_`, `this->io_`, `*io_`,
// `io_.get_executor()`.
const FieldDecl *thisField(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    E = executorSource(E)->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base))
        return dyn_cast<FieldDecl>(Member->getMemberDecl());
      return nullptr;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E);
        Unary && Unary->getOpcode() == UO_Deref) {
      E = Unary->getSubExpr();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Star && Op->getNumArgs() == 1) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
        Call && Call->getNumArgs() == 0) {
      E = Call->getImplicitObjectArgument();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

// The first constructor argument of what \p Init makes: `T(ctx, ...)`,
// `new T(ctx, ...)`, `std::make_unique<T>(ctx, ...)`, `{ctx, ...}`.
const Expr *firstConstructorArgument(const Expr *Init) {
  for (unsigned Depth = 0; Init && Depth < 6; ++Depth) {
    Init = Init->IgnoreImplicit();
    if (const auto *New = dyn_cast<CXXNewExpr>(Init)) {
      Init = New->getInitializer();
      continue;
    }
    if (const auto *Paren = dyn_cast<ParenListExpr>(Init))
      return Paren->getNumExprs() ? Paren->getExpr(0) : nullptr;
    if (const auto *List = dyn_cast<InitListExpr>(Init))
      return List->getNumInits() ? List->getInit(0) : nullptr;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init)) {
      if (Construct->getNumArgs() == 0)
        return nullptr;
      // A unique_ptr made from `new T(...)` or a copy: look inside.
      if (Construct->getConstructor() &&
          Construct->getConstructor()->getParent()->isInStdNamespace()) {
        Init = Construct->getArg(0);
        continue;
      }
      return Construct->getArg(0);
    }
    if (const auto *Call = dyn_cast<CallExpr>(Init)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          Callee->getName() == "make_unique" && Call->getNumArgs() > 0)
        return Call->getArg(0);
      // `asio::make_strand(io_)`: a strand on that context.
      if (Callee && inAsioNamespace(Callee) && Callee->getIdentifier() &&
          Callee->getName() == "make_strand" && Call->getNumArgs() > 0)
        return Call->getArg(0);
      return nullptr;
    }
    return nullptr;
  }
  return nullptr;
}

// Assignments and resets of a field in a constructor body:
// `desc_.reset(new T(io_))`, `desc_ = std::make_unique<T>(io_)`.
class FieldMakes : public RecursiveASTVisitor<FieldMakes> {
public:
  explicit FieldMakes(const FieldDecl *Field) : Field(Field) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getIdentifier() && M->getName() == "reset" &&
        Call->getNumArgs() == 1 &&
        thisField(Call->getImplicitObjectArgument()) == Field)
      Inits.push_back(Call->getArg(0));
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        thisField(Op->getArg(0)) == Field)
      Inits.push_back(Op->getArg(1));
    return true;
  }
  const FieldDecl *Field;
  SmallVector<const Expr *, 2> Inits;
};

const FieldDecl *findContext(const FieldDecl *IoField) {
  if (isOwnedExecutionContextType(IoField->getType()))
    return IoField;
  const auto *Class = dyn_cast<CXXRecordDecl>(IoField->getParent());
  if (!Class || !Class->hasDefinition())
    return nullptr;
  const FieldDecl *Found = nullptr;
  bool Conflict = false;
  auto Consider = [&](const Expr *Init) {
    const FieldDecl *Context = thisField(firstConstructorArgument(Init));
    if (!Context || !isOwnedExecutionContextType(Context->getType()) ||
        Context->getParent() != IoField->getParent()) {
      // Made on some other context on this path: not only ours.
      Conflict = Conflict || firstConstructorArgument(Init);
      return;
    }
    Found = Context;
  };
  // `asio::steady_timer timer_{io_};`: what constructors that do not
  // initialise it themselves use.
  if (const Expr *Default = IoField->getInClassInitializer())
    Consider(Default);
  for (const CXXConstructorDecl *Ctor : Class->getDefinition()->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (!Ctor->hasBody(Def))
      continue;
    for (const CXXCtorInitializer *Init :
         cast<CXXConstructorDecl>(Def)->inits())
      if (Init->getMember() == IoField)
        Consider(Init->getInit());
    FieldMakes Makes(IoField);
    Makes.TraverseStmt(Def->getBody());
    for (const Expr *Init : Makes.Inits)
      Consider(Init);
  }
  return Conflict ? nullptr : Found;
}

} // namespace

bool isOwnedExecutionContextType(QualType T) {
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return false;
  return isExecutionContextClass(ownedValueType(T)->getAsCXXRecordDecl());
}

std::optional<AsyncOperation> asAsyncOperation(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() || Callee->isInStdNamespace())
    return std::nullopt;
  // The handler is the last argument written: asio adds defaulted
  // constraint parameters after it.
  unsigned Written = Call->getNumArgs();
  while (Written && isa<CXXDefaultArgExpr>(Call->getArg(Written - 1)))
    --Written;
  if (Written == 0)
    return std::nullopt;
  StringRef Name = Callee->getName();
  bool Posts = llvm::is_contained({"post", "dispatch", "defer"}, Name);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    if (!Name.starts_with("async_") && !Posts)
      return std::nullopt;
    return AsyncOperation{Member->getImplicitObjectArgument(),
                          Call->getArg(Written - 1), Name};
  }
  // asio::post(ctx, handler), asio::async_write(stream, buffers, handler):
  // the context, executor or stream comes first.
  if ((Posts || Name.starts_with("async_")) && Written >= 2 &&
      inAsioNamespace(Callee))
    return AsyncOperation{executorSource(Call->getArg(0)),
                          Call->getArg(Written - 1), Name};
  return std::nullopt;
}

const FieldDecl *ExecutionContexts::contextOf(const FieldDecl *IoField) {
  auto [It, New] = Cache.try_emplace(IoField, nullptr);
  if (New)
    It->second = findContext(IoField);
  return It->second;
}

} // namespace leaklint
