#!/usr/bin/env bash
# README command 2: install what is missing, build, and run the whole lit
# suite. Ends with lit's summary and one line "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${LEAKLINT_BUILD_DIR:-$root/build}"
LLVM_MAJOR="${LEAKLINT_LLVM_MAJOR:-22}"

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

results="$build/test/lit-results.json"
status=0
# The lit CMake found: llvm-19-tools has no bin/lit, only build/utils/lit/lit.py.
lit="$(sed -n 's/^LEAKLINT_LIT:FILEPATH=//p' "$build/CMakeCache.txt")"
"${lit:-/usr/lib/llvm-${LLVM_MAJOR}/bin/lit}" -sv --output "$results" "$build/test" || status=$?

python3 - "$results" <<'PY'
import json, sys
tests = json.load(open(sys.argv[1]))["tests"]
codes = [t["code"] for t in tests]
passed = sum(c in ("PASS", "XFAIL") for c in codes)
failed = sum(c in ("FAIL", "XPASS", "UNRESOLVED", "TIMEOUT") for c in codes)
skipped = sum(c == "UNSUPPORTED" for c in codes)
print("leaklint: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
PY
exit "$status"
