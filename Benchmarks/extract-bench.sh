#!/usr/bin/env bash
# Article extraction: the Python peers (trafilatura, readability-lxml, newspaper4k) and
# marsad on the same HTML pages, scored by `marsad eval` and timed on one core.
#
#   Benchmarks/extract-bench.sh [--seconds N]
#
# Pages: the real pages under ../shared/corpus/html (when present) and Eval/pages/*.html[.gz].
# Environment:
#   BENCH_SECONDS=N   throughput budget per tool (default 10; --seconds wins). Not SECONDS:
#                     that is bash's own clock and always set.
#   MARSAD_BIN=PATH   use this marsad binary instead of `swift build -c release`.
#   SKIP_MARSAD=1     run the Python peers only.
# Everything is written under Benchmarks/.work/ (gitignored):
#   extract-manifest.json, extract-peers/<peer>/<page>.json, extract-peers-throughput.jsonl,
#   extract-eval.txt, extract-ours.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${BENCH_SECONDS:-10}"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
        *) echo "usage: $0 [--seconds N]" >&2; exit 2 ;;
    esac
done

# Throughput is per core: pin ours and the peers to the same one.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

work=Benchmarks/.work
mkdir -p "$work"
py="$(bash Benchmarks/peers/setup_extract_venv.sh)/bin/python"

shopt -s nullglob
pages=(
    ../shared/corpus/html/fundus_lbc/LBCGroup_2026_01_08.html.gz
    ../shared/corpus/html/newspaper4k/arabic_article.html
    ../shared/corpus/html/trafilatura/assabah.com.tn.article.html
    Eval/pages/*.html Eval/pages/*.html.gz
)
shopt -u nullglob
manifest="$work/extract-manifest.json"
"$py" Benchmarks/peers/extract_manifest.py --out "$manifest" "${pages[@]}"

echo "== python peers (${seconds}s throughput budget each)" >&2
rm -rf "$work/extract-peers"
"${pin[@]}" "$py" Benchmarks/peers/extract_peers.py --manifest "$manifest" \
    --out "$work/extract-peers" --throughput "$seconds" > "$work/extract-peers-throughput.jsonl"
cat "$work/extract-peers-throughput.jsonl"

if [[ "${SKIP_MARSAD:-}" == 1 ]]; then
    echo "== SKIP_MARSAD=1: not running marsad" >&2
    exit 0
fi

bin="${MARSAD_BIN:-}"
if [[ -z "$bin" ]]; then
    if ! command -v swift >/dev/null; then
        echo "note: no swift toolchain and no MARSAD_BIN: skipping marsad" >&2
        exit 0
    fi
    if ! swift build -c release --product marsad >&2; then
        echo "note: swift build failed: skipping marsad" >&2
        exit 0
    fi
    bin="$(swift build -c release --show-bin-path)/marsad"
fi
if [[ ! -x "$bin" ]]; then
    echo "note: $bin is not an executable: skipping marsad" >&2
    exit 0
fi

echo "== marsad eval (peers from $work/extract-peers)" >&2
if "${pin[@]}" "$bin" eval --peers "$work/extract-peers" > "$work/extract-eval.txt"; then
    cat "$work/extract-eval.txt"
else
    echo "note: \`marsad eval --peers\` failed or is not there yet (exit $?)" >&2
fi

echo "== marsad bench extract" >&2
if "${pin[@]}" "$bin" bench extract --manifest "$manifest" --seconds "$seconds" --json \
        > "$work/extract-ours.json"; then
    cat "$work/extract-ours.json"
else
    echo "note: \`marsad bench extract\` failed or is not there yet (exit $?)" >&2
fi
