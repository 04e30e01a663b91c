//===--- DroppedTokens.h - Entries only a dropped key can erase -*- C++ -*-===//
//
// Signals, event emitters and timer tables hand back a token for what they
// store: `int connect(Slot s) { slots_.emplace(next_, s); return next_++; }`,
// removed again by `void disconnect(int id) { slots_.erase(id); }`. When
// the key is fresh (a counter the storing method advances) and the only
// way to empty the map is an erase by a key its caller passes, a call that
// drops the token (`button.clicked.connect(...);` as a statement) leaves an
// entry nothing can name: no disconnect can remove it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_DROPPEDTOKENS_H
#define LEAKLINT_LIB_STORAGE_DROPPEDTOKENS_H

#include "clang/AST/Decl.h"

namespace leaklint {

/// True when \p Method stores into the map \p Field under a key built from a
/// member it increments, and returns that member on every path: the key is
/// fresh, and only the caller learns it.
bool returnsFreshKey(const clang::FunctionDecl *Method,
                     const clang::FieldDecl *Field);

/// True when every way \p F empties \p Field is `Field.erase(P)` for one of
/// its own parameters \p P of integer type: it removes only the entry whose
/// key its caller names.
bool erasesOnlyByKeyParameter(const clang::FunctionDecl *F,
                              const clang::FieldDecl *Field);

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_DROPPEDTOKENS_H
