# Locates the Debian LLVM/Clang development packages of LEAKLINT_LLVM_MAJOR and
# fails early with the package names to install, instead of failing later in a
# compiler error about a missing header.
set(_leaklint_llvm_prefix "/usr/lib/llvm-${LEAKLINT_LLVM_MAJOR}")
set(_leaklint_packages
  "clang-${LEAKLINT_LLVM_MAJOR} clang-tidy-${LEAKLINT_LLVM_MAJOR} libclang-${LEAKLINT_LLVM_MAJOR}-dev llvm-${LEAKLINT_LLVM_MAJOR}-dev llvm-${LEAKLINT_LLVM_MAJOR}-tools")

# LLVM's version file accepts only an exact major.minor, so the major is
# compared below instead of being requested here.
find_package(LLVM CONFIG QUIET NO_DEFAULT_PATH
  HINTS "${_leaklint_llvm_prefix}/lib/cmake/llvm")
if(NOT LLVM_FOUND)
  message(FATAL_ERROR
    "leaklint needs LLVM ${LEAKLINT_LLVM_MAJOR} (found: ${LLVM_PACKAGE_VERSION}).\n"
    "Install it with:  apt-get install ${_leaklint_packages}\n"
    "or run scripts/setup.sh, which does that for you.")
endif()
if(NOT LLVM_VERSION_MAJOR EQUAL LEAKLINT_LLVM_MAJOR)
  message(FATAL_ERROR
    "leaklint is configured for LLVM ${LEAKLINT_LLVM_MAJOR} but found LLVM "
    "${LLVM_PACKAGE_VERSION} at ${LLVM_DIR}. Install: apt-get install ${_leaklint_packages}")
endif()

# Debian builds clangd with its gRPC remote index, so Clang's exported targets
# name gRPC and protobuf targets: they must exist before Clang's are loaded.
file(STRINGS "${LLVM_INSTALL_PREFIX}/lib/cmake/clang/ClangTargets.cmake"
  _leaklint_needs_grpc REGEX "gRPC::grpc")
if(_leaklint_needs_grpc)
  find_package(gRPC CONFIG QUIET)
  find_package(Protobuf QUIET)
  if(NOT gRPC_FOUND OR NOT Protobuf_FOUND)
    message(FATAL_ERROR
      "Clang ${LEAKLINT_LLVM_MAJOR}'s clangd targets need gRPC and protobuf.\n"
      "Install them with:  apt-get install libgrpc++-dev libprotobuf-dev")
  endif()
endif()

find_package(Clang CONFIG QUIET HINTS "${LLVM_INSTALL_PREFIX}/lib/cmake/clang"
  NO_DEFAULT_PATH)
if(NOT Clang_FOUND)
  message(FATAL_ERROR
    "leaklint needs the Clang ${LEAKLINT_LLVM_MAJOR} development files.\n"
    "Install them with:  apt-get install ${_leaklint_packages}")
endif()

set(LEAKLINT_TIDY_INCLUDE_DIR "${LLVM_INSTALL_PREFIX}/include/clang-tidy")
if(NOT EXISTS "${LEAKLINT_TIDY_INCLUDE_DIR}/ClangTidyCheck.h")
  message(FATAL_ERROR
    "clang-tidy headers not found in ${LEAKLINT_TIDY_INCLUDE_DIR}.\n"
    "Install them with:  apt-get install libclang-${LEAKLINT_LLVM_MAJOR}-dev")
endif()

set(LEAKLINT_LLVM_BINDIR "${LLVM_TOOLS_BINARY_DIR}")
message(STATUS "leaklint: LLVM ${LLVM_PACKAGE_VERSION} at ${LLVM_INSTALL_PREFIX}")

# Flags every leaklint target shares with the LLVM it is loaded into.
add_library(leaklint_llvm_flags INTERFACE)
target_include_directories(leaklint_llvm_flags SYSTEM INTERFACE
  ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS} ${LEAKLINT_TIDY_INCLUDE_DIR})
separate_arguments(_leaklint_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_definitions(leaklint_llvm_flags INTERFACE
  LEAKLINT_LLVM_MAJOR=${LEAKLINT_LLVM_MAJOR})
target_compile_options(leaklint_llvm_flags INTERFACE ${_leaklint_llvm_defs}
  -fno-exceptions -fvisibility-inlines-hidden
  # Our own code builds warning-free with these; keep it so.
  -Wall -Wextra -Wno-unused-parameter)
if(NOT LLVM_ENABLE_RTTI)
  target_compile_options(leaklint_llvm_flags INTERFACE -fno-rtti)
endif()
