//===--- CallbackCycle.cpp - Callbacks that own their owner ---------------===//
#include "CallbackCycle.h"
#include "storage/SkippedReleases.h"
#include "code/CallParts.h"
#include "code/LibraryFunctions.h"
#include "code/SkippedBodies.h"
#include "code/StatementLists.h"
#include "Compat.h"
#include "WeakCaptureRewrite.h"
#include "edits/SourceEdits.h"
#include "facts/TranslationUnitFacts.h"
#include "ownership/CallerBindings.h"
#include "ownership/OwnershipGraph.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace leaklint {
namespace {


// Every place the body stores a value into a field: `h.f = v`,
// `h->f.push_back(v)`, `h->f[k] = v`, and `h->set(v)` where `set` stores
// its parameter into a field of its object.
class StoreVisitor : public RecursiveASTVisitor<StoreVisitor> {
public:
  StoreVisitor(OwnershipLinks &Links, ExecutionContexts &Contexts,
               const ContainerTypes &Containers,
               const ReassignedSet &Reassigned,
               llvm::function_ref<void(const CallbackCycle::Store &)> Found,
               SmallVectorImpl<CallbackCycle::OpaqueStore> *Opaque)
      : Links(Links), Contexts(Contexts), Containers(Containers),
        Reassigned(Reassigned), Found(Found), Opaque(Opaque) {}

  // Whole-program mode: a method whose body the TU lacks may store any
  // argument; the merge decides from the TU that defines it.
  void addOpaque(const CXXMemberCallExpr *Call, const CXXMethodDecl *M) {
    if (!Opaque || Call->getNumArgs() == 0 || M->hasBody() ||
        skippedDefinition(M) ||
        M->getASTContext().getSourceManager().isInSystemHeader(
            M->getLocation()))
      return;
    ObjectName Holder =
        nameObject(Call->getImplicitObjectArgument(), &Reassigned);
    if (!Holder.known())
      return;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      Opaque->push_back({Call, M, Holder, I});
  }

  // Calls whose value the statement drops (`sig.connect(f);`,
  // `(void)sig.connect(f);`, a branch or loop body of one such statement,
  // code/StatementLists.h): a token they return is lost
  // (storage/DroppedTokens.h).
  bool VisitStmt(Stmt *S) {
    forEachListedStatement(
        S, [&](const ListedStatement &L) { dropIfCall(L.S); });
    return true;
  }

  void dropIfCall(const Stmt *S) {
    const auto *E = dyn_cast_or_null<Expr>(S);
    while (E) {
      E = E->IgnoreParens();
      if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
        E = Cleanups->getSubExpr();
      else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
               Cast && Cast->getType()->isVoidType())
        E = Cast->getSubExpr();
      else
        break;
    }
    if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
      Dropped.insert(Call);
  }

  // `desc_->async_read_some(buf, handler)`: the handler waits in the
  // execution context that `desc_` runs on. When that context is a field of
  // the same object, the object owns the pending handler.
  bool VisitCallExpr(CallExpr *Call) {
    std::optional<AsyncOperation> Op = asAsyncOperation(Call);
    if (!Op) {
      // `install(channel_, cb)`: a free function that stores one argument
      // into the object of another.
      if (!isa<CXXMemberCallExpr>(Call) && !isa<CXXOperatorCallExpr>(Call))
        if (const FunctionDecl *Callee = Call->getDirectCallee())
          if (SmallVector<OwnershipLinks::ParamStore, 2> Stores =
                  Links.storesOfCall(Call);
              !Stores.empty())
            storesThrough(Call, Callee, ObjectName(), Stores);
      return true;
    }
    ObjectName Io = nameObject(Op->IoObject, &Reassigned);
    if (!Io.known() || Io.Path.empty() || !Io.Path.back().Field)
      return true;
    const FieldDecl *IoField = Io.Path.back().Field;
    const FieldDecl *Context = Contexts.contextOf(IoField);
    if (!Context)
      return true;
    CallbackCycle::Store S;
    S.Loc = Op->Handler->getBeginLoc();
    S.Holder = Io;
    S.Holder.Path.back() = PathStep{Context, nullptr};
    S.Field = Context;
    S.Value = Op->Handler;
    S.Async = Op;
    S.IoField = IoField;
    Found(S);
    return true;
  }

