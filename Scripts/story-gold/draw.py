#!/usr/bin/env python3
"""Draws the article pairs of the story gold (issue 20) with a fixed seed, and splits them.

  draw.py ARCHIVE.sqlite [OUT]

ARCHIVE is an archive of ANT v2.1 + v1.1 built by `marsad ingest` (with analysis: the draw reads its
entities, outlets, dates and stories). Writes Eval/stories/draw.jsonl: one line per pair,
{"id", "split", "stratum", "a": {"file", "record"}, "b": {"file", "record"}}. No article text is
written; `record` is the 0-based line number in the decompressed file. The strata (issue 20):

- `cross-outlet`: two outlets, published within 48 hours, sharing a person, organisation or place;
- `large-story`: two articles of one of the archive's largest stories as built when drawn;
- `same-outlet`: one outlet, consecutive days, one section, sharing a person, organisation or place.

Copies (articles with an original) are left out. Pairs are shuffled with the seed and alternate
between the test split (frozen before any tuning) and dev. Re-running gives the same file for the
same archive.
"""
import json, os, random, sqlite3, sys
from collections import defaultdict
from datetime import datetime, timedelta

SEED = 20261207
COUNTS = {"cross-outlet": 200, "large-story": 150, "same-outlet": 100}
LARGEST_STORIES = 15


def record_of(source):
    path, number = source.rsplit("#", 1)
    return {"file": os.path.basename(path), "record": int(number) - 1}


def load(archive):
    db = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    articles = {}
    for seq, source, outlet, published, section, story in db.execute(
        "SELECT a.seq, p.source, a.outlet_key, a.published, a.section_key, a.story_id FROM articles a "
        "JOIN pages p ON p.id = a.page_id WHERE a.duplicate_of IS NULL AND a.published IS NOT NULL AND p.source LIKE '%#%'"
    ):
        articles[seq] = {"source": source, "outlet": outlet, "time": datetime.fromisoformat(published.replace("Z", "+00:00")),
                         "section": section, "story": story, "names": set()}
    for seq, key in db.execute("SELECT article, name_key FROM entities WHERE type IN ('person', 'organization', 'place')"):
        if seq in articles:
            articles[seq]["names"].add(key)
    return articles


def draw(articles, rng):
    by_name = defaultdict(list)
    for seq, a in articles.items():
        for name in a["names"]:
            by_name[name].append(seq)
    seqs = sorted(s for s, a in articles.items() if a["names"])
    pairs, seen = [], set()

    def add(stratum, x, y):
        key = (min(x, y), max(x, y))
        if x == y or key in seen:
            return False
        seen.add(key)
        pairs.append((stratum, key))
        return True

    def partner(seq, accept):
        a = articles[seq]
        names = sorted(a["names"])
        rng.shuffle(names)
        for name in names[:5]:
            holders = by_name[name]
            # Very common names (a country, a president) would make most pairs unrelated by chance.
            if len(holders) > 2000:
                continue
            options = [s for s in holders if s != seq and accept(a, articles[s])]
            if options:
                return rng.choice(sorted(options))
        return None

    def cross(a, b):
        return a["outlet"] != b["outlet"] and abs(a["time"] - b["time"]) <= timedelta(hours=48)

    def same_outlet(a, b):
        return a["outlet"] == b["outlet"] and a["section"] == b["section"] and (b["time"].date() - a["time"].date()).days == 1

    for stratum, accept in (("cross-outlet", cross), ("same-outlet", same_outlet)):
        got = 0
        while got < COUNTS[stratum]:
            seq = rng.choice(seqs)
            other = partner(seq, accept)
            if other is not None and add(stratum, seq, other):
                got += 1
    stories = defaultdict(list)
    for seq, a in articles.items():
        stories[a["story"]].append(seq)
    largest = sorted(stories, key=lambda s: (-len(stories[s]), s))[:LARGEST_STORIES]
    per_story = COUNTS["large-story"] // len(largest)
    for story in largest:
        members = sorted(stories[story])
        got = 0
        while got < per_story:
            x, y = rng.sample(members, 2)
            if add("large-story", x, y):
                got += 1
    return pairs


def main():
    archive = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../../Eval/stories/draw.jsonl")
    articles = load(archive)
    rng = random.Random(SEED)
    pairs = draw(articles, rng)
    rng.shuffle(pairs)
    with open(out, "w", encoding="utf-8") as f:
        for n, (stratum, (x, y)) in enumerate(pairs):
            row = {"id": n + 1, "split": "test" if n % 2 == 0 else "dev", "stratum": stratum,
                   "a": record_of(articles[x]["source"]), "b": record_of(articles[y]["source"])}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(pairs)} pairs written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
