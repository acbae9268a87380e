#!/usr/bin/env bash
# Analysis throughput: marsad's full analysis (quotes, entities, quantities, dates) and the peers that
# run offline, on the same ANT articles, pinned to one core, in one run.
#   Benchmarks/analysis-bench.sh [--seconds N] [--limit N]
# Environment: MARSAD_BIN=PATH skips the release build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=5
limit=2000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --limit) limit="$2"; shift 2 ;;
        *) echo "usage: $0 [--seconds N] [--limit N]" >&2; exit 2 ;;
    esac
done
data=../shared/corpus/news/ant_v2.1_multisource.jsonl.gz
[[ -f "$data" ]] || { echo "note: $data is absent; nothing to measure" >&2; exit 0; }
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
py="$(bash Benchmarks/peers/setup_venv.sh)/bin/python"
bin="${MARSAD_BIN:-}"
if [[ -z "$bin" ]]; then
    swift build -c release --product marsad >&2
    bin=.build/release/marsad
fi
mkdir -p Benchmarks/.work
{
    "${pin[@]}" "$bin" bench analyze --json --seconds "$seconds" --limit "$limit" "$data"
    "${pin[@]}" "$py" Benchmarks/peers/analysis_peers.py --data "$data" --limit "$limit" --seconds "$seconds"
} | tee Benchmarks/.work/analysis-bench.jsonl