  void store(const MemberExpr *Member, const Expr *Value,
             const DeclRefExpr *Alias) {
    CallbackCycle::Store S;
    // A write through a local reference points at the write, not at the
    // reference's initialiser.
    S.Loc = Alias ? Alias->getLocation() : Member->getMemberLoc();
    S.Holder = nameObject(Member->getBase(), &Reassigned);
    S.Field = cast<FieldDecl>(Member->getMemberDecl());
    S.Value = Value;
    if (S.Holder.known())
      Found(S);
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      const DeclRefExpr *Alias = nullptr;
      if (const MemberExpr *Member = writtenField(Op->getArg(0), &Alias))
        store(Member, Op->getArg(1), Alias);
      return true;
    }
    // `clicked += handler`: a member operator that stores its operand.
    if (!isMemberOperatorCall(Op))
      return true;
    if (SmallVector<OwnershipLinks::ParamStore, 2> Stores =
            Links.storesOfCall(Op);
        !Stores.empty())
      storesThrough(Op, Op->getDirectCallee(),
                    nameObject(Op->getArg(0), &Reassigned), Stores);
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return true;
    // `handlers_.push_back(f)` on a container; any other class's `push`
    // is summarised like any other method.
    if (isGrowthMethod(M->getName()) &&
        Containers.asContainer(Call->getImplicitObjectArgument()->getType())) {
      const DeclRefExpr *Alias = nullptr;
      if (const MemberExpr *Member =
              writtenField(Call->getImplicitObjectArgument(), &Alias))
        for (const Expr *Arg : Call->arguments())
          store(Member, Arg, Alias);
      return true;
    }
    if (M->isInStdNamespace())
      return true;
    // Most methods store no parameter: name the holder only for those that do.
    SmallVector<OwnershipLinks::ParamStore, 2> Stores =
        Links.storesOfCall(Call);
    if (Stores.empty()) {
      addOpaque(Call, M);
      return true;
    }
    storesThrough(Call, M,
                  nameObject(Call->getImplicitObjectArgument(), &Reassigned),
                  Stores);
    return true;
  }

  // The stores a call makes through its callee's summary, onto \p Object
  // (the callee's own object) or the objects of its arguments.
  void storesThrough(const CallExpr *Call, const FunctionDecl *Callee,
                     const ObjectName &Object,
                     ArrayRef<OwnershipLinks::ParamStore> Stores) {
    SmallVector<const Expr *, 4> Args = callParts(Call).Args;
    for (const OwnershipLinks::ParamStore &P : Stores) {
      if (P.Param >= Args.size())
        continue;
      CallbackCycle::Store S;
      S.Loc = Call->getExprLoc();
      S.Holder = P.holderAt(Object, Args, [&](const Expr *E) {
        return nameObject(E, &Reassigned);
      });
      if (!S.Holder.known())
        continue;
      S.Field = P.Field;
      S.Value = Args[P.Param];
      if (P.Carrier) {
        S.Carrier = P.Carrier;
        S.CarrierCall = Call;
      }
      S.Callee = Callee;
      S.CalleeStore = P.Where;
      S.HandedTo = P.HandedTo;
      S.HandedOn = P.HandedOn;
      S.StoredBy = P.StoredBy;
      S.ResultDropped = Dropped.count(Call);
      Found(S);
    }
  }

private:
  llvm::SmallPtrSet<const CallExpr *, 8> Dropped;
  OwnershipLinks &Links;
  ExecutionContexts &Contexts;
  const ContainerTypes &Containers;
  const ReassignedSet &Reassigned;
  llvm::function_ref<void(const CallbackCycle::Store &)> Found;
  SmallVectorImpl<CallbackCycle::OpaqueStore> *Opaque;
};

// How often the body refers to \p VD.
class References : public RecursiveASTVisitor<References> {
public:
  explicit References(const VarDecl *VD) : VD(VD) {}
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    Count += Ref->getDecl() == VD;
    return true;
  }
  const VarDecl *VD;
  unsigned Count = 0;
};

