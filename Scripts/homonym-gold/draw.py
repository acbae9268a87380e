#!/usr/bin/env python3
"""Draws the mentions of the homonym gold (issue 20) with a fixed seed, and splits them.

  draw.py ARCHIVE.sqlite [OUT]

ARCHIVE is an archive of ANT v2.1 + v1.1 built by `marsad ingest` with analysis. A drawn mention is
an article in which a person of the project's gazetteer
(Sources/NewsAnalysis/Resources/gazetteers/persons.txt) was found only by a one-word form, with no
fuller form in the article: `سانشيز` read as Pedro Sánchez, `بيريز` as Shimon Peres. Those are the
readings a homonym can take over. Writes Eval/homonyms/draw.jsonl, one line per mention:
{"id", "split", "stratum", "file", "record", "person", "form"}; `record` is the 0-based line of the
decompressed file, `person` the gazetteer's name and `form` the word the article wrote. No article
text is written. Two strata of equal size: `sport` (the corpus labels the article's section sport)
and `other`. At most PER_PERSON mentions of one person in a stratum, so that two footballers do not
fill it. Copies are left out. Mentions are shuffled with the seed and alternate between the test
split (frozen before any rule is written) and dev.
"""
import json, os, random, sqlite3, sys
from collections import defaultdict

SEED = 20261207
PER_STRATUM = 120
PER_PERSON = 6
here = os.path.dirname(os.path.abspath(__file__))
PERSONS = os.path.join(here, "../../Sources/NewsAnalysis/Resources/gazetteers/persons.txt")


def gazetteer_people():
    names = set()
    for line in open(PERSONS, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line.split("|")[0].strip().lstrip("~"))
    return names


def load(archive, people):
    db = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    strata = {"sport": defaultdict(list), "other": defaultdict(list)}
    for source, section, name, mentions in db.execute(
        "SELECT p.source, a.section_key, e.name, e.mentions FROM entities e JOIN articles a ON a.seq = e.article "
        "JOIN pages p ON p.id = a.page_id WHERE e.type = 'person' AND a.duplicate_of IS NULL AND p.source LIKE '%#%' "
        "ORDER BY a.seq, e.name"
    ):
        forms = json.loads(mentions)
        if name not in people or " " not in name or any(" " in f for f in forms):
            continue
        path, number = source.rsplit("#", 1)
        ref = {"file": os.path.basename(path), "record": int(number) - 1, "person": name, "form": forms[0]}
        strata["sport" if section == "sport" else "other"][name].append(ref)
    return strata


def draw(strata, rng):
    drawn = []
    for stratum in ("sport", "other"):
        pool = []
        for name in sorted(strata[stratum]):
            refs = strata[stratum][name]
            pool += rng.sample(refs, min(PER_PERSON, len(refs)))
        rng.shuffle(pool)
        drawn += [dict(ref, stratum=stratum) for ref in pool[:PER_STRATUM]]
    rng.shuffle(drawn)
    return drawn


def main():
    archive = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "../../Eval/homonyms/draw.jsonl")
    rng = random.Random(SEED)
    drawn = draw(load(archive, gazetteer_people()), rng)
    with open(out, "w", encoding="utf-8") as f:
        for n, ref in enumerate(drawn):
            row = {"id": n + 1, "split": "test" if n % 2 == 0 else "dev", "stratum": ref["stratum"], "file": ref["file"],
                   "record": ref["record"], "person": ref["person"], "form": ref["form"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(drawn)} mentions written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
