#!/usr/bin/env bash
# Installs the Debian packages that the real-code benchmarks compile against:
# the headers the real-world pairs include (shared/realworld/packages.txt)
# and what the applications need to configure and compile (the
# debian_packages column of shared/apps/apps.tsv), and valgrind for
# bench/apps_instructions.py. Installs nothing when all
# are present. Run as root on Debian 12. The lists are read from the data,
# found in $LEAKLINT_SHARED_DIR or shared/ beside the source tree.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${LEAKLINT_SHARED_DIR:-$(dirname "$root")/shared}
pairs_list=$shared/realworld/packages.txt
apps_tsv=$shared/apps/apps.tsv
for f in "$pairs_list" "$apps_tsv"; do
  [[ -f $f ]] || { echo "install-real-code: $f not found (set LEAKLINT_SHARED_DIR)" >&2; exit 2; }
done

mapfile -t packages < <({
  grep -v '^[[:space:]]*\(#\|$\)' "$pairs_list"
  awk -F'\t' 'NR > 1 { print $4 }' "$apps_tsv" | tr ' ' '\n'
  echo valgrind
} | sed 's/[[:space:]]//g' | grep -v '^$' | sort -u)

exec "$root/scripts/install-packages.sh" install-real-code "${packages[@]}"
