#!/usr/bin/env bash
# Text throughput of marsad (normalize, analyze) against Python peers on the same
# news text, then stemming accuracy on the golden corpus. Prints markdown tables.
#
#   Benchmarks/text-bench.sh [--quick]     --quick caps the text at 5 MB
#
# MARSAD_BIN=/path/to/marsad skips the swift build (e.g. to reuse a binary).
# Inputs and outputs are kept in Benchmarks/.work/ (gitignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

max_bytes=() peer_seconds=20
for arg in "$@"; do
    case "$arg" in
        --quick) max_bytes=(--max-bytes 5000000) peer_seconds=8 ;;
        *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
    esac
done

# Throughput is per core: pin ours and the peers to the same one.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

work=Benchmarks/.work
mkdir -p "$work"
py="$(bash Benchmarks/peers/setup_venv.sh)/bin/python"
"$py" Benchmarks/peers/prepare_text.py --out "$work/text.txt" "${max_bytes[@]}"

bin="${MARSAD_BIN:-}"
if [[ -z "$bin" ]]; then
    swift build -c release --product marsad >&2
    bin="$(swift build -c release --show-bin-path)/marsad"
fi

echo "== marsad bench text" >&2
"${pin[@]}" "$bin" bench text --file "$work/text.txt" --json > "$work/ours.json"
echo "== python peers" >&2
"${pin[@]}" "$py" Benchmarks/peers/text_peers.py --text "$work/text.txt" \
    --seconds "$peer_seconds" --json > "$work/peers.json"

stems=()
words=../shared/corpus/stemming/golden-corpus-arabic/core/words.txt
if [[ -f "$words" ]]; then
    echo "== stemmer accuracy" >&2
    "$bin" stem --mode light10 "$words" > "$work/light10.txt"
    "$bin" stem --mode marsad "$words" > "$work/marsad.txt"
    "$py" Benchmarks/peers/stem_eval.py --json \
        --ours "light10=$work/light10.txt" --ours "marsad=$work/marsad.txt" > "$work/stems.json"
    stems=(--stems "$work/stems.json")
else
    echo "== no golden corpus at $words: skipping stemmer accuracy" >&2
fi

echo >&2
"$py" Benchmarks/peers/report.py --ours "$work/ours.json" --peers "$work/peers.json" "${stems[@]}"
