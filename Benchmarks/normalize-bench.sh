#!/usr/bin/env bash
# `marsad normalize FILE > /dev/null` end to end (read, normalize over bytes, write) against
# pyarabic's normalization chain run the same way (Benchmarks/peers/normalize_cli.py), in the same
# run, on the same text, pinned to one core. Best of three runs each; prints a markdown table.
#
#   Benchmarks/normalize-bench.sh [MEGABYTES]    the text is the ANT article texts, repeated to
#                                                MEGABYTES (default 40)
# MARSAD_BIN=/path/to/marsad skips the release build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
megabytes="${1:-40}"

pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
work=Benchmarks/.work
mkdir -p "$work"
py="$(bash Benchmarks/peers/setup_venv.sh)/bin/python"
"$py" Benchmarks/peers/prepare_text.py --out "$work/text.txt" >&2
text="$work/normalize-${megabytes}mb.txt"
if [[ ! -f "$text" ]]; then
    : > "$text"
    while (( $(stat -c %s "$text") < megabytes * 1000000 )); do cat "$work/text.txt" >> "$text"; done
fi
bytes=$(stat -c %s "$text")

bin="${MARSAD_BIN:-}"
if [[ -z "$bin" ]]; then
    swift build -c release --product marsad >&2
    bin="$(swift build -c release --show-bin-path)/marsad"
fi

# Best wall time of three runs, in seconds.
best() {
    local best_s=""
    for _ in 1 2 3; do
        local start end s
        start=$(date +%s.%N)
        "$@" > /dev/null
        end=$(date +%s.%N)
        s=$(echo "$end - $start" | bc -l)
        if [[ -z "$best_s" ]] || (( $(echo "$s < $best_s" | bc -l) )); then best_s=$s; fi
    done
    echo "$best_s"
}

ours=$(best "${pin[@]}" "$bin" normalize "$text")
peer=$(best "${pin[@]}" "$py" Benchmarks/peers/normalize_cli.py "$text")
mb=$(echo "$bytes / 1000000" | bc -l)
printf '| tool | input MB | seconds | MB/s | ours / tool |\n|---|---:|---:|---:|---:|\n'
printf '| **marsad normalize** (search profile) | %.1f | %.2f | %.1f | 1.00 |\n' "$mb" "$ours" "$(echo "$mb / $ours" | bc -l)"
printf '| pyarabic chain, same I/O | %.1f | %.2f | %.1f | %.1f× |\n' "$mb" "$peer" "$(echo "$mb / $peer" | bc -l)" "$(echo "$peer / $ours" | bc -l)"
