#!/usr/bin/env bash
# Installs what leaklint needs from Debian's packages, and nothing when it is
# all there already (so repeated runs and CI stay fast and offline-friendly).
# Run as root on Debian 12 (bookworm); LLVM 22 comes from bookworm-security.
set -euo pipefail

LLVM_MAJOR="${LEAKLINT_LLVM_MAJOR:-22}"
packages=(
  "clang-${LLVM_MAJOR}" "clang-tidy-${LLVM_MAJOR}" "libclang-${LLVM_MAJOR}-dev"
  "llvm-${LLVM_MAJOR}-dev" "llvm-${LLVM_MAJOR}-tools" "libclang-rt-${LLVM_MAJOR}-dev"
  # leaklint-clangd links clangd, whose remote index Debian builds with gRPC.
  libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc
  cmake ninja-build python3
  # The SARIF tests validate against the schema with a real validator; the
  # recipe tests run the pre-commit hook and build the .deb (dpkg-shlibdeps).
  python3-jsonschema python3-yaml pre-commit dpkg-dev
  # Headers only: the tests lint the asio keep-alive idiom with the real library.
  libasio-dev
)

exec "$(dirname "$0")/install-packages.sh" install-deps "${packages[@]}"
