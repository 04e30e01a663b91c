//===--- CheckGlobs.cpp - clang-tidy's check list syntax ------------------===//
#include "CheckGlobs.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace leaklint {

bool matchesGlob(llvm::StringRef Pattern, llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Pattern.split(Parts, '*');
  if (Parts.size() == 1)
    return Pattern == Name;
  if (!Name.consume_front(Parts.front()) || !Name.consume_back(Parts.back()))
    return false;
  for (llvm::StringRef Middle :
       llvm::ArrayRef<llvm::StringRef>(Parts).drop_front().drop_back()) {
    size_t At = Name.find(Middle);
    if (At == llvm::StringRef::npos)
      return false;
    Name = Name.drop_front(At + Middle.size());
  }
  return true;
}

CheckGlobs::CheckGlobs(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Items;
  List.split(Items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    bool Positive = !Item.consume_front("-");
    if (!Item.empty())
      Globs.push_back({Item.str(), Positive});
  }
}

bool CheckGlobs::contains(llvm::StringRef Check) const {
  bool Selected = false;
  for (const Glob &G : Globs)
    if (matchesGlob(G.Pattern, Check))
      Selected = G.Positive;
  return Selected;
}

std::vector<std::string> CheckGlobs::unmatchedPositives(
    const std::vector<llvm::StringRef> &Known) const {
  std::vector<std::string> Unmatched;
  for (const Glob &G : Globs) {
    if (!G.Positive)
      continue;
    bool Any = false;
    for (llvm::StringRef Name : Known)
      Any = Any || matchesGlob(G.Pattern, Name);
    if (!Any)
      Unmatched.push_back(G.Pattern);
  }
  return Unmatched;
}

} // namespace leaklint
