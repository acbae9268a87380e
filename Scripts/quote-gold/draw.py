#!/usr/bin/env python3
"""Draws the real articles of the quote gold (issue 18) with a fixed seed, and splits them.

Reads the ANT exports under ../shared/corpus/news/ (read only, at run time) and writes
Eval/quotes/draw.jsonl: one line per drawn article, {"file", "record", "outlet", "split"}. No article
text is written. `record` is the 0-based line number in the decompressed file.

Candidates are the articles of each outlet with at least one speech cue (a guillemet or a common
reporting verb), since articles without speech say nothing about attribution. From each outlet,
`PER_OUTLET` are drawn with `random.Random(SEED)`; the first half of each outlet's draw is the test
split, the second half dev. The draw is made once, before any tuning; re-running it gives the same file.
"""
import gzip, json, os, random, re, sys

SEED = 20261206
PER_OUTLET = 40
FILES = ["ant_v1.1_jawharafm.jsonl.gz", "ant_v2.1_multisource.jsonl.gz"]
CUES = re.compile(r"«|\bقال|\bقالت|\bأضاف|\bأكد|\bصرح|\bأوضح|\bأعلن|\bأشار")
# Articles longer than this are left out: an annotator must read every word.
MAX_CHARS = 6000


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/corpus/news")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../../Eval/quotes/draw.jsonl")
    candidates = {}
    for name in FILES:
        with gzip.open(os.path.join(root, name), "rt", encoding="utf-8") as f:
            for record, line in enumerate(f):
                doc = json.loads(line)
                text = doc.get("text") or ""
                if doc.get("src") and len(text) <= MAX_CHARS and CUES.search(text):
                    candidates.setdefault(doc["src"], []).append((name, record))
    rng = random.Random(SEED)
    rows = []
    for outlet in sorted(candidates):
        drawn = rng.sample(candidates[outlet], PER_OUTLET)
        for i, (name, record) in enumerate(drawn):
            rows.append({"file": name, "record": record, "outlet": outlet,
                         "split": "test" if i < PER_OUTLET // 2 else "dev"})
    with open(out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles from {len(candidates)} outlets -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
