#!/usr/bin/env bash
# Fuzzes the readers with libFuzzer and AddressSanitizer.
#   Fuzz/run.sh [SECONDS]   (default 300)
# Seeds come from Eval/pages (the project's own pages); findings land in Fuzz/.work/artifacts.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-300}"
work="$here/.work"
mkdir -p "$work/corpus" "$work/artifacts"
# Seed: one copy of each project page per reader selector byte (auto, text, html, rss, atom, jsonl).
for page in "$here"/../Eval/pages/*; do
    for selector in 0 1 2 3 4 5; do
        out="$work/corpus/$(basename "$page").$selector"
        [[ -f "$out" ]] || { printf "\\x0$selector" > "$out"; cat "$page" >> "$out"; }
    done
done
swift build --package-path "$here" --scratch-path "$here/.build-fuzz" -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | tail -3
binary="$here/.build-fuzz/debug/FuzzExtract"
"$binary" "$work/corpus" -artifact_prefix="$work/artifacts/" -max_total_time="$seconds" \
    -max_len=200000 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 2>&1 | tail -25
