//===--- Singletons.cpp - Classes with exactly one, program-long instance -===//
#include "Singletons.h"
#include "Compat.h"
#include "code/LibraryFunctions.h"
#include "code/SkippedBodies.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace leaklint {
namespace {

// A CRTP base of a class: `struct Logger : Singleton<Logger>` gives
// Singleton's pattern and the template parameter that stands for Logger.
struct CrtpBase {
  const CXXRecordDecl *Pattern;
  unsigned Index;
  StringRef ParamName;
};
SmallVector<CrtpBase, 1> crtpBases(const CXXRecordDecl *Def) {
  SmallVector<CrtpBase, 1> Out;
  for (const CXXBaseSpecifier &Base : Def->bases()) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Base.getType()->getAsCXXRecordDecl());
    if (!Spec)
      continue;
    const ClassTemplateDecl *Template = Spec->getSpecializedTemplate();
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    const TemplateParameterList *Params = Template->getTemplateParameters();
    for (unsigned I = 0; I < Args.size() && I < Params->size(); ++I)
      if (Args[I].getKind() == TemplateArgument::Type &&
          declaresSameEntity(Args[I].getAsType()->getAsCXXRecordDecl(), Def))
        Out.push_back({Template->getTemplatedDecl(), I,
                       Params->getParam(I)->getName()});
  }
  return Out;
}

// A Meyers singleton in a CRTP base that was never instantiated:
// `template <class T> struct Singleton { static T &instance() { static T t;
// return t; } }; struct Logger : Singleton<Logger> {};`.
bool hasCrtpSingletonBase(const CXXRecordDecl *Class) {
  const CXXRecordDecl *Def = Class->getDefinition();
  if (!Def)
    return false;
  for (const CrtpBase &Base : crtpBases(Def))
    for (const CXXMethodDecl *M : Base.Pattern->methods()) {
      const auto *Body = dyn_cast_or_null<CompoundStmt>(M->getBody());
      if (!M->isStatic() || !Body)
        continue;
      for (const Stmt *S : Body->body()) {
        const auto *DS = dyn_cast<DeclStmt>(S);
        const auto *VD = DS && DS->isSingleDecl()
                             ? dyn_cast<VarDecl>(DS->getSingleDecl())
                             : nullptr;
        if (!VD || !VD->isStaticLocal())
          continue;
        const auto *Parm = VD->getType()->getAs<TemplateTypeParmType>();
        if (Parm && Parm->getIndex() == Base.Index)
          return true;
      }
    }
  return false;
}

// A return statement of \p F that hands out \p Var: `return t;`,
// `return *p;`, `return p;`, `return &t;`. Lambdas and local classes have
// their own returns.
bool returnsVariable(const Stmt *S, const VarDecl *Var) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
    const Expr *Value = Return->getRetValue();
    if (!Value)
      return false;
    Value = Value->IgnoreParenImpCasts();
    if (const auto *Unary = dyn_cast<UnaryOperator>(Value);
        Unary && (Unary->getOpcode() == UO_Deref ||
                  Unary->getOpcode() == UO_AddrOf))
      Value = Unary->getSubExpr()->IgnoreParenImpCasts();
    // `return *p;` of a smart pointer.
    if (const auto *Star = dyn_cast<CXXOperatorCallExpr>(Value);
        Star && Star->getOperator() == OO_Star && Star->getNumArgs() == 1)
      Value = Star->getArg(0)->IgnoreParenImpCasts();
    const auto *Ref = dyn_cast<DeclRefExpr>(Value);
    return Ref && Ref->getDecl() == Var;
  }
  for (const Stmt *Child : S->children())
    if (returnsVariable(Child, Var))
      return true;
  return false;
}

// The class of the one object a static local of type \p T holds (or an
// accessor of return type \p T hands out): `T t`, `T *p`,
// `std::shared_ptr<T> p`, `std::unique_ptr<T> p`.
const CXXRecordDecl *heldClass(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  if (const auto *Owner = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl());
      Owner && Owner->isInStdNamespace() &&
      (Owner->getName() == "shared_ptr" || Owner->getName() == "unique_ptr") &&
      Owner->getTemplateArgs().size() > 0 &&
      Owner->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    T = Owner->getTemplateArgs()[0].getAsType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() ? RD : nullptr;
}