// `ok_`, `state_.button`, `slots_[]`: the owned objects on the way from
// the object to the storage.
std::string pathText(ArrayRef<PathStep> Steps) {
  std::string Text;
  for (const PathStep &Step : Steps) {
    if (!Step.Field) {
      Text += "[]";
      continue;
    }
    if (!Text.empty())
      Text += '.';
    Text += Step.Field->getName().str();
  }
  return Text;
}

std::string ownerText(const CallableOwner &O, const ASTContext &Ctx) {
  if (O.Var)
    return quoted(O.Var->getName());
  // `std::move(obj)` binds `obj`.
  const Expr *Bound = movedFrom(O.Bound);
  std::optional<StringRef> Text = sourceText(Bound->getSourceRange(), Ctx);
  if (!Text || Text->empty() || Text->size() > 40)
    return "its bound argument";
  return quoted(*Text);
}

// The class whose object the callable holds: that of the method when the
// owner is `this` itself.
const CXXRecordDecl *ownerClass(const CallableOwner &O, const FunctionDecl *F) {
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  return O.Object.Kind == ObjectName::This && O.Object.Path.empty() && Method
             ? Method->getParent()
             : O.Class;
}

// After the storage's name: what it holds and why it leaks.
std::string storesCallbackText(const CallableOwner &O,
                               const CXXRecordDecl *Class,
                               const ASTContext &Ctx) {
  return " stores a callback holding " + ownerText(O, Ctx) +
         ", a shared_ptr to the " + quoted(className(Class)) +
         " that owns it; the object can never be destroyed while the "
         "callback is stored";
}

// Where the callable takes hold of the object, for the note.
std::string capturedText(const CallableOwner &O, const ASTContext &Ctx) {
  return O.Kind == CallableOwner::BoundArgument
             ? ownerText(O, Ctx) + " is bound here"
             : "the callback captures " + ownerText(O, Ctx) +
                   (O.Implicit ? " by copy through its capture default here"
                               : " here");
}

// The capture note as whole-program mode words it: the advice of \p Plan
// without its fix-it (whole-program findings carry none).
std::string wholeProgramCaptureNote(const CallableOwner &O,
                                    WeakCaptureRewrite Plan,
                                    const ASTContext &Ctx) {
  Plan.Fixes.clear();
  if (Plan.WhyNot.empty())
    Plan.WhyNot = "whole-program findings carry none";
  return capturedText(O, Ctx) + "; " + Plan.advice();
}

} // namespace

CallbackCycle::CallbackCycle(const CallbackCycleOptions &Options)
    : Options(Options), Links(Containers) {
  if (!Options.FactsDirectory.empty())
    Facts.emplace();
}

void CallbackCycle::registerMatchers(MatchFinder &Finder,
                                     MatchFinder::MatchCallback *CB) {
  // Set here, where the analysis has its final address: the summaries of
  // setters tell StorageResets which calls empty a field
  // (`setOnMessage(nullptr)`).
  Resets.readSettersWith(
      [this](const CallExpr *Call) { return Links.singleValueStores(Call); });
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), CB);
}

void CallbackCycle::collect(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!F || !F->getBody() || F->isInvalidDecl() ||
      Ctx->getSourceManager().isInSystemHeader(F->getLocation()))
    return;
  // Template patterns count for resets: a member function of a class
  // template is instantiated only when used.
  Resets.collect(F);
  Escapes.collect(F);
  if (F->isDependentContext())
    return;
  Runs.collect(F);
  if (Facts)
    summarizeStores(F);
  if (!isa<CXXDestructorDecl>(F))
    analyze(F);
}

