//===--- OwnershipLinks.h - Stores that link two objects ---------*- C++ -*-===//
//
// The evidence behind leak-shared-ptr-cycle. A cyclic type graph alone proves
// nothing (trees, lists and DAGs have one); what leaks is code that links two
// objects both ways. Within one function body this finds every store of a
// shared owner into a strong field -- `h->f = v`, `h->f.push_back(v)`,
// `f(v)` in a constructor, and constructors or setters that store a
// parameter into a field -- naming holder and target symbolically (`this`,
// a variable, a freshly made object, and field paths from those).
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_OWNERSHIPLINKS_H
#define LEAKLINT_LIB_OWNERSHIP_OWNERSHIPLINKS_H

#include "ContainerTypes.h"
#include "ObjectNames.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <vector>

namespace leaklint {

/// True when \p Step leads to an object its holder owns: an element, or a
/// field that owns what it points to (shared_ptr, unique_ptr, by value). A
/// raw pointer or a reference leads to an object that lives on its own.
bool isOwningStep(const PathStep &Step, const ContainerTypes &Containers);

/// The object \p Value becomes once stored into \p Holder's \p Field: the
/// field itself, or for a container field one element of it (the one this
/// store made, a step of its own).
ObjectName storedSlot(ObjectName Holder, const clang::FieldDecl *Field,
                      const clang::Expr *Value,
                      const ContainerTypes &Containers);

/// True for an object the function has in hand, not yet in anyone's
/// storage: one it made, or a local or parameter.
bool isLocalObject(const ObjectName &N);

/// One store of a shared owner of Target into Holder's field.
struct OwnershipLink {
  ObjectName Holder;
  const clang::FieldDecl *Field = nullptr;
  ObjectName Target;
  /// The stored value, for notes; for a break, the field emptied.
  const clang::Expr *Value = nullptr;
  /// The store is `shared_from_this()`.
  bool FromSharedFromThis = false;
  /// The store happens in a constructor or setter called here.
  const clang::FunctionDecl *Through = nullptr;
  /// The class of `this` where the store is made.
  const clang::CXXRecordDecl *ThisClass = nullptr;
  /// Not a store but its undoing: `h->f.reset()`, `h->f = nullptr`.
  bool Breaks = false;
  /// The holder was made or held here and then moved into a field that
  /// owns it alone (`kids_.push_back(std::move(child))`): that store, and
  /// the field. Null otherwise.
  /// A local value copied into a field that holds it by value (`Track t;
  /// t.bus = ...; tracks_.push_back(t);`) keeps the links made into the
  /// local before the copy: the copy of such a link, with KeptCopy set.
  const clang::Expr *KeptAt = nullptr;
  const clang::FieldDecl *KeptIn = nullptr;
  bool KeptCopy = false;
};

/// A call whose callee this TU has no body of (a setter defined in another
/// .cpp), on an object the caller names, passing shared owners: the TU cannot
/// tell what it stores; whole-program mode can.
struct OpaqueCall {
  const clang::FunctionDecl *Callee = nullptr;
  ObjectName Object;
  llvm::SmallVector<const clang::Expr *, 2> Args;
  /// What each argument keeps alive, as carriedOwner() names it.
  llvm::SmallVector<ObjectName, 2> Carried;
};

/// A store of an owner into a field of what a local points at that the
/// function reassigns (`last->next = first` after a loop moved `last`): the
/// local names no one object across the function, so whether the store
/// closes a cycle is for who reads the function whole.
struct MovedLocalStore {
  const clang::MemberExpr *Member = nullptr;
  const clang::Expr *Value = nullptr;
};

/// Finds the links of function bodies; remembers which parameters each
/// constructor or setter stores into which fields, also through methods it
/// hands them to (up to MaxForwardingDepth calls deep).
class OwnershipLinks {
public:
  explicit OwnershipLinks(const ContainerTypes &Containers)
      : Containers(Containers) {}

  /// The links \p F makes. With \p Opaque, also the calls it makes that
  /// could store owners but whose callee has no body here; with
  /// \p MovedLocals, its stores through locals it reassigns.
  llvm::SmallVector<OwnershipLink, 4>
  collect(const clang::FunctionDecl *F,
          llvm::SmallVectorImpl<OpaqueCall> *Opaque = nullptr,
          llvm::SmallVectorImpl<MovedLocalStore> *MovedLocals = nullptr);

  const ContainerTypes &containers() const { return Containers; }

  /// True when \p Field holds shared owners: std::shared_ptr (alone or in a
  /// container), handle classes, or values with such fields.
  bool isSharedOwnerField(const clang::FieldDecl *Field) const;
  /// True when \p Field owns its objects alone: a std::unique_ptr, or a
  /// container of them.
  bool isUniqueOwnerField(const clang::FieldDecl *Field) const;
  bool holdsSharedOwners(clang::QualType T, unsigned Depth) const;

