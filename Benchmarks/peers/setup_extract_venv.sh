#!/usr/bin/env bash
# Creates or refreshes Benchmarks/.venv-extract with the pinned extraction peers
# (trafilatura, readability-lxml, newspaper4k). Kept apart from Benchmarks/.venv so
# the two pinned sets cannot disturb each other.
# Prints the venv path on stdout (everything else goes to stderr). Re-running is
# a no-op while the requirement file and the python version are unchanged.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$(cd "$here/.." && pwd)/.venv-extract"
py="${PYTHON:-python3}"
# The pip bundled with python 3.11's venv (23.x) dies with an internal resolver error
# on readability-lxml's `lxml[html_clean]` extra, so the venv gets this pip first.
pip_version=26.3

want="$( { "$py" --version 2>&1; echo "pip==$pip_version"; cat "$here/requirements-extract.txt"; } | sha256sum | cut -d' ' -f1)"
stamp="$venv/.marsad-stamp"
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    echo "venv up to date" >&2
    echo "$venv"
    exit 0
fi

echo "setting up venv: $venv" >&2
rm -f "$stamp"
"$py" -m venv "$venv" >&2
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install -q "pip==$pip_version" >&2
"$venv/bin/python" -m pip install -q -r "$here/requirements-extract.txt" >&2
"$venv/bin/python" -m pip check >&2
# Fail now rather than mid-benchmark if an import is missing.
"$venv/bin/python" - <<'PY'
import trafilatura, readability, newspaper, lxml.html, nltk.stem.isri, nltk.tokenize
from newspaper import Article
from newspaper.parsers import get_unicode_html
from newspaper.languages.ar import tokenizer
assert tokenizer("قال الرئيس")
PY
echo "$want" > "$stamp"
echo "venv ready" >&2
echo "$venv"