void CallbackCycle::analyze(const FunctionDecl *F) {
  ReassignedSet Reassigned = reassignedLocals(F);
  SmallVector<Store, 8> Stores;
  SmallVector<OpaqueStore, 2> Opaque;
  auto Collect = [&](const Store &S) { Stores.push_back(S); };
  StoreVisitor Visitor(Links, Contexts, Containers, Reassigned, Collect,
                       Facts ? &Opaque : nullptr);
  Visitor.TraverseStmt(F->getBody());
  for (const OpaqueStore &S : Opaque)
    deferToMerge(F, S, Reassigned);

  // A local that the function also stores into an object's owning storage
  // (`auto c = make_shared<Conn>(); ...; conns_[id] = c;`) is owned by that
  // object, whichever order configuring and storing come in.
  // Locals and objects made here, by their root.
  llvm::DenseMap<const void *, std::pair<ObjectName, const Expr *>> KeptIn;
  for (const Store &S : Stores) {
    if (S.Async || !isOwningStep(PathStep{S.Field, nullptr}, Containers))
      continue;
    ObjectName Value = nameObject(S.Value, &Reassigned);
    if (!isLocalObject(Value) || !Value.Path.empty() ||
        S.Holder.Root == Value.Root)
      continue;
    KeptIn.try_emplace(Value.Root,
                       storedSlot(S.Holder, S.Field, S.Value, Containers),
                       S.Value);
  }
  for (Store &S : Stores) {
    // `void bindHandlers(Channel &ch) { ch.on(...); }`, which the object
    // calls on itself with its own `channel_`.
    if (const auto *Param = S.Holder.Kind == ObjectName::Variable &&
                                    !S.Holder.Version
                                ? dyn_cast<ParmVarDecl>(static_cast<
                                      const VarDecl *>(S.Holder.Root))
                                : nullptr;
        Param && Param->getDeclContext() == F)
      if (std::optional<CallerBinding> Bound = bindingByOwnCaller(
              dyn_cast<CXXMethodDecl>(F), Param, Program.uses(*Ctx))) {
        Store Through = S;
        Through.Holder = Bound->Argument;
        Through.Holder.Path.append(S.Holder.Path.begin(), S.Holder.Path.end());
        Through.BoundBy = Bound->Call;
        Through.BoundSteps = Bound->Argument.Path.size();
        consider(F, Through, Reassigned);
      }
    if (isLocalObject(S.Holder))
      if (auto It = KeptIn.find(S.Holder.Root); It != KeptIn.end()) {
        ObjectName Holder = It->second.first;
        Holder.Path.append(S.Holder.Path.begin(), S.Holder.Path.end());
        Store Through = S;
        Through.Holder = std::move(Holder);
        Through.KeptBy = It->second.second;
        consider(F, Through, Reassigned);
      }
    consider(F, S, Reassigned);
  }
}

