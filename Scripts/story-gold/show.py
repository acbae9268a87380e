#!/usr/bin/env python3
"""Prints drawn pairs for annotators: `show.py FIRST LAST` prints the pairs of Eval/stories/draw.jsonl
with ids FIRST..LAST, each article's outlet, date, title and opening text, read from
../shared/corpus/news at run time. Nothing is written."""
import gzip, json, os, sys

CHARS = 1200
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "../../../shared/corpus/news")
first, last = int(sys.argv[1]), int(sys.argv[2])
pairs = [json.loads(l) for l in open(os.path.join(here, "../../Eval/stories/draw.jsonl"), encoding="utf-8")]
pairs = [p for p in pairs if first <= p["id"] <= last]
wanted = {}
for p in pairs:
    for side in ("a", "b"):
        wanted.setdefault(p[side]["file"], set()).add(p[side]["record"])
docs = {}
for name, records in wanted.items():
    with gzip.open(os.path.join(root, name), "rt", encoding="utf-8") as f:
        for record, line in enumerate(f):
            if record in records:
                docs[(name, record)] = json.loads(line)
for p in pairs:
    print(f"##### PAIR {p['id']} ({p['stratum']})")
    for side in ("a", "b"):
        d = docs[(p[side]["file"], p[side]["record"])]
        print(f"--- {side.upper()}: {d.get('src')} | {d.get('time')} | {d.get('cat')}")
        print("TITLE:", d.get("title") or "")
        print((d.get("text") or "")[:CHARS])
    print()
