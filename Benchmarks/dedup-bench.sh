#!/usr/bin/env bash
# Duplicate detection benchmark: marsad against datasketch (MinHash + MinHashLSH) on the same
# synthetic near copies, plus exact-copy precision/recall and fingerprint throughput on the corpus.
# Usage: Benchmarks/dedup-bench.sh [CORPUS.jsonl.gz]   (default: ../shared/corpus/news/ant_v2.1_multisource.jsonl.gz)
# Every process is pinned to one core; the synthetic set goes to a temp file both sides read.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${1:-$root/../shared/corpus/news/ant_v2.1_multisource.jsonl.gz}"
seconds="${SECONDS_PER_MEASURE:-3}"
[[ -f "$corpus" ]] || { echo "corpus not found: $corpus" >&2; exit 1; }

# The peer's venv, pinned (datasketch needs numpy and scipy).
venv="$here/.venv-dedup"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import datasketch" 2>/dev/null; then
    python3 -m venv "$venv" >&2
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install -q datasketch==2.0.0 numpy==2.4.6 scipy==1.17.1 >&2
fi

(cd "$root" && swift build -c release --product marsad >&2)
marsad="$root/.build/release/marsad"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

taskset -c 0 "$marsad" bench dedup --input "$corpus" --seconds "$seconds" --pairs-out "$work/pairs.jsonl" --json > "$work/ours.json"
taskset -c 0 "$venv/bin/python" "$here/peers/dedup_datasketch.py" "$work/pairs.jsonl" --seconds "$seconds" > "$work/peer.json"
"$venv/bin/python" "$here/peers/dedup_report.py" "$work/ours.json" "$work/peer.json"
