#!/usr/bin/env bash
# The evaluation harness (docs/evaluation/README.md): installs the library
# corpus and what the real code needs, then runs, against the build in
# build/ (or $LEAKLINT_BUILD_DIR), the real leak fixes (../shared/realworld),
# the whole applications (../shared/apps), the precision check, the fix-it
# safety sweep and the robustness sweep.
#
#   scripts/evaluate.sh              what CI runs: every instrument, sized for
#                                    CI (the applications: libhv and trantor)
#   scripts/evaluate.sh --real-code  the real-code page: every pair, every
#                                    application, their overhead (about an
#                                    hour on 2 cores), rewriting
#                                    docs/evaluation/real-code.md and
#                                    apps-*.md
#   scripts/evaluate.sh --full       the documented sweep (about three hours
#                                    on 2 cores): all of the above and the
#                                    library overhead benchmark, rewriting
#                                    the generated reports in docs/evaluation/
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${LEAKLINT_BUILD_DIR:-$root/build}"
export LEAKLINT_BUILD_DIR="$build"
full=false
real_code=false
case "${1:-}" in
  "") ;;
  --full) full=true; real_code=true ;;
  --real-code) real_code=true ;;
  *) echo "evaluate: unknown argument '$1'; allowed: --full, --real-code" >&2; exit 2 ;;
esac

bash "$root/bench/install-real-code.sh"
status=0
# Each step says how long it took: CI's budget is read from these lines.
step() {
  local start=$SECONDS
  echo "== $*"
  "$@" || status=1
  echo "== $((SECONDS - start)) s"
}
if $real_code; then
  out="$root/docs/evaluation"
  tmp="$(mktemp -d)"
  step python3 "$root/bench/realworld.py" --check --json "$tmp/realworld.json"
  step python3 "$root/bench/realworld.py" --whole-program --check \
    --json "$tmp/realworld-whole-program.json"
  step python3 "$root/bench/apps.py" --check --out "$tmp/apps.json" \
    --report "$out/apps-results.md"
  step python3 "$root/bench/apps_overhead.py" --sample 12 --runs 3 \
    --report "$out/apps-overhead-results.md"
  step python3 "$root/bench/real_code_report.py" --realworld "$tmp/realworld.json" \
    --realworld-whole-program "$tmp/realworld-whole-program.json" \
    --apps "$tmp/apps.json" --overhead "$out/apps-overhead-results.md" \
    --instructions "$out/apps-instructions-results.md"
  rm -rf "$tmp"
  $full || exit "$status"
else
  # Real code first: the leak fixes must stay found and their fixed
  # versions quiet; every application diagnostic must be triaged true.
  step python3 "$root/bench/realworld.py" --check
  # Whole-program mode where it matters: the pairs whose leak spans TUs.
  step python3 "$root/bench/realworld.py" --whole-program --spanning-only --check
  step python3 "$root/bench/apps.py" --sized --check
fi

bash "$root/bench/corpus/fetch.sh"
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