// The static (not function-local) variable that \p S assigns a new object
// to: `if (!s_instance) s_instance = new T;`, `s_instance.reset(new T)`,
// `s_instance = std::make_unique<T>()`.
const VarDecl *lazilyMade(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return nullptr;
  auto StaticVar = [](const Expr *E) -> const VarDecl * {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return V && V->hasGlobalStorage() && !V->isStaticLocal() ? V : nullptr;
  };
  auto Made = [](const Expr *E) {
    E = E->IgnoreImplicit();
    if (isa<CXXNewExpr>(E))
      return true;
    const auto *Call = dyn_cast<CallExpr>(E);
    return Call && isStdFunction(Call->getDirectCallee(),
                                 {"make_unique", "make_shared"});
  };
  if (const auto *Assign = dyn_cast<BinaryOperator>(S);
      Assign && Assign->getOpcode() == BO_Assign && Made(Assign->getRHS()))
    if (const VarDecl *V = StaticVar(Assign->getLHS()))
      return V;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
      Made(Op->getArg(1)))
    if (const VarDecl *V = StaticVar(Op->getArg(0)))
      return V;
  if (const auto *Reset = dyn_cast<CXXMemberCallExpr>(S);
      Reset && Reset->getMethodDecl() &&
      Reset->getMethodDecl()->getIdentifier() &&
      Reset->getMethodDecl()->getName() == "reset" &&
      Reset->getNumArgs() == 1 && Made(Reset->getArg(0)))
    if (const VarDecl *V = StaticVar(Reset->getImplicitObjectArgument()))
      return V;
  for (const Stmt *Child : S->children())
    if (const VarDecl *V = lazilyMade(Child))
      return V;
  return nullptr;
}

} // namespace

void Singletons::observeAccessor(const FunctionDecl *F) {
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  QualType Returned = F->getReturnType();
  if ((Method && !Method->isStatic()) || !F->getBody() ||
      !(Returned->isPointerType() || Returned->isReferenceType()))
    return;
  const CXXRecordDecl *RD = heldClass(Returned);
  const VarDecl *Var = RD ? lazilyMade(F->getBody()) : nullptr;
  if (Var && declaresSameEntity(heldClass(Var->getType()), RD) &&
      returnsVariable(F->getBody(), Var))
    Classes.insert(RD->getCanonicalDecl());
}

void Singletons::observeStaticLocal(const VarDecl *Var) {
  const CXXRecordDecl *RD = heldClass(Var->getType());
  const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!RD || !Function)
    return;
  // A Meyers singleton: `static T &instance() { static T t; return t; }`.
  // The accessor may live in a CRTP base: `Singleton<T>::instance()`.
  if (const auto *Accessor = dyn_cast<CXXMethodDecl>(Function);
      Accessor && Accessor->isStatic() &&
      (declaresSameEntity(RD, Accessor->getParent()) ||
       RD->getDefinition()->isDerivedFrom(Accessor->getParent()))) {
    Classes.insert(RD->getCanonicalDecl());
    return;
  }
  // Any other function that hands out its static: `T &globalQueue() {
  // static auto *p = new T; return *p; }`, or a static member function of
  // another class.
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  if ((!Method || Method->isStatic()) &&
      returnsVariable(Function->getBody(), Var))
    Classes.insert(RD->getCanonicalDecl());
}

bool Singletons::isSingleton(const CXXRecordDecl *RD) const {
  return RD &&
         (Classes.contains(RD->getCanonicalDecl()) ||
          hasCrtpSingletonBase(RD) || hasSkippedAccessor(RD));
}

bool Singletons::hasSkippedAccessor(const CXXRecordDecl *RD) const {
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return false;
  auto [It, New] = SkippedAccessors.try_emplace(Def->getCanonicalDecl(), false);
  if (!New)
    return It->second;
  // `static T &instance() { static T t; return t; }` in \p Class, naming
  // \p Name as the static's type (the class, or a CRTP base's parameter).
  auto HasAccessor = [](const CXXRecordDecl *Class, StringRef Name,
                        auto &&ReturnsIt) {
    for (const FunctionDecl *F : skippedMembers(Class)) {
      if (!cast<CXXMethodDecl>(F)->isStatic() || !ReturnsIt(F->getReturnType()))
        continue;
      if (auto Names = staticHandedOutBySkippedBody(F);
          Names && llvm::is_contained(*Names, Name))
        return true;
    }
    return false;
  };
  bool Found = HasAccessor(Def, Def->getName(), [&](QualType T) {
    return declaresSameEntity(heldClass(T), Def);
  });
  for (const CrtpBase &Base : crtpBases(Def)) {
    if (Found)
      break;
    Found = HasAccessor(Base.Pattern, Base.ParamName, [&](QualType T) {
      const auto *Parm = T.getNonReferenceType()
                             ->getPointeeOrArrayElementType()
                             ->getAs<TemplateTypeParmType>();
      return Parm && Parm->getIndex() == Base.Index;
    });
  }
  It->second = Found;
  return Found;
}

} // namespace leaklint
