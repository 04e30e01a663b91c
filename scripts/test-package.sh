#!/usr/bin/env bash
# Builds the Debian package with CPack, installs it with apt as a user would,
# lints the bundled examples with every installed front end, and removes the
# package again. Needs root (dpkg); CI runs it after scripts/test.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${LEAKLINT_BUILD_DIR:-$root/build}"
LLVM_MAJOR="${LEAKLINT_LLVM_MAJOR:-22}"
[ "$(id -u)" -eq 0 ] || { echo "test-package: needs root (dpkg -i)" >&2; exit 1; }

(cd "$build" && cpack -G DEB >/dev/null)
deb="$(ls "$build"/leaklint_*.deb)"
echo "test-package: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n 's/^ Depends: /test-package: depends on /p'

# Never leave the package behind, whatever fails below.
trap 'apt-get purge -y -qq leaklint >/dev/null 2>&1 || true' EXIT
if dpkg-query -W -f='${Status}' leaklint 2>/dev/null | grep -q 'ok installed'; then
  echo "test-package: leaklint is already installed; refusing to replace it" >&2
  trap - EXIT; exit 1
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
echo "test-package: installed: $(dpkg -L leaklint | grep -E '/(bin|leaklint)/' | sort | tr '\n' ' ')"

work="$(mktemp -d)"
trap 'rm -rf "$work"; apt-get purge -y -qq leaklint >/dev/null 2>&1 || true' EXIT
cp -r "$root/examples" "$work/examples"
cd "$work/examples"
cmake -S . -B build -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DCMAKE_CXX_COMPILER="clang++-${LLVM_MAJOR}" >/dev/null

expect_all_checks() { # $1: what ran, $2: its output
  for check in leak-static-instance-cache leak-shared-ptr-cycle \
               leak-callback-cycle leak-unbounded-container; do
    grep -q "\[$check" <<<"$2" || { echo "test-package: $1 reported no $check" >&2; exit 1; }
  done
  echo "test-package: $1: $(grep -c 'warning: .*\[leak-' <<<"$2") leak-* warnings, all four checks"
}

sources=$(ls src/*.cpp)
out=$(leaklint-tidy --checks='-*,leak-*' -p build $sources 2>&1 || true)
expect_all_checks "leaklint-tidy" "$out"
out=$("clang-tidy-${LLVM_MAJOR}" --load=/usr/lib/leaklint/LeakLint.so \
  --checks='-*,leak-*' -p build $sources 2>&1 || true)
expect_all_checks "clang-tidy --load" "$out"
out=$(for f in $sources; do "clang++-${LLVM_MAJOR}" -fsyntax-only -std=c++17 \
  -Iinclude -fplugin=/usr/lib/leaklint/LeakLintPlugin.so "$f" 2>&1; done)
expect_all_checks "clang++ -fplugin" "$out"

leaklint-ci -p build -o leaklint.sarif >/dev/null 2>&1
python3 "$root/test/tools/validate_sarif.py" \
  --schema="$root/test/Inputs/sarif/sarif-schema-2.1.0.json" leaklint.sarif
grep -q '"helpUri": "file:///usr/share/doc/leaklint/checks/leak-' leaklint.sarif \
  || { echo "test-package: SARIF rules do not link the installed docs" >&2; exit 1; }
[ -f /usr/share/doc/leaklint/checks/leak-callback-cycle.md ]
# Whole-program mode from the package: leaklint-ci finds leaklint-merge.
leaklint-ci -p build -o whole.sarif --whole-program --facts facts >/dev/null 2>&1
ls facts/*.leak-shared-ptr-cycle.facts.json >/dev/null \
  || { echo "test-package: --whole-program wrote no facts" >&2; exit 1; }
python3 "$root/test/tools/validate_sarif.py" \
  --schema="$root/test/Inputs/sarif/sarif-schema-2.1.0.json" whole.sarif

mkdir lsp && cp "$root/test/Inputs/clangd/dot-clangd" lsp/.clangd
printf "Checks: '-*'\n" > lsp/.clang-tidy
cp "$root/test/Inputs/front-ends/all-checks.cpp" lsp/source.cpp
out=$(python3 "$root/test/tools/lsp_check.py" \
  --server="leaklint-clangd --log=error --background-index=false" \
  --file=lsp/source.cpp --compile-flags=-std=c++17 --code-regex='^leak-')
grep -c '^diag ' <<<"$out" | grep -qx 4 \
  || { echo "test-package: leaklint-clangd: $out" >&2; exit 1; }
echo "test-package: leaklint-clangd: 4 leak-* diagnostics over LSP"
echo "test-package: OK"
