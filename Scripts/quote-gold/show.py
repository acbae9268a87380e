#!/usr/bin/env python3
"""Prints drawn articles for annotators: `show.py OUTLET [SPLIT]` prints, for each article of that
outlet in Eval/quotes/draw.jsonl, a header `=== FILE RECORD ===`, its title and its text, read from
../shared/corpus/news at run time. Nothing is written."""
import gzip, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "../../../shared/corpus/news")
draw = [json.loads(l) for l in open(os.path.join(here, "../../Eval/quotes/draw.jsonl"), encoding="utf-8")]
outlet = sys.argv[1]
split = sys.argv[2] if len(sys.argv) > 2 else None
wanted = {}
for row in draw:
    if row["outlet"] == outlet and (split is None or row["split"] == split):
        wanted.setdefault(row["file"], set()).add(row["record"])
for name, records in wanted.items():
    with gzip.open(os.path.join(root, name), "rt", encoding="utf-8") as f:
        for record, line in enumerate(f):
            if record in records:
                doc = json.loads(line)
                print(f"=== {name} {record} ===")
                print("TITLE:", doc.get("title") or "")
                print(doc.get("text") or "")
                print()
