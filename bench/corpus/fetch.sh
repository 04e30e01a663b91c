#!/usr/bin/env bash
# Installs the real-world corpus: the Debian -dev packages the TUs in tus/
# name (// CORPUS-PACKAGES:), the packages sources.json's library sources need,
# and those Debian source packages, unpacked into $LEAKLINT_CORPUS_DIR/src
# (default build/corpus/src). Idempotent: what is there is not fetched again.
# A source package the mirror does not serve is reported and skipped.
# Needs root for apt (as scripts/install-deps.sh); run on Debian 12.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${LEAKLINT_CORPUS_DIR:-$root/build/corpus}"

mapfile -t packages < <(
  { sed -n 's|^// CORPUS-PACKAGES:||p' "$here"/tus/*.cpp | tr ' ' '\n'
    python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["packages"]))' \
      "$here/sources.json"; } | sed '/^$/d' | sort -u)
mapfile -t sources < <(python3 -c \
  'import json,sys; print("\n".join(s["package"] for s in json.load(open(sys.argv[1]))["sources"]))' \
  "$here/sources.json")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
need_sources=()
for s in "${sources[@]}"; do
  compgen -G "$corpus/src/$s-[0-9]*/" >/dev/null || need_sources+=("$s")
done
if [ "${#missing[@]}" -eq 0 ] && [ "${#need_sources[@]}" -eq 0 ]; then
  echo "corpus: all ${#packages[@]} packages and ${#sources[@]} source packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "corpus: run as root to install: ${missing[*]} ${need_sources[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive

# Source packages come from the same mirror as the binary ones: add its
# deb-src entries unless some are configured already.
if [ "${#need_sources[@]}" -gt 0 ] &&
   ! grep -rqsE '^(Types: *deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  cat > /etc/apt/sources.list.d/leaklint-corpus-src.sources <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
apt-get update -qq
if [ "${#missing[@]}" -gt 0 ]; then
  echo "corpus: installing ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
mkdir -p "$corpus/src"
for s in "${need_sources[@]}"; do
  if (cd "$corpus/src" && apt-get source -qq "$s" >/dev/null 2>&1); then
    echo "corpus: unpacked source package $s"
  else
    echo "corpus: source package $s not served by the mirror; skipped"
  fi
done
# Only the unpacked trees are used.
rm -f "$corpus"/src/*.dsc "$corpus"/src/*.tar.* "$corpus"/src/*.diff.gz
