#!/usr/bin/env bash
# Configures and builds leaklint into build/ (or $LEAKLINT_BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${LEAKLINT_BUILD_DIR:-$root/build}"
LLVM_MAJOR="${LEAKLINT_LLVM_MAJOR:-22}"

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DLEAKLINT_LLVM_MAJOR="$LLVM_MAJOR" \
    -DCMAKE_CXX_COMPILER="/usr/lib/llvm-${LLVM_MAJOR}/bin/clang++" >/dev/null
fi
cmake --build "$build" -- -j"$(nproc)"
