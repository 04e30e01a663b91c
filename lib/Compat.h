//===--- Compat.h - The one place for LLVM version differences -*- C++ -*-===//
//
// leaklint builds against one LLVM major version at a time. Any API that
// differs between supported versions gets a wrapper here, so that #if ladders
// do not spread through the checks.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_COMPAT_H
#define LEAKLINT_LIB_COMPAT_H

#include "llvm/Config/llvm-config.h"

#if LLVM_VERSION_MAJOR != LEAKLINT_LLVM_MAJOR
#error "LLVM headers do not match LEAKLINT_LLVM_MAJOR; reconfigure the build"
#endif

// The header that declares clang::tidy::ClangTidyModuleRegistry. 19 has it
// only in ClangTidyModuleRegistry.h; 22 moved it into ClangTidyModule.h and
// #warns on the old header. A macro, so lib/ itself includes no clang-tidy.
#if LLVM_VERSION_MAJOR >= 22
#define LEAKLINT_TIDY_MODULE_REGISTRY_H "ClangTidyModule.h"
#else
#define LEAKLINT_TIDY_MODULE_REGISTRY_H "ClangTidyModuleRegistry.h"
#endif

#endif // LEAKLINT_LIB_COMPAT_H
