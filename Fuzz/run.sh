#!/usr/bin/env bash
# Fuzzes the readers with libFuzzer and AddressSanitizer (see README.md in this folder).
#   Fuzz/run.sh [SECONDS] [more libFuzzer flags…]      (default 300 s)
# Seeds come from Eval/pages (the project's own pages), one copy per reader selector byte; the corpus
# grows in Fuzz/.work/corpus, crashes/timeouts/leaks land in Fuzz/.work/artifacts, logs in Fuzz/.work/logs.
#   FUZZ_CONFIG=debug      build -Onone instead of release (about 5x slower, easier stacks)
#   FUZZ_SANITIZERS=fuzzer libFuzzer alone, without AddressSanitizer
# One fuzzing process at a time: the machine has two cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-300}"
[[ $# -gt 0 ]] && shift
config="${FUZZ_CONFIG:-release}"
sanitizers="${FUZZ_SANITIZERS:-fuzzer,address}"
work="$here/.work"
mkdir -p "$work/corpus" "$work/artifacts" "$work/logs"
# Seed: one copy of each project page per reader selector byte (auto, text, html, rss, atom, jsonl).
for page in "$here"/../Eval/pages/*; do
    for selector in 0 1 2 3 4 5; do
        out="$work/corpus/$(basename "$page").$selector"
        [[ -f "$out" ]] || { printf "\\x0$selector" > "$out"; cat "$page" >> "$out"; }
    done
done
build=(swift build --package-path "$here" --scratch-path "$here/.build-fuzz" -c "$config" -Xswiftc "-sanitize=$sanitizers")
# ld.gold warns once per ASan check symbol ("Cannot export local symbol"): noise, filtered out.
"${build[@]}" 2>&1 | { grep -v 'Cannot export local symbol' || true; } | tail -3
binary="$("${build[@]}" --show-bin-path)/FuzzExtract"
# Swift's own crash backtracer would catch the trap of a failed precondition or overflow first, and
# then trip ASan inside its handler; with it off, libFuzzer reports a "deadly signal" and saves the input.
export SWIFT_BACKTRACE=enable=no
log="$work/logs/$(date -u +%Y%m%dT%H%M%SZ).log"
echo "fuzzing for ${seconds}s; log: $log"
"$binary" "$work/corpus" -dict="$here/arabic-news.dict" -artifact_prefix="$work/artifacts/" \
    -max_total_time="$seconds" -max_len=200000 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$@" \
    > "$log" 2>&1 || status=$?
grep -E '^(==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|Done |stat::)|Fatal error|deadly signal|ERROR' "$log" | tail -25
exit "${status:-0}"
