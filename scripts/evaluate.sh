#!/usr/bin/env bash
# The evaluation harness (docs/evaluation/README.md): installs the real-world
# corpus, then runs the precision check, the fix-it safety sweep and the
# robustness sweep against the build in build/ (or $LEAKLINT_BUILD_DIR).
#
#   scripts/evaluate.sh          what CI runs: every instrument, sized for CI
#   scripts/evaluate.sh --full   the documented sweep (about two hours on 2
#                                cores) and
#                                the overhead benchmark, rewriting the
#                                generated reports in docs/evaluation/
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${LEAKLINT_BUILD_DIR:-$root/build}"
export LEAKLINT_BUILD_DIR="$build"
full=false
case "${1:-}" in
  "") ;;
  --full) full=true ;;
  *) echo "evaluate: unknown argument '$1'; allowed: --full" >&2; exit 2 ;;
esac

bash "$root/bench/corpus/fetch.sh"
status=0
step() { echo "== $*"; "$@" || status=1; }
if $full; then
  step python3 "$root/bench/precision.py" --check \
    --report "$root/docs/evaluation/precision-results.md"
  step python3 "$root/bench/fixit_sweep.py" --units all
  step python3 "$root/bench/robustness.py" --seeds tests -n 3
  step python3 "$root/bench/robustness.py" --seeds corpus --filter tu/ -n 2
  step python3 "$root/bench/robustness.py" --seeds corpus -n 1 \
    --front-ends clang-tidy,plugin
  step python3 "$root/bench/overhead.py" --runs 5 \
    --report "$root/docs/evaluation/overhead-results.md"
else
  step python3 "$root/bench/precision.py" --check
  step python3 "$root/bench/fixit_sweep.py" --units all
  # Every front end over leaklint's own inputs and one of each mutation;
  # the corpus's originals already ran through clang-tidy above.
  step python3 "$root/bench/robustness.py" --seeds tests -n 1
fi
exit "$status"
