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

# The same checks through the other front ends, on a fresh copy.
rm -rf "$work/examples" && cp -r "$root/examples" "$work/examples"

echo
echo "== the compiler plugin, while building examples/ (clang++ -fplugin) =="
cmake -S "$work/examples" -B "$work/examples/build-plugin" -G Ninja \
  -DCMAKE_CXX_COMPILER="/usr/lib/llvm-${LLVM_MAJOR}/bin/clang++" \
  -DCMAKE_CXX_FLAGS="-fplugin=$build/lib/LeakLintPlugin.so" >/dev/null
(cd "$work/examples" && cmake --build build-plugin -- -j1 2>&1 \
  | grep -E 'warning: .*\[leak-' | sed -e "s|$work/||g" -e 's|^\.\./||' \
  | sort -u || true)

echo
echo "== leaklint-ci: leaklint-tidy over compile_commands.json, then SARIF =="
cmake -S "$work/examples" -B "$work/examples/build" -G Ninja \
  -DCMAKE_CXX_COMPILER="/usr/lib/llvm-${LLVM_MAJOR}/bin/clang++" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
LEAKLINT_BIN_DIR="$build/bin" LEAKLINT_LLVM_MAJOR="$LLVM_MAJOR" \
  "$root/scripts/leaklint-ci" -p "$work/examples/build" -o "$work/leaklint.sarif" \
  >/dev/null 2>&1 || true
python3 - "$work/leaklint.sarif" <<'PY'
import collections, json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
count = collections.Counter(r["ruleId"] for r in run["results"])
print("leaklint.sarif: SARIF %s, %d results:" % ("2.1.0", len(run["results"])))
for rule in run["tool"]["driver"]["rules"]:
    print("  %-28s %d  (%s)" % (rule["id"], count[rule["id"]], rule["shortDescription"]["text"]))
r = next(r for r in run["results"] if r.get("fixes"))
print("  e.g. %s: %d related locations (its notes), %d fix of %d edits" % (
    r["ruleId"], len(r.get("relatedLocations", [])), len(r["fixes"]),
    sum(len(c["replacements"]) for c in r["fixes"][0]["artifactChanges"])))
PY

echo
echo "== leaklint-clangd: what an editor shows for examples/src/checkout.cpp =="
cp "$root/test/Inputs/clangd/dot-clangd" "$work/examples/.clangd"
printf "Checks: '-*'\n" > "$work/examples/.clang-tidy"
python3 "$root/test/tools/lsp_check.py" \
  --server="$build/bin/leaklint-clangd --log=error --background-index=false" \
  --file="$work/examples/src/checkout.cpp" \
  --compile-flags="-std=c++17 -I$work/examples/include" --code-regex='^leak-' \
  | sed "s|$work/||g" || true
