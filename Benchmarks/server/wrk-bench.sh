#!/usr/bin/env bash
# Server benchmark (issue 6): wrk against `marsad serve` over the ANT archive, on loopback, with a
# peer measured in the same run for each kind of request:
#
#   article pages  marsad GET /article/ID            vs nginx serving the same pages as static files
#                                                       (the ceiling for any dynamic server)
#   search         marsad GET /api/v1/search?q=…     vs tantivy (PyPI) behind Python's ThreadingHTTPServer,
#                  (facets on, and facets=false)        same queries (Benchmarks/archive/queries-latency.jsonl)
#
#   Benchmarks/server/wrk-bench.sh
#
# Environment:
#   DATA=Benchmarks/.data/server   archive, peer index, static pages, results (gitignored)
#   MARSAD_BIN=PATH                skip the release build
#   DURATION=20s CONNECTIONS=32    wrk settings (wrk runs one thread; the server gets what is left of 2 cores)
#
# Needs: wrk and nginx (Debian), python3 with PyPI tantivy 0.27, sqlite3. ../shared/corpus/news (ANT v2.1 +
# v1.1); without it the script says so and exits 0.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
here=Benchmarks/server
news=../shared/corpus/news
v21=$news/ant_v2.1_multisource.jsonl.gz
v11=$news/ant_v1.1_jawharafm.jsonl.gz
DATA="${DATA:-Benchmarks/.data/server}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
[[ -f "$v21" && -f "$v11" ]] || { echo "note: $news is absent; nothing to measure" >&2; exit 0; }
for tool in wrk nginx sqlite3 curl; do command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install wrk nginx sqlite3 curl)" >&2; exit 1; }; done
python3 -c 'import tantivy' 2>/dev/null || { echo "needs PyPI tantivy 0.27 (pip install tantivy==0.27.0)" >&2; exit 1; }
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)

bin="${MARSAD_BIN:-}"
if [[ -z "$bin" ]]; then
    swift build -c release --product marsad >&2
    bin=.build/release/marsad
fi

store=$DATA/ant.sqlite
if [[ ! -f "$store" ]]; then
    echo "## ingest ANT v2.1 + v1.1 (with analysis) into $store" >&2
    "$bin" ingest --quiet --store "$store" "$v21" "$v11" >&2
fi
if [[ ! -d "$DATA/tantivy" ]]; then
    echo "## tantivy index" >&2
    python3 Benchmarks/archive/search_peers.py index --engine tantivy --out "$DATA/tantivy" "$v21" "$v11" >&2
fi

# An archive from an older build is migrated and its term index built when first opened for writing;
# do that before serving, so that start-up is quick.
"$bin" stats --store "$store" > /dev/null

port=18080 peer_port=18081 static_port=18082
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_for() { for _ in $(seq 1 200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

"$bin" serve --store "$store" --port $port --log-level error &
pids+=($!)
python3 $here/tantivy_http.py --index "$DATA/tantivy" --port $peer_port &
pids+=($!)
wait_for "http://127.0.0.1:$port/api/v1/stats"
wait_for "http://127.0.0.1:$peer_port/search?q=x"

# 1,000 article pages (main and continuation, not copies), in a fixed random order.
sqlite3 "$store" "SELECT '/article/' || id FROM articles WHERE role != 'related' AND duplicate_of IS NULL ORDER BY (seq * 2654435761) % 1000003 LIMIT 1000" >"$DATA/articles.txt"
# The same pages as static files for nginx: the bytes marsad served, so both send the same pages.
rm -rf "$DATA/static" && mkdir -p "$DATA/static/article"
head -n 200 "$DATA/articles.txt" >"$DATA/static-articles.txt"
while read -r path; do curl -fsS "http://127.0.0.1:$port$path" -o "$DATA/static$path.html"; done <"$DATA/static-articles.txt"
cat >"$DATA/nginx.conf" <<CONF
worker_processes 2;
pid $DATA/nginx.pid;
error_log $DATA/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    types { text/html html; }
    client_body_temp_path $DATA/nginx-tmp;
    proxy_temp_path $DATA/nginx-tmp;
    fastcgi_temp_path $DATA/nginx-tmp;
    uwsgi_temp_path $DATA/nginx-tmp;
    scgi_temp_path $DATA/nginx-tmp;
    server {
        listen 127.0.0.1:$static_port;
        root $DATA/static;
        location /article/ { default_type text/html; try_files \$uri.html =404; }
    }
}
CONF
mkdir -p "$DATA/nginx-tmp"
nginx -c "$DATA/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_for "http://127.0.0.1:$static_port$(head -n 1 "$DATA/static-articles.txt")"

# Search requests: the latency query set, with its filters, as query strings.
python3 - "$DATA" <<'PY'
import json, sys
from urllib.parse import urlencode
data = sys.argv[1]
lines = [json.loads(l) for l in open("Benchmarks/archive/queries-latency.jsonl", encoding="utf-8") if l.strip()]
def query(line):
    fields = [("q", line["query"])] + [(k, line[k]) for k in ("section", "from", "to") if line.get(k)]
    return urlencode(fields)
with open(f"{data}/search-marsad.txt", "w") as ours, open(f"{data}/search-nofacets.txt", "w") as plain, open(f"{data}/search-peer.txt", "w") as peer:
    for line in lines:
        ours.write("/api/v1/search?" + query(line) + "\n")
        plain.write("/api/v1/search?" + query(line) + "&facets=false\n")
        peer.write("/search?" + query(line) + "\n")
PY

run() {  # name url paths
    local name=$1 url=$2 paths=$3
    wrk -t1 -c1 -d2s -s $here/paths.lua "$url" -- "$paths" >/dev/null  # warm caches
    local line
    line=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s $here/paths.lua "$url" -- "$paths" | tail -n 1)
    echo "{\"case\": \"$name\", \"connections\": $CONNECTIONS, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", ${line#\{}"
}
results=$DATA/results.jsonl
: >"$results"
# First visits compute each article's related list (a similarity query over the archive); the server
# keeps it for later visits. Time one cold pass over the 1,000 pages, then measure the steady state.
start=$(date +%s.%N)
xargs -P 2 -I{} curl -fsS -o /dev/null "http://127.0.0.1:$port{}" <"$DATA/articles.txt"
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print('{\"case\": \"marsad-article-first-visits\", \"requests\": 1000, \"seconds\": %.2f, \"rps\": %.1f}' % (s, 1000/s))" "$start" "$end" | tee -a "$results"
run marsad-article "http://127.0.0.1:$port" "$DATA/articles.txt" | tee -a "$results"
run marsad-article-200 "http://127.0.0.1:$port" "$DATA/static-articles.txt" | tee -a "$results"
run nginx-static-article-200 "http://127.0.0.1:$static_port" "$DATA/static-articles.txt" | tee -a "$results"
run marsad-search "http://127.0.0.1:$port" "$DATA/search-marsad.txt" | tee -a "$results"
run marsad-search-nofacets "http://127.0.0.1:$port" "$DATA/search-nofacets.txt" | tee -a "$results"
run tantivy-http-search "http://127.0.0.1:$peer_port" "$DATA/search-peer.txt" | tee -a "$results"
echo "## results in $results" >&2