  /// The object a stored value keeps alive through a shared owner: what a
  /// shared_ptr names, what a handle class shares (`*this` of a handle
  /// names `this->content`), or what a value built by a visible constructor
  /// keeps from its argument (`Step(*this, i)`). Unknown otherwise.
  ObjectName carriedOwner(const clang::Expr *Value,
                          const ReassignedSet &Reassigned, unsigned Depth = 0);

  /// The list of values \p E was made from when it is one (`Entry{a, b}`)
  /// or a copy of a local listed so, not assigned again (\p Reassigned) and
  /// with no field written since: `Entry e{a, b}; ... e`. \p E otherwise.
  const clang::Expr *listedValue(const clang::Expr *E,
                                 const ReassignedSet &Reassigned);

  struct ParamStore {
    unsigned Param;
    const clang::FieldDecl *Field;
    /// The stored expression in the callee's body. Null when the store was
    /// read from the tokens of a body the host skipped (SkippedBodies.h).
    const clang::Expr *Value;
    /// Where the store is, for notes.
    clang::SourceLocation Where;
    /// The owning fields from the function's object (or the object of
    /// parameter \c On) to the object whose \c Field receives the
    /// parameter: empty for a field of that object itself, `channel_` when
    /// `setOnRead(cb)` calls `channel_->setReadCallback(cb)`.
    llvm::SmallVector<const clang::FieldDecl *, 1> Via = {};
    /// When the store goes into the object another parameter refers to
    /// (by reference, pointer or shared owner), not the function's own:
    /// that parameter. `install(Channel &ch, F cb)` calling
    /// `ch.setReadCallback(cb)` stores parameter 1 on parameter 0.
    std::optional<unsigned> On = {};
    /// When the function forwards its parameter instead of storing it:
    /// the method it hands it to, and where (the call in its body).
    const clang::FunctionDecl *HandedTo = nullptr;
    clang::SourceLocation HandedOn = {};
    /// The method that makes the store, at the end of the forwarding; null
    /// when the function stores the parameter itself.
    const clang::FunctionDecl *StoredBy = nullptr;
    /// How many hand-overs lead to the store: 0 when the function stores
    /// the parameter itself. At most MaxForwardingDepth.
    unsigned HandOvers = 0;
    /// When the function stores (or hands on) not the parameter itself but
    /// a callable it makes that holds it (`bus.subscribe([p] { p->on(); })`):
    /// that callable, in the function's own body. Null otherwise.
    const clang::Expr *Carrier = nullptr;

    /// The object whose \c Field receives the parameter, when the call is
    /// made on \p Object: \p Object followed through \c Via.
    ObjectName holderIn(ObjectName Object) const {
      for (const clang::FieldDecl *Step : Via)
        Object.Path.push_back(PathStep{Step, nullptr});
      return Object;
    }
    /// The same at a call whose arguments are \p Args, named by \p Name:
    /// the argument for \c On is the object, when there is one. Unknown
    /// when the call passes no such argument.
    ObjectName
    holderAt(const ObjectName &Object, llvm::ArrayRef<const clang::Expr *> Args,
             llvm::function_ref<ObjectName(const clang::Expr *)> Name) const {
      if (!On)
        return holderIn(Object);
      if (*On >= Args.size())
        return ObjectName();
      return holderIn(Name(Args[*On]));
    }
  };
  /// Which parameters \p F stores into fields of its object or of objects
  /// it owns (`this->f = p`, `f.push_back(p)`, `owned_->set(p)` where `set`
  /// stores its parameter), or of objects other parameters refer to
  /// (`ch.set(p)`, `attach(ch, p)` where `attach` does), computed once per
  /// function. Forwarding is
  /// followed through at most MaxForwardingDepth hand-overs, whichever
  /// function asks first; a function reached again while its own summary is
  /// being made contributes nothing (recursion ends). A summary cut short
  /// by either is not cached.
  llvm::ArrayRef<ParamStore> storedParams(const clang::FunctionDecl *F);
  static constexpr unsigned MaxForwardingDepth = 4;

  /// A store a factory (FreshResults.h) makes into the object it returns:
  /// `n->parent = p` in `Node::create(p)`.
  struct ReturnedStore {
    /// The owning steps from the returned object to the one whose \c Field
    /// is written: empty for a field of the returned object itself.
    llvm::SmallVector<PathStep, 1> Path;
    const clang::FieldDecl *Field = nullptr;
    /// The parameter stored, or none for the factory's own object (`this`,
    /// `shared_from_this()`).
    std::optional<unsigned> Param;
    /// The stored expression in the factory's body, for notes.
    const clang::Expr *Value = nullptr;
    bool FromSharedFromThis = false;
  };
  /// What \p F, a function returnsFreshObject() accepts, stores of its
  /// parameters or of its own object into the object it returns, computed
  /// once per function. A factory reached again while its own summary is
  /// being made contributes nothing.
  llvm::ArrayRef<ReturnedStore> returnedStores(const clang::FunctionDecl *F);

