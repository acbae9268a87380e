#!/usr/bin/env bash
# Creates or refreshes Benchmarks/.venv with the pinned peer tools.
# Prints the venv path on stdout (everything else goes to stderr). Re-running is
# a no-op while the requirement files and the python version are unchanged.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$(cd "$here/.." && pwd)/.venv"
py="${PYTHON:-python3}"

want="$( { "$py" --version 2>&1; cat "$here/requirements.txt" "$here/requirements-nodeps.txt"; } | sha256sum | cut -d' ' -f1)"
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
"$venv/bin/pip" install -q -r "$here/requirements.txt" >&2
"$venv/bin/pip" install -q --no-deps -r "$here/requirements-nodeps.txt" >&2
# Fail now rather than mid-benchmark if an import is missing.
"$venv/bin/python" - <<'PY'
import pyarabic.araby, tashaphyne.stemming, nltk.stem.isri, snowballstemmer, Stemmer
import camel_tools.utils.normalize, camel_tools.utils.dediac
PY
echo "$want" > "$stamp"
echo "venv ready" >&2
echo "$venv"
