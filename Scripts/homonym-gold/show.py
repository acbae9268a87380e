#!/usr/bin/env python3
"""Prints drawn mentions for annotators: `show.py FIRST LAST` prints the mentions of
Eval/homonyms/draw.jsonl with ids FIRST..LAST: the gazetteer person, the word the article wrote,
the article's outlet, date and title, and every sentence holding the word, read from
../shared/corpus/news at run time. Nothing is written."""
import gzip, json, os, re, sys

SENTENCES = 4
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "../../../shared/corpus/news")
first, last = int(sys.argv[1]), int(sys.argv[2])
rows = [json.loads(l) for l in open(os.path.join(here, "../../Eval/homonyms/draw.jsonl"), encoding="utf-8")]
rows = [r for r in rows if first <= r["id"] <= last]
wanted = {}
for r in rows:
    wanted.setdefault(r["file"], set()).add(r["record"])
docs = {}
for name, records in wanted.items():
    with gzip.open(os.path.join(root, name), "rt", encoding="utf-8") as f:
        for record, line in enumerate(f):
            if record in records:
                docs[(name, record)] = json.loads(line)
for r in rows:
    d = docs[(r["file"], r["record"])]
    text = d.get("text") or ""
    print(f"##### MENTION {r['id']}: is «{r['form']}» here the person «{r['person']}»?")
    print(f"--- {d.get('src')} | {d.get('time')} | {d.get('cat')}")
    print("TITLE:", d.get("title") or "")
    hits = [s.strip() for s in re.split(r"(?<=[.!؟?\n])", text) if r["form"] in s]
    for s in hits[:SENTENCES]:
        print("  >", s[:400])
    if not hits:
        print(text[:600])
    print()
