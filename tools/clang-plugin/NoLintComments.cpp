//===--- NoLintComments.cpp - clang-tidy's NOLINT comments ----------------===//
#include "NoLintComments.h"
#include "CheckGlobs.h"
#include <cctype>

namespace leaklint {
namespace {

// After a marker: no list selects every check; `(globs)` selects those.
bool markerSelects(llvm::StringRef AfterMarker, llvm::StringRef Check) {
  if (!AfterMarker.consume_front("("))
    return true;
  size_t Close = AfterMarker.find(')');
  if (Close == llvm::StringRef::npos)
    return true; // clang-tidy too treats an unclosed list as "all"
  return CheckGlobs(AfterMarker.take_front(Close)).contains(Check);
}

// Whether \p Line holds \p Marker (not as the prefix of a longer marker)
// selecting \p Check.
bool lineSuppresses(llvm::StringRef Line, llvm::StringRef Marker,
                    llvm::StringRef Check) {
  for (size_t At = Line.find(Marker); At != llvm::StringRef::npos;
       At = Line.find(Marker, At + 1)) {
    llvm::StringRef After = Line.drop_front(At + Marker.size());
    if (!After.empty() &&
        (std::isalnum(static_cast<unsigned char>(After[0])) || After[0] == '_'))
      continue; // NOLINTNEXTLINE is not NOLINT
    if (markerSelects(After, Check))
      return true;
  }
  return false;
}

// Whether an unclosed NOLINTBEGIN selecting \p Check precedes \p Offset.
bool insideNoLintRegion(llvm::StringRef Buffer, size_t Offset,
                        llvm::StringRef Check) {
  int Open = 0;
  llvm::StringRef Before = Buffer.take_front(Offset);
  for (size_t At = Before.find("NOLINT"); At != llvm::StringRef::npos;
       At = Before.find("NOLINT", At + 1)) {
    llvm::StringRef Rest = Before.drop_front(At + 6);
    if (Rest.consume_front("BEGIN") && markerSelects(Rest, Check))
      ++Open;
    else if (Rest.consume_front("END") && markerSelects(Rest, Check) && Open)
      --Open;
  }
  return Open > 0;
}

} // namespace

bool isSuppressedByNoLint(const clang::SourceManager &SM,
                          clang::SourceLocation Loc, llvm::StringRef Check) {
  Loc = SM.getExpansionLoc(Loc);
  if (Loc.isInvalid())
    return false;
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return false;

  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Buffer.find('\n', Offset);
  llvm::StringRef Line = Buffer.slice(LineStart, LineEnd);
  if (lineSuppresses(Line, "NOLINT", Check))
    return true;
  if (LineStart > 0) {
    llvm::StringRef Above = Buffer.take_front(LineStart - 1);
    size_t AboveStart = Above.rfind('\n');
    Above = Above.drop_front(
        AboveStart == llvm::StringRef::npos ? 0 : AboveStart + 1);
    if (lineSuppresses(Above, "NOLINTNEXTLINE", Check))
      return true;
  }
  return insideNoLintRegion(Buffer, Offset, Check);
}

} // namespace leaklint