  /// What the call stores of its arguments: the callee's summary and, when
  /// the call dispatches virtually (through a pointer or a reference, not
  /// qualified), those of every overrider the translation unit defines,
  /// with \c StoredBy naming the overrider.
  llvm::SmallVector<ParamStore, 2>
  storesOfCall(const clang::CXXMemberCallExpr *Call);
  /// The same for any call: a free or static function's summary, whose
  /// stores all name the parameter they go to (\c On); a member call as
  /// above. Empty for the standard library and calls through pointers.
  llvm::SmallVector<ParamStore, 2> storesOfCall(const clang::CallExpr *Call);

  /// The arguments of \p Call that its callee (per storesOfCall()) stores
  /// into fields holding one value, not into collections, with each field:
  /// `setOnMessage(nullptr)` empties what `setOnMessage(cb)` fills.
  llvm::SmallVector<std::pair<const clang::Expr *, const clang::FieldDecl *>,
                    2>
  singleValueStores(const clang::CallExpr *Call);

  /// Fields some code removes elements from (`queue.pop_front()`): a
  /// collection that is drained holds its elements only for a while.
  bool isDrained(const clang::FieldDecl *F);
  /// Fields every element leaves in turn: popped or swapped away into a
  /// local (a job queue), not only erased by key (a child removed on
  /// request) or cleared in a teardown.
  bool isEmptiedInTurn(const clang::FieldDecl *F) const {
    return EmptiedInTurn.count(F->getCanonicalDecl());
  }
  void markEmptiedInTurn(const clang::FieldDecl *F) {
    EmptiedInTurn.insert(F->getCanonicalDecl());
  }
  /// For a host that matched part of the TU (clangd): isDrained() also
  /// reads the members of a field's class whose bodies the host skipped,
  /// once per class, since nothing matched them (SkippedBodies.h).
  void readClassesOnDemand() { OnDemand = true; }
  void markDrained(const clang::FieldDecl *F, const clang::FunctionDecl *By) {
    auto &By_ = Drainers[F->getCanonicalDecl()];
    if (!llvm::is_contained(By_, By))
      By_.push_back(By);
  }
  /// Each drained field with the functions that drain it.
  const llvm::DenseMap<const clang::FieldDecl *,
                       llvm::SmallVector<const clang::FunctionDecl *, 1>> &
  drainers() const {
    return Drainers;
  }

  void clear() {
    Summaries.clear();
    Uncached.clear();
    Overriders.reset();
    Drainers.clear();
    EmptiedInTurn.clear();
    ReadClasses.clear();
    FieldWrittenLocals.clear();
    Returned.clear();
    OnDemand = false;
  }

private:
  const ContainerTypes &Containers;
  llvm::DenseMap<const clang::FieldDecl *,
                 llvm::SmallVector<const clang::FunctionDecl *, 1>>
      Drainers;
  llvm::DenseSet<const clang::CXXRecordDecl *> ReadClasses;
  llvm::DenseSet<const clang::FieldDecl *> EmptiedInTurn;
  /// Per factory, what it stores into the object it returns; boxed, as a
  /// summary is read while others are added.
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::unique_ptr<llvm::SmallVector<ReturnedStore, 1>>>
      Returned;
  llvm::DenseSet<const clang::FunctionDecl *> ReturnedInProgress;
  /// Per function, its locals whose fields it writes (listedValue()).
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::DenseSet<const clang::VarDecl *>>
      FieldWrittenLocals;
  bool OnDemand = false;
  // Boxed: a summary is read while others are added (forwarding, and
  // carriedOwner() during a caller's walk over a summary).
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::unique_ptr<llvm::SmallVector<ParamStore, 2>>>
      Summaries;
  /// Summaries cut short, kept alive for the callers' ArrayRefs.
  std::vector<std::unique_ptr<llvm::SmallVector<ParamStore, 2>>> Uncached;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
  /// The overriders of each virtual method (canonical), over the whole TU;
  /// built the first time a virtual call asks.
  std::optional<llvm::DenseMap<const clang::CXXMethodDecl *,
                               llvm::SmallVector<const clang::CXXMethodDecl *,
                                                 2>>>
      Overriders;
  void indexOverriders(const clang::ASTContext &Ctx);
  unsigned ForwardingDepth = 0;
  bool Truncated = false;
};

/// True for the names of the container methods that add elements.
bool isGrowthMethod(llvm::StringRef Name);
/// True for the names of the container methods that take elements out.
bool isDrainMethod(llvm::StringRef Name);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_OWNERSHIPLINKS_H
