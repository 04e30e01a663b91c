#!/usr/bin/env bash
# README command 1: install what is missing, build, and run every leak-* check
# on the bundled examples/ project. Prints the diagnostics, then the fix-its
# as a diff (applied to a copy; examples/ itself is never changed).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${LEAKLINT_BUILD_DIR:-$root/build}"
LLVM_MAJOR="${LEAKLINT_LLVM_MAJOR:-22}"
tidy="/usr/lib/llvm-${LLVM_MAJOR}/bin/clang-tidy"

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

# A copy of the examples with their own compile_commands.json.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples" "$work/examples"
cmake -S "$work/examples" -B "$work/examples/build" -G Ninja \
  -DCMAKE_CXX_COMPILER="/usr/lib/llvm-${LLVM_MAJOR}/bin/clang++" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
sources=$(cd "$work/examples" && ls src/*.cpp)

echo
echo "== leak-* diagnostics on examples/ =="
(cd "$work/examples" && "$tidy" --load="$build/lib/LeakLint.so" -checks='-*,leak-*' \
  -p build --header-filter='.*examples.*' $sources 2>&1 \
  | grep -v '^[0-9]* warnings\? generated\.$' | sed "s|$work/||g" || true)

echo
echo "== fix-its (clang-tidy --fix on a copy), as a diff =="
(cd "$work/examples" && "$tidy" --load="$build/lib/LeakLint.so" -checks='-*,leak-*' \
  -p build --fix --header-filter='.*examples.*' $sources >/dev/null 2>&1 || true)
for f in $sources; do
  diff -u --label "examples/$f" --label "examples/$f (fixed)" \
    "$root/examples/$f" "$work/examples/$f" || true
done

echo
echo "== the fixed copy still builds =="
cmake --build "$work/examples/build" >/dev/null && echo "examples build after --fix: OK"
