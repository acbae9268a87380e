#!/usr/bin/env bash
# Archive benchmark (issue 5), end to end: marsad against tantivy and a plain SQLite FTS5 unicode61
# table, on the same corpus files, in one run.
#
#   Benchmarks/archive/archive-bench.sh
#
# Environment:
#   N=1000000        scale-corpus size (N=200000 for a quicker run)
#   STEPS="ant known scale"   which parts to run
#   DATA=Benchmarks/.data/archive   where stores, indexes and outputs go (gitignored; several GB at 1M)
#   MARSAD_BIN=PATH  skip the release build
#   RUNS=3           runs per latency query (best counts)
#   PG=postgres://…  also store the scale corpus in this (empty) PostgreSQL database and measure it
#                    in the same run (RUM index built after the load, statistics refreshed)
#
# (i)   ant:   ingest ANT v2.1 + v1.1 with analysis and with --no-analysis; tantivy and FTS5 indexes
# (ii)  known: known-item MRR@10 / recall@10 over ANT (queries as typed, and OR-joined)
# (iii) scale: generate N articles, ingest --no-analysis, build both peer indexes, run
#              queries-latency.jsonl on all three (marsad also with --facets, and on PG when set)
# (iv)  analyst: over the scale archive, timelines of the latency set (counts, and shares with the
#              baseline kept as the server keeps it), and exports of a common word to /dev/null
#              (JSON Lines and CSV: articles/s and peak RSS)
# Every process is pinned to core 0 (taskset -c 0) so that ours and the peers get the same CPU.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
here=Benchmarks/archive
news=../shared/corpus/news
v21=$news/ant_v2.1_multisource.jsonl.gz
v11=$news/ant_v1.1_jawharafm.jsonl.gz
N="${N:-1000000}"
STEPS="${STEPS:-ant known scale}"
DATA="${DATA:-Benchmarks/.data/archive}"
RUNS="${RUNS:-3}"
[[ -f "$v21" && -f "$v11" ]] || { echo "note: $news is absent; nothing to measure" >&2; exit 0; }
mkdir -p "$DATA"
echo "## free disk" >&2
df -h /tmp "$DATA" >&2

pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
py=python3
python3 -c 'import tantivy' 2>/dev/null || { echo "needs PyPI tantivy 0.27 (pip install tantivy==0.27.0)" >&2; exit 1; }
bin="${MARSAD_BIN:-}"
if [[ -z "$bin" ]]; then
    swift build -c release --product marsad >&2
    bin=.build/release/marsad
fi
bin="$(realpath "$bin")"

# measure LABEL CMD...: stdout to DATA/LABEL.out, /usr/bin/time -v to DATA/LABEL.time
measure() {
    local label="$1"; shift
    echo "## $label: $*" >&2
    /usr/bin/time -v -o "$DATA/$label.time" "${pin[@]}" "$@" > "$DATA/$label.out"
}
fresh_store() { rm -f "$1" "$1-wal" "$1-shm"; }
size_of() { du -sb "$@" | awk '{s += $1} END {printf "%.0f\n", s}'; }

