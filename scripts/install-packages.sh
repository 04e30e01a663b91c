#!/usr/bin/env bash
# install-packages.sh NAME PACKAGE...: installs the Debian packages of the
# list that are missing, and nothing when all are there (so repeated runs
# and CI stay fast). NAME prefixes its messages. Run as root on Debian 12.
set -euo pipefail
name=$1
shift

missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "$name: all $# packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "$name: missing packages: ${missing[*]}" >&2
  echo "$name: run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "$name: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt may hold the lock (an unattended upgrade, a parallel install):
# wait for it rather than fail.
apt=(apt-get -o DPkg::Lock::Timeout=900)
"${apt[@]}" update -qq
"${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "$name: done"
