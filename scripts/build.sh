#!/usr/bin/env bash
# Configures and builds leaklint into build/ (or $LEAKLINT_BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${LEAKLINT_BUILD_DIR:-$root/build}"
LLVM_MAJOR="${LEAKLINT_LLVM_MAJOR:-22}"

cxx="/usr/lib/llvm-${LLVM_MAJOR}/bin/clang++"

# leaklint-fuzz (docs/fuzzing.md) is built when this clang links a fuzzer
# with its libFuzzer runtime (libclang-rt-${LLVM_MAJOR}-dev), or as
# LEAKLINT_BUILD_FUZZER says; else it is not, and the suite's test/fuzz is
# unsupported.
have_fuzzer_runtime() {
  local dir status
  [ -x "$cxx" ] || return 1
  dir="$(mktemp -d)"
  printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
    'extern "C" int LLVMFuzzerTestOneInput(const uint8_t *, size_t) { return 0; }' \
    >"$dir/probe.cpp"
  status=0
  "$cxx" -fsanitize=fuzzer,address "$dir/probe.cpp" -o "$dir/probe" \
    >/dev/null 2>&1 || status=1
  rm -rf "$dir"
  return "$status"
}

if [ ! -f "$build/build.ninja" ]; then
  # LEAKLINT_BUILD_FUZZER=ON|OFF decides; unset, the fuzzer runtime does.
  fuzzer="${LEAKLINT_BUILD_FUZZER:-}"
  case "$fuzzer" in
    ON|OFF) ;;
    "") fuzzer=OFF; if have_fuzzer_runtime; then fuzzer=ON; fi ;;
    *) echo "build: LEAKLINT_BUILD_FUZZER='$fuzzer'; allowed: ON, OFF (or unset)" >&2
       exit 2 ;;
  esac
  # No compiler named: this is a new user's plain `cmake`, which must pick
  # the clang++ of the same LLVM by itself (CMakeLists.txt); every build of
  # this script, CI's included, shows that it does and that what it picks
  # links. test/cmake/default-compiler.test checks the choice it prints.
  env -u CXX -u CC cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DLEAKLINT_LLVM_MAJOR="$LLVM_MAJOR" \
    -DLEAKLINT_BUILD_FUZZER="$fuzzer" >/dev/null
fi
cmake --build "$build" -- -j"$(nproc)"
