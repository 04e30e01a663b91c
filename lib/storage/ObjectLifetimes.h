//===--- ObjectLifetimes.h - Classes whose every object lives forever -*- C++
//-*-===//
//
// A member lives as long as the program when every object of its class
// does. An object does when it is a singleton, the one object of a class
// seen only in static storage or as a local of `main()` outside its loops
// (`int main() { Server S; S.run(); }`: S dies only when the program ends), a by-value member of an object that lives as
// long as the program (at any depth), the base-class part of such an object
// (a container a singleton's base class declares), or a heap object made
// once per such
// object and handed to one of its members (`if (!m_owner.get())
// m_owner.start(new Worker)`, `m_impl = std::make_unique<Impl>()` in its
// constructor), or a value of a container that lives as long as the program
// and that nothing ever shrinks (`streams_[name].seen.insert(id)`: every
// entry of `streams_` stays). Objects anywhere else (locals, temporaries,
// parameters, heap objects no such member keeps, values of any other
// container) may die at any time.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_OBJECTLIFETIMES_H
#define LEAKLINT_LIB_STORAGE_OBJECTLIFETIMES_H

#include "storage/Singletons.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <string>
#include <vector>

namespace leaklint {

/// A heap object made by \p Creation and stored into the member \p Member of
/// the object that runs \p Site (`this`, of class \p Owner).
struct Handing {
  const clang::Expr *Creation;
  const clang::FieldDecl *Member;
  const clang::CXXRecordDecl *Owner;
  const clang::Stmt *Site;
  /// In a constructor's member initialiser: once per owner.
  bool InInitialiser = false;
};

/// Why the objects of a class live as long as the program.
struct ProgramLifetime {
  enum class Root { Singleton, StaticObject, StaticContainer };
  Root Kind;
  /// The class at the root: the singleton, or the class of the static object
  /// or of the static container's values.
  const clang::CXXRecordDecl *RootClass;
  /// From the class asked about up to the root, how each object is owned by
  /// the next: where, and what to say there. Empty for the root itself.
  struct Step {
    clang::SourceLocation Loc;
    std::string Note;
  };
  std::vector<Step> Chain;
  /// For a StaticObject root whose objects are all locals of `main()`: one
  /// of them, for the message and a note.
  const clang::VarDecl *MainLocal = nullptr;
  /// For a StaticContainer root: the container variable.
  const clang::VarDecl *RootContainer = nullptr;
  /// Set when the objects asked about are values of a container that never
  /// shrinks: that container (what grows inside them is its growth too).
  const clang::ValueDecl *ValuesOf = nullptr;
};

/// The heap object that \p E makes, seen through temporaries, std::move and
/// a smart pointer built from it: `new T(...)`, `std::make_unique<T>(...)`,
/// `std::make_shared<T>(...)`, `std::unique_ptr<T>(new T)`; else null.
const clang::Expr *heapCreation(const clang::Expr *E);
/// The class of the object \p Creation (from heapCreation()) makes.
const clang::CXXRecordDecl *createdClass(const clang::Expr *Creation);

/// True when \p H runs at most once per owner: in a constructor of its
/// owner (\p Where, the function around the handing), or only while a
/// condition on the receiving member holds (`if (!m_impl)`; also through a
/// local read from it: `auto t = m_owner.get(); if (!t) ...`).
bool runsOncePerOwner(const Handing &H, const clang::FunctionDecl *Where);

/// True when \p VD is a local variable of `main()` outside every loop of it
/// (and outside lambdas and local classes): it lives until `main()` returns,
/// as long as the program serves.
bool isMainLocal(const clang::VarDecl *VD, clang::ASTContext &Ctx);

class ObjectLifetimes {
public:
  /// An object in static storage, or \p MainLocal, a local of `main()`
  /// (isMainLocal()).
  void observeStaticObject(const clang::CXXRecordDecl *Class,
                           const clang::VarDecl *MainLocal = nullptr);
  /// A local, parameter or temporary of the class.
  void observeOtherObject(const clang::CXXRecordDecl *Class);
  /// A field whose type is a class: the object is part of its parent's.
  void observeField(const clang::FieldDecl *Field);
  /// A class definition: the objects of its bases are part of its objects.
  void observeClass(const clang::CXXRecordDecl *Def);
  /// A container variable or field whose values are objects of \p Class,
  /// held by value.
  void observeValues(const clang::ValueDecl *Container,
                     const clang::CXXRecordDecl *Class);
  /// A heap object made by `new` or `std::make_*`.
  void observeCreation(const clang::Expr *Creation);
  /// A heap object handed to a member of `this` (observeCreation() sees it
  /// too; this says who keeps it).
  void observeHanding(const Handing &H);

  /// Why every object of \p Class lives as long as the program, or
  /// std::nullopt. \p OncePerOwner says whether a handing runs at most once
  /// per owner; \p AllObjectsInView whether the translation unit shows every
  /// object of a class (an editor that matched the main file only does not
  /// see a header's); \p NeverShrinks whether nothing ever removes an
  /// entry of a container.
  std::optional<ProgramLifetime>
  programLifetime(const clang::CXXRecordDecl *Class, const Singletons &S,
                  llvm::function_ref<bool(const Handing &)> OncePerOwner,
                  llvm::function_ref<bool(const clang::CXXRecordDecl *)>
                      AllObjectsInView,
                  llvm::function_ref<bool(const clang::ValueDecl *)>
                      NeverShrinks) const;

  void clear();

private:
  struct Objects {
    unsigned Static = 0, Other = 0;
    /// How many of the Static ones are locals of `main()`, and the first.
    unsigned MainLocals = 0;
    const clang::VarDecl *MainLocal = nullptr;
    std::vector<const clang::FieldDecl *> Fields;
    /// Classes derived from this one: each of their objects has one of
    /// these inside.
    std::vector<const clang::CXXRecordDecl *> Derived;
    std::vector<const clang::Expr *> Creations;
    /// Containers that hold objects of this class by value.
    std::vector<const clang::ValueDecl *> ValuesIn;
  };
  struct Query {
    const Singletons &S;
    llvm::function_ref<bool(const Handing &)> OncePerOwner;
    llvm::function_ref<bool(const clang::CXXRecordDecl *)> AllObjectsInView;
    llvm::function_ref<bool(const clang::ValueDecl *)> NeverShrinks;
  };
  std::optional<ProgramLifetime> lookup(const clang::CXXRecordDecl *Class,
                                        const Query &Q, unsigned Depth) const;

  llvm::DenseMap<const clang::CXXRecordDecl *, Objects> ByClass;
  llvm::DenseMap<const clang::Expr *, Handing> Handed;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_OBJECTLIFETIMES_H