void CallbackCycle::consider(const FunctionDecl *F, const Store &S,
                             const ReassignedSet &Reassigned) {
  SmallVector<CallableOwner, 1> Owners =
      S.Carrier ? callableOwnersMadeIn(S.Carrier, S.CarrierCall, S.Callee,
                                       Reassigned)
                : callableOwners(S.Value, Reassigned);
  for (const CallableOwner &O : Owners) {
    if (!O.Object.ownsOrIs(S.Holder))
      continue;
    // From the object to the holder only through what it owns.
    ArrayRef<PathStep> Steps =
        ArrayRef<PathStep>(S.Holder.Path).drop_front(O.Object.Path.size());
    if (!llvm::all_of(Steps, [&](const PathStep &Step) {
          return isOwningStep(Step, Containers);
        }))
      continue;
    // A callback a callee makes around the object it is passed is reported
    // where the callee makes and stores it (where the fix goes), once for
    // all its callers; the call that passes the object gets a note.
    bool MadeByCallee = S.Carrier && S.CarrierCall && O.MadeBy;
    SourceLocation At = MadeByCallee ? S.Carrier->getBeginLoc() : S.Loc;
    if (!Seen.insert({At.getRawEncoding(), StorageResets::key(S.Field)})
             .second)
      return;

    const CXXRecordDecl *Class = ownerClass(O, F);
    Candidate C;
    for (const PathStep &Step : Steps)
      if (Step.Field)
        C.Chain.push_back(Step.Field);
    C.Chain.push_back(S.Field);
    if (S.ResultDropped && !S.HandedTo && returnsFreshKey(S.Callee, S.Field))
      C.TokenDroppedBy = S.Callee;

    std::string Storage = quoted(memberName(S.Field));
    if (!Steps.empty())
      Storage += " of " + quoted(pathText(Steps));
    Finding &D = C.Diag;
    D.Loc = At;
    if (S.Async)
      D.Message = "the handler of " + quoted(S.Async->Name.str()) +
                  " holds " + ownerText(O, *Ctx) + ", a shared_ptr to the " +
                  quoted(className(Class)) + " that owns " +
                  quoted(S.Field->getName()) +
                  ", the execution context that keeps the pending handler; "
                  "a pending handler is released only when it runs or the "
                  "context is destroyed, so once the context stops, the object "
                  "can never be destroyed";
    else
      D.Message = Storage + storesCallbackText(O, Class, *Ctx);

    // The fix: only where the callable is written for this store alone.
    bool Single = true;
    if (O.Through) {
      References Refs(O.Through);
      Refs.TraverseStmt(F->getBody());
      Single = Refs.Count == 1;
    }
    WeakCaptureRewrite Plan = planWeakCapture(O, Reassigned, *Ctx);
    if (!Single && !Plan.Fixes.empty()) {
      Plan.Fixes.clear();
      Plan.WhyNot = quoted(O.Through->getName()) +
                    " is used elsewhere too, where it may need the strong "
                    "reference";
    }
    const std::string Maker =
        O.MadeBy ? quoted(memberName(O.MadeBy->getDirectCallee())) : "";
    if (O.MadeBy && !Plan.Fixes.empty()) {
      Plan.Fixes.clear();
      Plan.WhyNot = "the callback is made in " + Maker +
                    ", whose other callers may need the strong reference";
    }
    if (!Plan.Fixes.empty()) {
      D.Fixes.assign(Plan.Fixes.begin(), Plan.Fixes.end());
      C.Callable = O.Callable->getBeginLoc();
    }
    D.Notes.push_back({O.Loc, capturedText(O, *Ctx) + "; " + Plan.advice()});
    C.WholeProgramAdvice = wholeProgramCaptureNote(O, Plan, *Ctx);
    if (MadeByCallee)
      D.Notes.push_back(
          {S.Loc, "the " + quoted(className(Class)) + " is passed to " +
                      quoted(memberName(S.CarrierCall->getDirectCallee())) +
                      " here"});
    if (S.Carrier && O.MadeBy)
      D.Notes.push_back({S.Carrier->getBeginLoc(),
                         Maker + " makes the callback here, around the "
                                 "argument it is passed, and stores it"});
    else if (O.MadeBy)
      D.Notes.push_back({O.MadeBy->getBeginLoc(),
                         Maker + " returns the callback it makes from its "
                                 "arguments here"});
    if (O.WrappedBy)
      D.Notes.push_back(
          {O.WrappedBy->getBeginLoc(),
           quoted(memberName(O.WrappedBy->getDirectCallee())) +
               " keeps the callback in what it returns here"});
    if (O.Through)
      D.Notes.push_back(
          {O.Through->getLocation(), "the callback is kept in " +
                                         quoted(O.Through->getName()) +
                                         " before it is stored"});
    if (S.KeptBy) {
      std::optional<StringRef> Kept =
          sourceText(S.KeptBy->getSourceRange(), *Ctx);
      D.Notes.push_back(
          {S.KeptBy->getBeginLoc(),
           (Kept && !Kept->empty() && Kept->size() <= 40
                ? quoted(*Kept)
                : std::string("the object holding the callback")) +
               " is stored in " + quoted(pathText(Steps)) + " here"});
    }
    if (S.BoundBy)
      D.Notes.push_back(
          {S.BoundBy->getExprLoc(),
           "the " + quoted(className(Class)) + " calls " +
               quoted(memberName(S.BoundBy->getDirectCallee())) +
               " on itself here, passing " +
               (S.BoundSteps ? "its own " +
                                   quoted(pathText(ArrayRef<PathStep>(
                                                       S.Holder.Path)
                                                       .take_front(
                                                           S.BoundSteps)))
                             : std::string("itself"))});
    if (!Steps.empty() && Steps.front().Field)
      D.Notes.push_back({Steps.front().Field->getLocation(),
                         "the " + quoted(className(Class)) +
                             " owns the callback through " +
                             quoted(Steps.front().Field->getName())});
    if (S.Async && S.IoField != S.Field)
      D.Notes.push_back({S.IoField->getLocation(),
                         quoted(S.IoField->getName()) + " runs its handlers on " +
                             quoted(S.Field->getName()) +
                             ", which its constructor is given"});
    if (S.Callee && S.HandedTo && S.HandedOn.isValid())
      D.Notes.push_back({S.HandedOn, quoted(memberName(S.Callee)) +
                                         " hands its argument on to " +
                                         quoted(memberName(S.HandedTo)) +
                                         " here"});
    if (S.Callee && S.CalleeStore.isValid())
      D.Notes.push_back({S.CalleeStore,
                         quoted(memberName(S.StoredBy ? S.StoredBy : S.Callee)) +
                             " stores its argument in " +
                             quoted(S.Field->getName()) + " here"});
    Candidates.push_back(std::move(C));
    return;
  }
}

