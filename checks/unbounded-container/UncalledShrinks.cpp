//===--- UncalledShrinks.cpp - Removals in code that never runs -----------===//
//
// A registry whose `remove()` nobody calls is not bounded by it (a clear
// or other wholesale shrink still counts, called or not: Shrinks.cpp):
//
//   class Registry {                  // defined in this .cpp
//     void add(Widget *W) { Items.push_back(W); }
//     void remove(Widget *W) { std::erase(Items, W); }   // never called
//   };
//
// A shrink counts only when the function around it can run. That is known
// only for a function no other translation unit can call: one with internal
// linkage, or a method of a class defined in the main file. Such a function
// runs when something in this TU names it: a call, its address, a member
// pointer (`&Registry::remove` handed to std::bind), or a dependent name of
// the same spelling in a template. Constructors, destructors, conversions,
// operators and virtual functions run without being named, and count as
// called; so does a shrink in a lambda, which may be stored and run later.
// The TU is read for names once, and only when a container has no shrink
// but in such functions.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/UncalledFunctions.h"

using namespace clang;

namespace leaklint {

const FunctionDecl *
UnboundedContainer::uncalledFunctionAround(const Expr *Site) {
  const FunctionDecl *F = functionAt(Site->getBeginLoc());
  if (!F || !UncalledFunctions::onlyThisTUCanCall(F))
    return nullptr;
  // Called directly (recordCall() saw every call): named, no need to read
  // the TU.
  if (CallSites.count(origin(F)))
    return nullptr;
  return Uncalled.isUncalled(F) ? F : nullptr;
}

} // namespace leaklint
