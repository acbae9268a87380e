#!/usr/bin/env bash
# Ingest with analysis (issue 19's 1,500 articles/s target) against tantivy indexing the same files,
# on all cores, alternating runs so that both see the same machine.
#
#   Benchmarks/archive/ingest-bench.sh
#
# Environment:
#   RUNS=3           runs of each
#   DATA=Benchmarks/.data/ingest   stores, indexes and /usr/bin/time reports (gitignored)
#   MARSAD_BIN=PATH  skip the release build
#
# Prints one table (report.py ingest) with every run, then marsad's articles/s over tantivy's
# (medians): until every article is stored and searchable (the summary's `seconds`), and over the
# whole run, which ends with the linking stage. tantivy tokenizes title and body and stores the url;
# marsad extracts, analyses (entities, quotes, quantities, dates), builds its indexes, and links
# copies and stories after the commit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
here=Benchmarks/archive
news=../shared/corpus/news
v21=$news/ant_v2.1_multisource.jsonl.gz
v11=$news/ant_v1.1_jawharafm.jsonl.gz
RUNS="${RUNS:-3}"
DATA="${DATA:-Benchmarks/.data/ingest}"
[[ -f "$v21" && -f "$v11" ]] || { echo "note: $news is absent; nothing to measure" >&2; exit 0; }
python3 -c 'import tantivy' 2>/dev/null || { echo "needs PyPI tantivy 0.27 (pip install tantivy==0.27.0)" >&2; exit 1; }
bin="${MARSAD_BIN:-}"
if [[ -z "$bin" ]]; then
    swift build -c release --product marsad >&2
    bin=.build/release/marsad
fi
bin="$(realpath "$bin")"
mkdir -p "$DATA"

measure() {
    local label="$1"; shift
    echo "## $label: $*" >&2
    /usr/bin/time -v -o "$DATA/$label.time" "$@" > "$DATA/$label.out"
}

labels=()
for run in $(seq 1 "$RUNS"); do
    rm -f "$DATA/marsad.sqlite" "$DATA/marsad.sqlite-wal" "$DATA/marsad.sqlite-shm"
    measure "marsad-$run" "$bin" ingest "$v21" "$v11" --store "$DATA/marsad.sqlite" --format json --quiet
    du -scb "$DATA"/marsad.sqlite* | tail -1 | cut -f1 > "$DATA/marsad-$run.size"
    rm -rf "$DATA/tantivy"
    measure "tantivy-$run" python3 $here/search_peers.py index --engine tantivy --out "$DATA/tantivy" "$v21" "$v11"
    du -sb "$DATA/tantivy" | cut -f1 > "$DATA/tantivy-$run.size"
    labels+=("marsad-$run" "tantivy-$run")
done

echo "# Ingest with analysis against tantivy, $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 $here/report.py ingest "$DATA" "${labels[@]}"
echo
python3 - "$DATA" "$RUNS" <<'PY'
import os, statistics, sys
sys.path.insert(0, "Benchmarks/archive")
from report import last_json, time_v
data, runs = sys.argv[1], int(sys.argv[2])
def summary(label):
    return last_json(os.path.join(data, label + ".out"))
def rate(label):
    return summary(label).get("articles", 0) / time_v(os.path.join(data, label + ".time"))[0]
def stored_rate(label):
    s = summary(label)
    return s.get("articles", 0) / s["seconds"]
marsad = [f"marsad-{r}" for r in range(1, runs + 1)]
ours = statistics.median(rate(label) for label in marsad)
stored = statistics.median(stored_rate(label) for label in marsad)
linking = statistics.median(summary(label).get("linkSeconds", 0) for label in marsad)
peer = statistics.median(rate(f"tantivy-{r}") for r in range(1, runs + 1))
print(f"marsad stored (searchable) {stored:,.0f} articles/s, then linked in {linking:.1f} s; "
      f"{ours:,.0f} articles/s over the whole run, linking included (medians)")
print(f"tantivy {peer:,.0f} articles/s: stored {stored / peer:.2f}x, whole run {ours / peer:.2f}x; "
      f"target 1,500/s stored: {stored / 1500:.2f}x")
PY
