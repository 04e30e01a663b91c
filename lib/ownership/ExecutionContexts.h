//===--- ExecutionContexts.h - Which event loop keeps a handler -*- C++ -*-===//
//
// Handing a callable to an asynchronous operation (`socket_.async_read(buf,
// handler)`, `timer_.async_wait(handler)`, `asio::post(ctx, handler)`) gives it
// to the execution context that runs the I/O object: the context keeps the
// handler until it runs it or is destroyed. A handler holding the object
// alive is the keep-alive idiom when that context is someone else's (an
// io_context passed by reference); when the object owns the context itself
// (a by-value or unique_ptr member), nothing outside can ever break the
// cycle. This names the context an I/O object's handlers go to, when the
// class says so in its constructors.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_EXECUTIONCONTEXTS_H
#define LEAKLINT_LIB_OWNERSHIP_EXECUTIONCONTEXTS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace leaklint {

/// True for an execution context (a class deriving from asio's or
/// boost::asio's `execution_context`, or named `io_context`/`io_service` in
/// those namespaces), held by value or through a unique_ptr.
bool isOwnedExecutionContextType(clang::QualType T);

/// An asynchronous operation that stores its completion handler in the
/// context of an I/O object.
struct AsyncOperation {
  /// The I/O object or context the operation is started on.
  const clang::Expr *IoObject = nullptr;
  /// The completion handler.
  const clang::Expr *Handler = nullptr;
  /// The operation's name, for messages.
  llvm::StringRef Name;
};

/// \p Call as an asynchronous operation: a member function named `async_*`,
/// `post`, `dispatch` or `defer` of a class (not of std), or asio's free
/// `async_*`/`post`/`dispatch`/`defer` on a stream, context or executor; the
/// handler is the last argument.
std::optional<AsyncOperation> asAsyncOperation(const clang::CallExpr *Call);

class ExecutionContexts {
public:
  /// The field of the same class that holds the execution context \p IoField
  /// runs on: \p IoField itself when it is a context, else the context field
  /// its constructors pass as the first argument when they make it
  /// (`socket_(io_)`, `desc_(new stream_descriptor(io_, fd))`,
  /// `desc_ = std::make_unique<T>(io_)`, or a default member initialiser
  /// `timer_{io_}`). Null when unknown or when some constructor makes it on
  /// another context. Cached.
  const clang::FieldDecl *contextOf(const clang::FieldDecl *IoField);

  void clear() { Cache.clear(); }

private:
  llvm::DenseMap<const clang::FieldDecl *, const clang::FieldDecl *> Cache;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_EXECUTIONCONTEXTS_H