void CallbackCycle::deferToMerge(const FunctionDecl *F, const OpaqueStore &S,
                                 const ReassignedSet &Reassigned) {
  const Expr *Arg = S.Call->getArg(S.Param);
  for (const CallableOwner &O : callableOwners(Arg, Reassigned)) {
    if (!O.Object.ownsOrIs(S.Holder))
      continue;
    ArrayRef<PathStep> Steps =
        ArrayRef<PathStep>(S.Holder.Path).drop_front(O.Object.Path.size());
    if (!llvm::all_of(Steps, [&](const PathStep &Step) {
          return Step.Field && isOwningStep(Step, Containers);
        }))
      continue;
    std::string Callee = facts::crossTUName(S.Callee);
    if (Callee.empty() ||
        !DeferredSeen
             .insert({S.Call->getExprLoc().getRawEncoding(),
                      S.Callee->getCanonicalDecl(), S.Param})
             .second)
      return;
    const CXXRecordDecl *Class = ownerClass(O, F);
    Deferred D;
    D.Fact.Callee = std::move(Callee);
    D.Fact.CalleeName = memberName(S.Callee);
    D.Fact.Param = S.Param;
    for (const PathStep &Step : Steps) {
      D.Chain.push_back(Step.Field);
      D.Fact.Chain.push_back(facts::crossTUName(StorageResets::key(Step.Field)));
      D.Fact.ChainNames.push_back(Step.Field->getName().str());
    }
    // The finding as consider() words it, with the storage left to the
    // merge and no fix-it (whole-program findings carry none).
    Finding W;
    W.Loc = S.Call->getExprLoc();
    W.Message = storesCallbackText(O, Class, *Ctx);
    W.Notes.push_back(
        {O.Loc, wholeProgramCaptureNote(
                    O, planWeakCapture(O, Reassigned, *Ctx), *Ctx)});
    if (!Steps.empty())
      W.Notes.push_back({Steps.front().Field->getLocation(),
                         "the " + quoted(className(Class)) +
                             " owns the callback through " +
                             quoted(Steps.front().Field->getName())});
    D.Fact.Finding = facts::wholeProgramFinding("leak-callback-cycle", W,
                                                Ctx->getSourceManager());
    DeferredStores.push_back(std::move(D));
    return;
  }
}

namespace {

// A method of the class that declares \p Field which could empty it but
// whose body this TU lacks (defined in another .cpp): the storage may be
// emptied there. Constructors, destructors, const and static methods,
// copy and move assignment, and deleted, defaulted or pure methods do not
// count.
const CXXMethodDecl *undefinedMutator(const FieldDecl *Field) {
  const auto *Class =
      dyn_cast<CXXRecordDecl>(StorageResets::key(Field)->getParent());
  if (!Class || Class->getASTContext().getSourceManager().isInSystemHeader(
                    Class->getLocation()))
    return nullptr;
  for (const CXXMethodDecl *M : Class->methods()) {
    if (M->isImplicit() || isa<CXXConstructorDecl>(M) ||
        isa<CXXDestructorDecl>(M) || M->isConst() || M->isStatic() ||
        M->isDeleted() || M->isDefaulted() || M->isPureVirtual() ||
        M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator())
      continue;
    if (!M->hasBody() && !skippedDefinition(M))
      return M;
  }
  // Member function templates.
  for (const Decl *D : Class->decls())
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      if (const auto *M = dyn_cast<CXXMethodDecl>(T->getTemplatedDecl());
          M && !M->isConst() && !M->isStatic() && !M->hasBody() &&
          !isa<CXXConstructorDecl>(M))
        return M;
  return nullptr;
}

} // namespace

