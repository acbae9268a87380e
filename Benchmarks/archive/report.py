#!/usr/bin/env python3
"""Tables for the archive benchmark (issue 5), from the files archive-bench.sh leaves in its data dir.

  report.py ingest  DIR LABEL...              ingest/index rows (summary JSON + /usr/bin/time -v)
  report.py known   QUERIES OUT_FILE...       MRR@10 and recall@10 per engine (ENGINE=FILE)
  report.py latency OUT_FILE...               p50/p90/p99 per engine and per query class (ENGINE=FILE)
"""

from __future__ import annotations

import json
import os
import re
import sys
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from archive_common import percentile  # noqa: E402


def time_v(path):
    """Wall seconds and peak RSS (MB) from a /usr/bin/time -v report."""
    text = open(path).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1)) + float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    return seconds, rss, cpu


def last_json(path):
    """The last JSON object in a file (marsad prints a pretty-printed summary; peers one line)."""
    text = open(path).read().strip()
    start = text.rfind("\n{")
    for candidate in ([text[start + 1:]] if start >= 0 else []) + [text]:
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return json.loads(text[text.find("{"):])


def ingest(directory, labels):
    print("| run | articles | wall s | articles/s (wall) | CPU s | articles / CPU s | peak RSS MB | index / store size MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label in labels:
        summary = last_json(os.path.join(directory, label + ".out"))
        wall, rss, cpu = time_v(os.path.join(directory, label + ".time"))
        articles = summary.get("articles", 0)
        size_file = os.path.join(directory, label + ".size")
        size = float(open(size_file).read().split()[0]) / 1e6 if os.path.exists(size_file) else float("nan")
        print(f"| {label} | {articles:,} | {wall:.1f} | {articles / wall:,.0f} | {cpu:.1f} | {articles / cpu:,.0f} | {rss:.0f} | {size:,.0f} |")


def lines(path):
    out, summary = [], None
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("summary"):
            summary = record
        else:
            out.append(record)
    return out, summary


def norm(url):
    return unquote(url or "").strip().rstrip("/")


def known(queries_path, engines):
    items = {}
    for line in open(queries_path, encoding="utf-8"):
        if line.strip():
            record = json.loads(line)
            items[record["id"]] = record
    kinds = sorted({r["kind"] for r in items.values()})
    perturbations = sorted({p for r in items.values() for p in r["perturbations"]})
    results = {}
    for spec in engines:
        name, path = spec.split("=", 1)
        rows, summary = lines(path)
        per = {}
        for row in rows:
            item = items[row["id"]]
            urls = [norm(u) for u in row["urls"][:10]]
            target = norm(item["target_url"])
            rank = urls.index(target) + 1 if target in urls else None
            per[row["id"]] = (rank, row.get("total", 0), bool(row.get("error")), row["ms"])
        results[name] = (per, summary)

    def score(per, ids):
        ids = [i for i in ids if i in per]
        if not ids:
            return 0.0, 0.0, 0
        mrr = sum(1 / per[i][0] for i in ids if per[i][0]) / len(ids)
        recall = sum(1 for i in ids if per[i][0]) / len(ids)
        return mrr, recall, len(ids)

    print("| engine | queries | MRR@10 | recall@10 | zero hits | errors | p50 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, (per, summary) in results.items():
        mrr, recall, n = score(per, list(items))
        zero = sum(1 for v in per.values() if v[1] == 0)
        errors = sum(1 for v in per.values() if v[2])
        p50 = percentile(sorted(v[3] for v in per.values()), 0.5)
        print(f"| {name} | {n} | {mrr:.3f} | {recall:.3f} | {zero} | {errors} | {p50:.2f} |")
    print()
    print("MRR@10 by kind and by perturbation (a query has one or two):")
    print()
    groups = [("kind=" + k, [i for i, r in items.items() if r["kind"] == k]) for k in kinds]
    groups += [("+" + p, [i for i, r in items.items() if p in r["perturbations"]]) for p in perturbations]
    print("| group | n | " + " | ".join(results) + " |")
    print("|---|---:|" + "---:|" * len(results))
    for label, ids in groups:
        cells = [f"{score(per, ids)[0]:.3f}" for per, _ in results.values()]
        print(f"| {label} | {len(ids)} | " + " | ".join(cells) + " |")


def latency(engines):
    results = {}
    for spec in engines:
        name, path = spec.split("=", 1)
        results[name] = lines(path)
    print("| engine | queries | errors | p50 ms | p90 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, (rows, summary) in results.items():
        ms = sorted(r["ms"] for r in rows)
        errors = sum(1 for r in rows if r.get("error"))
        print(f"| {name} | {len(rows)} | {errors} | {percentile(ms, .5):.2f} | {percentile(ms, .9):.2f} | {percentile(ms, .99):.2f} | {ms[-1]:.2f} |")
    print()
    print("Per query class: median ms / max ms (median hits):")
    print()
    classes = []
    for rows, _ in results.values():
        for r in rows:
            c = r["id"].rsplit("-", 1)[0]
            if c not in classes:
                classes.append(c)
    print("| class | n | " + " | ".join(results) + " |")
    print("|---|---:|" + "---|" * len(results))
    for c in classes:
        cells, n = [], 0
        for rows, _ in results.values():
            mine = [r for r in rows if r["id"].rsplit("-", 1)[0] == c]
            n = len(mine)
            ms = sorted(r["ms"] for r in mine)
            totals = sorted(r.get("total", 0) for r in mine)
            cells.append(f"{percentile(ms, .5):.2f} / {ms[-1]:.2f} ({percentile(totals, .5):,})")
        print(f"| {c} | {n} | " + " | ".join(cells) + " |")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "ingest":
        ingest(args[0], args[1:])
    elif command == "known":
        known(args[0], args[1:])
    elif command == "latency":
        latency(args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
