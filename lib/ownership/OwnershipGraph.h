//===--- OwnershipGraph.h - Which classes own which, by their fields -*- C++
//-*-===//
//
// Strong edges A -> B for every field of A that owns a B: shared_ptr<B>,
// unique_ptr<B>, B by value, a handle class sharing a B (see handleField()),
// and these inside standard containers, optional,
// variant, pair, tuple and arrays. An owning pointer to a base class is also
// an edge to every class derived from it in the translation unit. weak_ptr,
// raw pointers and references are not edges. Built once per translation unit;
// strongly connected components by Tarjan's algorithm, linear in fields.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_OWNERSHIPGRAPH_H
#define LEAKLINT_LIB_OWNERSHIP_OWNERSHIPGRAPH_H

#include "ContainerTypes.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace leaklint {

enum class OwnershipKind {
  Shared, ///< std::shared_ptr (or a configured shared owner)
  Unique, ///< std::unique_ptr
  Value,  ///< held by value
};

/// One way a field's type owns objects of a class.
struct OwnedClass {
  const clang::CXXRecordDecl *Class;
  OwnershipKind Kind;
  /// Inside a container (a collection of owners, not a single one).
  bool InContainer;
};

/// The classes \p T owns, looking through containers and wrappers.
llvm::SmallVector<OwnedClass, 2> ownedClasses(clang::QualType T,
                                              const ContainerTypes &Containers);

/// A handle class: a program class whose only state (bases included) is one
/// shared owner, copied by the implicit copy constructor, like
/// `class Tensor { std::shared_ptr<Content> content; };`. A copy of a handle
/// shares the same object, so a handle held by value is a shared owner of
/// what its field points to. Returns that field, or null. \p Containers adds
/// the configured shared owners.
const clang::FieldDecl *handleField(const clang::CXXRecordDecl *RD,
                                    const ContainerTypes *Containers = nullptr);

/// The single std::shared_ptr<T> (or boost::shared_ptr<T>) \p T is, if it is
/// one: its T. Null otherwise.
const clang::CXXRecordDecl *sharedPointee(clang::QualType T);
/// True when \p T is a std::unique_ptr.
bool isUniqueOwner(clang::QualType T);

/// True when an object of \p Class is, or lives inside, one of \p Roots'
/// objects: one of those classes, a base or derived class of one, or a
/// class they own (by value, unique_ptr, shared_ptr, in containers) a few
/// hops down. Such an object's destructor runs only after a root's does.
bool livesWithin(const clang::CXXRecordDecl *Class,
                 llvm::ArrayRef<const clang::CXXRecordDecl *> Roots,
                 const ContainerTypes &Containers);

struct OwnershipEdge {
  const clang::FieldDecl *Field;
  const clang::CXXRecordDecl *To;
  OwnershipKind Kind;
  bool InContainer;
  /// The field's type names a base of To; To is one of its derived classes.
  bool ThroughBase;
};

class OwnershipGraph {
public:
  explicit OwnershipGraph(const ContainerTypes &Containers)
      : Containers(Containers) {}

  /// Adds a complete, non-dependent class. Call for every class first.
  void addClass(const clang::CXXRecordDecl *RD);
  /// Computes the edges and the strongly connected components.
  void build();

  llvm::ArrayRef<OwnershipEdge> edgesFrom(const clang::CXXRecordDecl *RD) const;
  /// The component of \p RD, or -1 when it is in no cycle.
  int cycleOf(const clang::CXXRecordDecl *RD) const;
  /// Edges from \p From to \p To through classes of one cycle, shortest
  /// first; empty when there is no such path.
  llvm::SmallVector<const OwnershipEdge *, 4>
  path(const clang::CXXRecordDecl *From, const clang::CXXRecordDecl *To) const;
  /// The classes that are part of a cycle, grouped by component.
  std::vector<std::vector<const clang::CXXRecordDecl *>> cycles() const;

  /// True when \p Field owns objects of \p Class (or of a class derived from
  /// the class it names).
  bool fieldOwns(const clang::FieldDecl *Field,
                 const clang::CXXRecordDecl *Class) const;

  void clear();

private:
  const ContainerTypes &Containers;
  std::vector<const clang::CXXRecordDecl *> Classes;
  llvm::DenseMap<const clang::CXXRecordDecl *, unsigned> Index;
  std::vector<std::vector<OwnershipEdge>> Edges;
  std::vector<int> Component;
  std::vector<bool> InCycle;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_OWNERSHIPGRAPH_H
