#!/usr/bin/env bash
# Install everything leafpress needs on a fresh Debian 12 / Ubuntu 24.04 machine, then build every
# leaflet into dist/. Run as root or as a user with sudo. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# WeasyPrint's system libraries (Pango, HarfBuzz with its subsetter: without libharfbuzz-subset0
# font subsetting falls back to fontTools, 3x slower here and 35x for Chinese), gettext's msgfmt
# for catalog checks, hunspell and its dictionaries for the spelling warnings of `render.py check`,
# Debian's Chromium for the download page's browser tests, Java (a JDK runs veraPDF's driver from
# source) with the JAXB runtime veraPDF needs, and Python's venv.
# Wait up to ten minutes for another install (unattended upgrades, a second setup) to release
# the package manager's locks instead of failing at once: `apt-get install` waits by itself with
# DPkg::Lock::Timeout; `apt-get update` does not, so it is tried again while the lock is held.
APT="$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600"
for attempt in $(seq 120); do
    if output=$($APT update -q 2>&1); then break; fi
    if ! grep -q "Could not get lock" <<<"$output" || [ "$attempt" -eq 120 ]; then echo "$output" >&2; exit 1; fi
    [ "$attempt" -eq 1 ] && echo "setup.sh: another install holds the package lists; waiting for it" >&2
    sleep 5
done
$APT install -y -q --no-install-recommends \
    python3 python3-venv python3-pip \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
    fonts-droid-fallback fonts-noto-cjk chromium \
    gettext poppler-utils qpdf \
    hunspell hunspell-de-de hunspell-es hunspell-fr hunspell-pl hunspell-uk hunspell-ar \
    default-jdk-headless libjaxb-java

# The Nu HTML checker (vnu.jar, MIT licence), which the tests run on the download pages, from npm's
# registry: a pinned version, refused unless its checksum is the published one.
VNU=26.9.27
python3 tools/fetch_tool.py "https://registry.npmjs.org/vnu-jar/-/vnu-jar-$VNU.tgz" \
    80a35dd6f8f7230132811a6ee8bd4257a119fb14 package/build/dist/vnu.jar ".cache/tools/vnu-$VNU.jar"

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

.venv/bin/python render.py
