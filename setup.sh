#!/usr/bin/env bash
# Install everything leafpress needs on a fresh Debian 12 / Ubuntu 24.04 machine, then build every
# leaflet into dist/. Run as root or as a user with sudo. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# WeasyPrint's system libraries (Pango, HarfBuzz with its subsetter: without libharfbuzz-subset0
# font subsetting falls back to fontTools, 3x slower here and 35x for Chinese), gettext's msgfmt
# for catalog checks, Debian's Chromium for the download page's browser test, and Python's venv.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    python3 python3-venv python3-pip \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
    fonts-droid-fallback chromium \
    gettext

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

.venv/bin/python render.py