std::vector<Finding> CallbackCycle::finish() {
  std::vector<Finding> Out;
  llvm::DenseSet<unsigned> Fixed;
  // clangd: the headers' members were not matched; read them when asked.
  if (Ctx && isPartialTraversal(*Ctx))
    Resets.readClassesOnDemand();
  for (Candidate &C : Candidates) {
    const StorageReset *Reset = nullptr;
    const StorageReset *Escape = nullptr;
    const FieldDecl *Escaping = nullptr;
    // A reset in a method that never runs on the member holding the field.
    std::pair<const StorageReset *, const FieldDecl *> NeverRuns{};
    // An erase by the key the store's caller dropped.
    const StorageReset *KeyErase = nullptr;
    // A reset in a method only the cycle's own destructors call.
    const StorageReset *DestructorOnly = nullptr;
    // The destructor of an owner outside the cycle runs; the object's own
    // (and those of what it owns) do not while the callback holds it.
    SmallVector<const CXXRecordDecl *, 3> CycleClasses;
    for (const FieldDecl *Field : C.Chain)
      CycleClasses.push_back(cast<CXXRecordDecl>(Field->getParent()));
    auto Inside = [&](const CXXRecordDecl *RD) {
      return livesWithin(RD, CycleClasses, Containers);
    };
    for (size_t K = 0; K < C.Chain.size(); ++K) {
      const FieldDecl *Field = C.Chain[K];
      bool Last = K + 1 == C.Chain.size();
      for (const StorageReset &R : Resets.findAll(Field)) {
        // An erase by a key the store's caller dropped cannot name it.
        if (Last && C.TokenDroppedBy &&
            erasesOnlyByKeyParameter(R.In, Field)) {
          if (!KeyErase)
            KeyErase = &R;
          continue;
        }
        // A field of a member object is emptied only by a method that runs
        // on that member: `timer_.cancel()` written nowhere empties nothing.
        if (K == 0 || Sealed.mayRun(C.Chain[K - 1], R.In)) {
          // `unsubscribe(id)` that only `~Lobby()` calls runs once the
          // cycle is gone, like a reset in that destructor.
          if (Ctx && Program.calledOnlyInDestructors(R.In, Inside)) {
            if (!DestructorOnly)
              DestructorOnly = &R;
            continue;
          }
          Reset = &R;
          break;
        }
        if (!NeverRuns.first)
          NeverRuns = {&R, C.Chain[K - 1]};
      }
      if (Reset || (Reset = Resets.findInDestructor(Field, Inside)))
        break;
      const StorageReset *HandedOut = Escapes.find(Field);
      // Code the owner hands a member to can empty the entry only as its
      // methods can: by a key it does not have.
      if (HandedOut && C.TokenDroppedBy && !Last)
        HandedOut = nullptr;
      // An owned context the object runs until no handler is pending.
      if (!HandedOut && (Reset = Runs.runUntilIdle(Field)))
        break;
      if (!Escape && (Escape = HandedOut)) {
        // In a whole program, an accessor only this file can call hands the
        // field to code the TU shows: a reset through it was seen above.
        if (Ctx && !isPartialTraversal(*Ctx) && Program.definesMain(*Ctx) &&
            UncalledFunctions::onlyThisTUCanCall(Escape->In))
          Escape = nullptr;
        else
          Escaping = Field;
      }
    }
    // Whole-program mode: storage that a method defined in another .cpp
    // could empty is left to the merge, which sees every TU's resets. Per
    // TU alone, only the resets the TU shows count, as for any store.
    const CXXMethodDecl *Elsewhere = nullptr;
    const FieldDecl *ElsewhereField = nullptr;
    if (Facts && !Reset && !Escape)
      for (const FieldDecl *Field : C.Chain)
        if ((Elsewhere = undefinedMutator(Field))) {
          ElsewhereField = Field;
          break;
        }
    // A reset that one way of dropping the object skips breaks nothing for
    // the objects dropped that way (storage/SkippedReleases.h).
    std::optional<SkippedRelease> SkippedReset;
    if (Reset && !Escape && !Elsewhere && Ctx)
      SkippedReset = resetSkippedByAnEnding(
          Reset->In, CycleClasses.front(), Program.uses(*Ctx),
          [&](const Stmt *S) { return FunctionUses::holding(S, *Ctx); });
    if ((Reset || Escape || Elsewhere) && !SkippedReset &&
        !Options.ReportResetStorage) {
      if (Elsewhere)
        waitForMerge(C);
      continue;
    }
    if (Elsewhere)
      C.Diag.Notes.push_back(
          {Elsewhere->getLocation(),
           quoted(memberName(Elsewhere)) +
               " is not defined in this translation unit; if it empties " +
               quoted(ElsewhereField->getName()) +
               ", that breaks the cycle only if it runs"});
    if (Reset)
      C.Diag.Notes.push_back(
          {Reset->Where,
           "the storage is emptied in " + quoted(memberName(Reset->In)) +
               " here, which breaks the cycle only if it runs"});
    else if (Escape)
      C.Diag.Notes.push_back(
          {Escape->Where,
           quoted(memberName(Escape->In)) + " hands out " +
               quoted(Escaping->getName()) +
               " here; code holding it may empty it, which breaks the cycle "
               "only if it runs"});
    if (SkippedReset) {
      std::string Object = quoted(className(CycleClasses.front()));
      C.Diag.Notes.push_back(
          {SkippedReset->Release->getBeginLoc(),
           quoted(memberName(SkippedReset->Releasing)) +
               " runs it through this call before it drops the " + Object});
      C.Diag.Notes.push_back(
          {SkippedReset->Teardown->getBeginLoc(),
           quoted(memberName(SkippedReset->Skipping)) + " drops the " +
               Object + " here without running it, so the cycle stays"});
    }
    if (!Reset && KeyErase)
      C.Diag.Notes.push_back(
          {KeyErase->Where,
           quoted(memberName(KeyErase->In)) +
               " erases an entry only by the key " +
               quoted(memberName(C.TokenDroppedBy)) +
               " returns, and the call that stores the callback drops it"});
    if (!Reset && DestructorOnly)
      C.Diag.Notes.push_back(
          {DestructorOnly->Where,
           quoted(memberName(DestructorOnly->In)) +
               " would empty it, but only the destructor of an object the "
               "callback keeps alive calls it"});
    if (!Reset && NeverRuns.first) {
      const auto *Owner = cast<CXXRecordDecl>(NeverRuns.second->getParent());
      C.Diag.Notes.push_back(
          {NeverRuns.first->Where,
           quoted(memberName(NeverRuns.first->In)) +
               " would empty it, but nothing calls it on " +
               quoted(NeverRuns.second->getName()) +
               ", which only the code of " + quoted(className(Owner)) +
               (NeverRuns.second->getAccess() == AS_protected
                    ? " and of the classes derived from it here"
                    : "") +
               " can reach"});
    }
    // One callable stored twice gets its fix once.
    if (!C.Diag.Fixes.empty() &&
        !Fixed.insert(C.Callable.getRawEncoding()).second)
      C.Diag.Fixes.clear();
    if (Facts)
      Facts->Reported.push_back(
          facts::sourcePoint(C.Diag.Loc, Ctx->getSourceManager()));
    Out.push_back(std::move(C.Diag));
  }
  if (Facts && Ctx)
    writeFacts();
  if (Facts)
    Facts.emplace();
  DeferredStores.clear();
  DeferredSeen.clear();
  Escapes.clear();
  Sealed.clear();
  Runs.clear();
  Program.clear();
  Candidates.clear();
  Seen.clear();
  Resets.clear();
  Links.clear();
  Contexts.clear();
  return Out;
}

} // namespace leaklint
