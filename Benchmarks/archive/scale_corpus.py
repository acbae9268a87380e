#!/usr/bin/env python3
"""A generated scale corpus for the archive benchmark (issue 5), from real ANT paragraphs.

  scale_corpus.py --out DIR --articles N [--seed 7] [--shard 50000] [--corpus FILE ...]

Each article gets the title of a random real article, 3-8 paragraphs sampled from the pool of all
real paragraphs, the section and `src` of a random real article (so their joint distribution is
the corpora's), a date uniform over 2015-01-01 .. 2020-12-31 (UTC), and the unique url
https://scale.example/<n>. Written as DIR/scale-NNN.jsonl.gz shards of --shard articles, so that
ingest streams them. Each shard has its own generator seeded from (seed, shard number), so the
output is the same for the same arguments; a shard already complete (DIR/scale-NNN.done holding
its parameters) is kept, so a rerun only writes what is missing.

The text is read from the corpora at run time; the output is data, never committed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from archive_common import paragraphs, records  # noqa: E402

DEFAULT_CORPORA = [
    "../shared/corpus/news/ant_v2.1_multisource.jsonl.gz",
    "../shared/corpus/news/ant_v1.1_jawharafm.jsonl.gz",
]
START = 1420070400  # 2015-01-01T00:00:00Z
END = 1609459200    # 2021-01-01T00:00:00Z


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shard", type=int, default=50_000)
    parser.add_argument("--corpus", action="append", help="source corpora (default: ANT v2.1 and v1.1 in ../shared)")
    args = parser.parse_args()
    corpora = args.corpus or DEFAULT_CORPORA

    started = time.time()
    titles, pool, meta = [], [], []
    for _, _, record in records(corpora):
        title = record.get("title")
        if isinstance(title, str) and title.strip():
            titles.append(title.strip())
        for paragraph in paragraphs(record.get("text") or ""):
            if len(paragraph.split()) >= 3:
                pool.append(paragraph)
        meta.append((record.get("cat"), record.get("src")))
    os.makedirs(args.out, exist_ok=True)
    shards = (args.articles + args.shard - 1) // args.shard
    written = 0
    for shard in range(shards):
        first = shard * args.shard
        count = min(args.shard, args.articles - first)
        path = os.path.join(args.out, f"scale-{shard:03d}.jsonl.gz")
        done = os.path.join(args.out, f"scale-{shard:03d}.done")
        signature = json.dumps({"seed": args.seed, "first": first, "count": count, "pool": len(pool), "titles": len(titles)})
        if os.path.exists(path) and os.path.exists(done) and open(done).read() == signature:
            continue
        rng = random.Random(args.seed * 1_000_003 + shard)
        lines = []
        for n in range(first, first + count):
            cat, src = meta[rng.randrange(len(meta))]
            record = {
                "title": titles[rng.randrange(len(titles))],
                "text": "\n".join(pool[rng.randrange(len(pool))] for _ in range(rng.randint(3, 8))),
                "url": f"https://scale.example/{n}",
                "src": src,
                "cat": cat,
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(rng.randrange(START, END))),
            }
            lines.append(json.dumps(record, ensure_ascii=False))
        with gzip.open(path + ".tmp", "wt", encoding="utf-8", compresslevel=1) as out:
            out.write("\n".join(lines) + "\n")
        os.replace(path + ".tmp", path)
        with open(done, "w") as marker:
            marker.write(signature)
        written += count
    # Shards beyond N from an earlier, larger run are removed so DIR/*.jsonl.gz is exactly N articles.
    for name in os.listdir(args.out):
        if name.startswith("scale-") and name[6:9].isdigit() and int(name[6:9]) >= shards:
            os.remove(os.path.join(args.out, name))
    print(json.dumps({"articles": args.articles, "shards": shards, "written": written, "pool_paragraphs": len(pool),
                      "titles": len(titles), "seconds": round(time.time() - started, 1)}))


if __name__ == "__main__":
    main()
