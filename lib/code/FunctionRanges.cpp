//===--- FunctionRanges.cpp - Which function a location is in -------------===//
#include "code/FunctionRanges.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <tuple>

using namespace clang;

namespace leaklint {

FunctionRanges::FunctionRanges(ArrayRef<const FunctionDecl *> Functions,
                               const SourceManager &SM)
    : SM(SM) {
  Entries.reserve(Functions.size());
  for (const FunctionDecl *F : Functions) {
    auto [BeginFile, Begin] =
        SM.getDecomposedLoc(SM.getExpansionLoc(F->getBeginLoc()));
    auto [EndFile, End] =
        SM.getDecomposedLoc(SM.getExpansionLoc(F->getEndLoc()));
    // A definition that starts and ends in different files (an #include
    // inside its body) holds nothing a question can name reliably.
    if (BeginFile.isInvalid() || BeginFile != EndFile || End < Begin)
      continue;
    Entries.push_back(
        {BeginFile, Begin, End, static_cast<unsigned>(Entries.size()), F});
  }
  // Definitions that share a start (a template and its instantiations) in
  // reverse order: findAt() reads backwards, and meets the first one first.
  llvm::sort(Entries, [](const Entry &A, const Entry &B) {
    return std::tie(A.File, A.Begin, B.Order) <
           std::tie(B.File, B.Begin, A.Order);
  });
}

const FunctionDecl *FunctionRanges::findAt(
    SourceLocation Loc,
    llvm::function_ref<bool(const FunctionDecl *)> Accept) const {
  if (Loc.isInvalid())
    return nullptr;
  auto [File, Offset] = SM.getDecomposedLoc(SM.getExpansionLoc(Loc));
  // The definitions of File that start at or before Offset, latest first:
  // among those that hold Offset, a later start is an inner definition.
  auto Last = std::upper_bound(
      Entries.begin(), Entries.end(), std::make_pair(File, Offset),
      [](const std::pair<FileID, unsigned> &Key, const Entry &E) {
        return std::tie(Key.first, Key.second) < std::tie(E.File, E.Begin);
      });
  for (auto It = std::make_reverse_iterator(Last); It != Entries.rend();
       ++It) {
    if (It->File != File)
      break;
    if (Offset <= It->End && Accept(It->F))
      return It->F;
  }
  return nullptr;
}

const FunctionDecl *FunctionRanges::innermostAt(SourceLocation Loc) const {
  return findAt(Loc, [](const FunctionDecl *) { return true; });
}

} // namespace leaklint
