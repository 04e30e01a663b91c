//===--- LibraryFunctions.h - Which library function a call is -*- C++ -*-===//
//
// The analyses recognise a handful of library functions by name: std::move,
// std::make_shared, std::erase, the bind family. One spelling of "this
// function is std::<one of these names>" keeps them in agreement.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_LIBRARYFUNCTIONS_H
#define LEAKLINT_LIB_CODE_LIBRARYFUNCTIONS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace leaklint {

/// True when \p FD is a function of namespace std (inline namespaces
/// included) named one of \p Names. Null is no function.
bool isStdFunction(const clang::FunctionDecl *FD,
                   llvm::ArrayRef<llvm::StringRef> Names);

/// The names of the std functions that can empty or shrink what their first
/// argument names (both arguments, for swap): erase, erase_if, swap,
/// exchange, and move, which hands the contents to someone else.
llvm::ArrayRef<llvm::StringRef> emptyingStdFunctions();

/// True when \p FD is a member function of a class of namespace std other
/// than swap: what it is handed by non-const reference (the forwarding
/// references of emplace, try_emplace, emplace_back) it copies or moves
/// from, and writes none of it.
bool isStdMemberKeepingArguments(const clang::FunctionDecl *FD);

/// std::bind, std::bind_front, std::bind_back or boost::bind: the callable
/// they return holds copies of their arguments.
bool isBindFunction(const clang::FunctionDecl *FD);

/// What `std::move(x)` or `std::forward<T>(x)` hands on: `x`, as written;
/// \p E itself otherwise.
const clang::Expr *movedFrom(const clang::Expr *E);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_LIBRARYFUNCTIONS_H