{
echo "# Archive benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD), N=$N, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo

if [[ " $STEPS " == *" ant "* ]]; then
    echo "## (i) ANT v2.1 + v1.1: ingest and index build (pinned to core 0)"
    echo
    fresh_store "$DATA/ant-analysis.sqlite"
    measure ant-marsad-analysis "$bin" ingest "$v21" "$v11" --store "$DATA/ant-analysis.sqlite" --format json --quiet
    size_of "$DATA"/ant-analysis.sqlite* > "$DATA/ant-marsad-analysis.size"
    fresh_store "$DATA/ant-noanalysis.sqlite"
    measure ant-marsad-noanalysis "$bin" ingest "$v21" "$v11" --store "$DATA/ant-noanalysis.sqlite" --no-analysis --format json --quiet
    size_of "$DATA"/ant-noanalysis.sqlite* > "$DATA/ant-marsad-noanalysis.size"
    rm -rf "$DATA/ant-tantivy" "$DATA/ant-fts5"
    measure ant-tantivy $py $here/search_peers.py index --engine tantivy --out "$DATA/ant-tantivy" "$v21" "$v11"
    size_of "$DATA/ant-tantivy" > "$DATA/ant-tantivy.size"
    measure ant-fts5 $py $here/search_peers.py index --engine fts5 --out "$DATA/ant-fts5" "$v21" "$v11"
    size_of "$DATA/ant-fts5" > "$DATA/ant-fts5.size"
    $py $here/report.py ingest "$DATA" ant-marsad-analysis ant-marsad-noanalysis ant-tantivy ant-fts5
    echo
fi

if [[ " $STEPS " == *" known "* ]]; then
    echo "## (ii) Known-item search over ANT (MRR@10, recall@10)"
    echo
    $py $here/known_items.py --corpus "$v21" --also "$v11" --out "$DATA/known.jsonl" --items 1000 --seed 7
    # The same items OR-joined: BM25 over any of the words, each engine's best case for a bag of words.
    $py -c 'import json,sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line); r["query"] = " OR ".join(r["query"].split()); print(json.dumps(r, ensure_ascii=False))' \
        "$DATA/known.jsonl" > "$DATA/known-or.jsonl"
    for variant in known known-or; do
        "${pin[@]}" "$bin" bench search --queries "$DATA/$variant.jsonl" --store "$DATA/ant-analysis.sqlite" --runs 1 > "$DATA/$variant-marsad.jsonl"
        "${pin[@]}" $py $here/search_peers.py query --engine tantivy --index "$DATA/ant-tantivy" --queries "$DATA/$variant.jsonl" --runs 1 > "$DATA/$variant-tantivy.jsonl"
        "${pin[@]}" $py $here/search_peers.py query --engine fts5 --index "$DATA/ant-fts5" --queries "$DATA/$variant.jsonl" --runs 1 > "$DATA/$variant-fts5.jsonl"
        echo "### queries $( [[ $variant == known ]] && echo 'as typed (every word required)' || echo 'OR-joined (any word)')"
        echo
        $py $here/report.py known "$DATA/known.jsonl" marsad="$DATA/$variant-marsad.jsonl" tantivy="$DATA/$variant-tantivy.jsonl" fts5-unicode61="$DATA/$variant-fts5.jsonl"
        echo
    done
    echo "### queries-latency.jsonl over ANT ($RUNS runs, best)"
    echo
    "${pin[@]}" "$bin" bench search --queries $here/queries-latency.jsonl --store "$DATA/ant-analysis.sqlite" --runs "$RUNS" > "$DATA/ant-lat-marsad.jsonl"
    "${pin[@]}" "$bin" bench search --queries $here/queries-latency.jsonl --store "$DATA/ant-analysis.sqlite" --runs "$RUNS" --facets > "$DATA/ant-lat-marsad-facets.jsonl"
    "${pin[@]}" $py $here/search_peers.py query --engine tantivy --index "$DATA/ant-tantivy" --queries $here/queries-latency.jsonl --runs "$RUNS" > "$DATA/ant-lat-tantivy.jsonl"
    "${pin[@]}" $py $here/search_peers.py query --engine fts5 --index "$DATA/ant-fts5" --queries $here/queries-latency.jsonl --runs "$RUNS" > "$DATA/ant-lat-fts5.jsonl"
    $py $here/report.py latency marsad="$DATA/ant-lat-marsad.jsonl" marsad+facets="$DATA/ant-lat-marsad-facets.jsonl" tantivy="$DATA/ant-lat-tantivy.jsonl" fts5-unicode61="$DATA/ant-lat-fts5.jsonl"
    echo
fi

if [[ " $STEPS " == *" scale "* ]]; then
    echo "## (iii) Scale corpus: $N generated articles"
    echo
    echo '```'
    $py $here/scale_corpus.py --out "$DATA/scale-corpus" --articles "$N" --seed 7
    echo '```'
    echo
    shards=("$DATA"/scale-corpus/scale-*.jsonl.gz)
    fresh_store "$DATA/scale.sqlite"
    measure scale-marsad-noanalysis "$bin" ingest "${shards[@]}" --store "$DATA/scale.sqlite" --no-analysis --format json --quiet
    size_of "$DATA"/scale.sqlite* > "$DATA/scale-marsad-noanalysis.size"
    rm -rf "$DATA/scale-tantivy" "$DATA/scale-fts5"
    measure scale-tantivy $py $here/search_peers.py index --engine tantivy --out "$DATA/scale-tantivy" "${shards[@]}"
    size_of "$DATA/scale-tantivy" > "$DATA/scale-tantivy.size"
    measure scale-fts5 $py $here/search_peers.py index --engine fts5 --out "$DATA/scale-fts5" "${shards[@]}"
    size_of "$DATA/scale-fts5" > "$DATA/scale-fts5.size"
    $py $here/report.py ingest "$DATA" scale-marsad-noanalysis scale-tantivy scale-fts5
    echo
    echo "### queries-latency.jsonl over $N articles ($RUNS runs, best)"
    echo
    "${pin[@]}" "$bin" bench search --queries $here/queries-latency.jsonl --store "$DATA/scale.sqlite" --runs "$RUNS" > "$DATA/scale-lat-marsad.jsonl"
    "${pin[@]}" "$bin" bench search --queries $here/queries-latency.jsonl --store "$DATA/scale.sqlite" --runs "$RUNS" --facets > "$DATA/scale-lat-marsad-facets.jsonl"
    "${pin[@]}" $py $here/search_peers.py query --engine tantivy --index "$DATA/scale-tantivy" --queries $here/queries-latency.jsonl --runs "$RUNS" > "$DATA/scale-lat-tantivy.jsonl"
    "${pin[@]}" $py $here/search_peers.py query --engine fts5 --index "$DATA/scale-fts5" --queries $here/queries-latency.jsonl --runs "$RUNS" > "$DATA/scale-lat-fts5.jsonl"
    peers=(marsad="$DATA/scale-lat-marsad.jsonl" marsad+facets="$DATA/scale-lat-marsad-facets.jsonl" tantivy="$DATA/scale-lat-tantivy.jsonl" fts5-unicode61="$DATA/scale-lat-fts5.jsonl")
    if [[ -n "${PG:-}" ]]; then
        # PostgreSQL: store without the RUM index, build it after (docs/deploy.md), then the statistics.
        measure scale-pg-noanalysis "$bin" ingest "${shards[@]}" --store "$PG" --no-analysis --no-stories --no-link --format json --quiet
        psql "$PG" -qc "DROP INDEX IF EXISTS articles_fts_rum" -c "CREATE INDEX articles_fts_rum ON articles_fts USING rum (vector)" -c "VACUUM ANALYZE"
        "$bin" link --store "$PG" --no-stories --quiet --format json > "$DATA/scale-pg-link.out"
        "${pin[@]}" "$bin" bench search --queries $here/queries-latency.jsonl --store "$PG" --runs "$RUNS" > "$DATA/scale-lat-pg.jsonl"
        peers+=(marsad-postgres="$DATA/scale-lat-pg.jsonl")
    fi
    $py $here/report.py latency "${peers[@]}"
    echo
fi

if [[ " $STEPS " == *" analyst "* ]]; then
    echo "## (iv) The analyst's view over $N articles: timelines and exports"
    echo
    "${pin[@]}" "$bin" bench search --timeline --queries $here/queries-latency.jsonl --store "$DATA/scale.sqlite" --runs "$RUNS" > "$DATA/scale-timeline.jsonl"
    "${pin[@]}" "$bin" bench search --timeline --share --queries $here/queries-latency.jsonl --store "$DATA/scale.sqlite" --runs "$RUNS" > "$DATA/scale-timeline-share.jsonl"
    $py $here/report.py latency marsad-timeline="$DATA/scale-timeline.jsonl" marsad-timeline-share="$DATA/scale-timeline-share.jsonl"
    echo
    for format in jsonl csv; do
        /usr/bin/time -v -o "$DATA/scale-export-$format.time" "${pin[@]}" "$bin" export "الحكومة" --store "$DATA/scale.sqlite" --format "$format" > /dev/null
        echo "export الحكومة as $format: $(grep -E 'Elapsed|Maximum resident' "$DATA/scale-export-$format.time" | tr -s ' ' | tr '\n' ';')"
    done
    echo
fi
} | tee "$DATA/report-$(echo $STEPS | tr " " "-")-$N.md"
