#!/usr/bin/env python3
"""Stem/root accuracy of Python Arabic stemmers (and ours) on the golden corpus.

Gold: ../shared/corpus/stemming/golden-corpus-arabic/core/{words,stems,roots}.txt,
line-aligned. Each system is scored two ways:
  exact       the output equals the gold line;
  normalized  equal after fold() on BOTH sides, so that spelling conventions
              (hamza seats, alef maksura, teh marbuta, harakat) are not counted
              as stemming errors.
--ours NAME=FILE scores a file of stems line-aligned with words.txt.

Tashaphyne's get_root breaks ties by set iteration order, i.e. by Python's string
hash seed (root accuracy moves by several points between seeds), so the script
re-runs itself with PYTHONHASHSEED=0 unless a seed is given.
"""
import argparse
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
GOLD = REPO.parent / "shared" / "corpus" / "stemming" / "golden-corpus-arabic" / "core"

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                       "ؤ": "و", "ئ": "ي", "\u0640": None})
_MARKS = re.compile("[\u064b-\u065f\u0670]")  # harakat, shadda, sukun, dagger alef


def fold(s):
    """Light comparison normalization; a leading bare hamza (as in ءامن) is dropped."""
    s = _MARKS.sub("", s.strip()).translate(_FOLD)
    return s[1:] if s.startswith("ء") else s


def read_lines(path):
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def score(pred, gold):
    n = len(gold)
    exact = sum(p.strip() == g.strip() for p, g in zip(pred, gold))
    norm = sum(fold(p) == fold(g) for p, g in zip(pred, gold))
    return {"exact": round(exact / n, 4), "normalized": round(norm / n, 4), "n": n}


def peer_outputs(words):
    """name -> (predictions, which gold file they are scored against)."""
    from nltk.stem.isri import ISRIStemmer
    import snowballstemmer
    from tashaphyne.stemming import ArabicLightStemmer

    isri = [ISRIStemmer().stem(w) for w in words]
    tash = ArabicLightStemmer()
    t_stems, t_roots = [], []
    for w in words:
        tash.light_stem(w)
        t_stems.append(tash.get_stem())
        t_roots.append(tash.get_root())
    return {
        # ISRI is a root extractor; scored against stems too, for comparison.
        "isri": (isri, "stems"),
        "isri-root": (isri, "roots"),
        "tashaphyne": (t_stems, "stems"),
        "tashaphyne-root": (t_roots, "roots"),
        "snowball": (snowballstemmer.stemmer("arabic").stemWords(words), "stems"),
    }


def main():
    if "PYTHONHASHSEED" not in os.environ:
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ours", action="append", default=[], metavar="NAME=FILE")
    ap.add_argument("--json", action="store_true", help="JSON on stdout, table on stderr")
    args = ap.parse_args()

    if not (GOLD / "words.txt").is_file():
        print(f"stem_eval: gold corpus not found at {GOLD}, skipping", file=sys.stderr)
        return 0
    words = read_lines(GOLD / "words.txt")
    gold = {"stems": read_lines(GOLD / "stems.txt"), "roots": read_lines(GOLD / "roots.txt")}
    assert all(len(g) == len(words) for g in gold.values()), "gold files are not line-aligned"

    systems = peer_outputs(words)
    for spec in args.ours:
        name, _, path = spec.partition("=")
        pred = read_lines(Path(path))
        if len(pred) != len(words):
            sys.exit(f"stem_eval: {path} has {len(pred)} lines, words.txt has {len(words)}")
        systems[name] = (pred, "stems")

    results = {name: dict(score(pred, gold[g]), gold=g) for name, (pred, g) in systems.items()}
    out = sys.stderr if args.json else sys.stdout
    print(f"{'name':18} {'gold':6} {'exact':>7} {'normalized':>11} {'n':>6}", file=out)
    for name, r in results.items():
        print(f"{name:18} {r['gold']:6} {r['exact']:>7.1%} {r['normalized']:>11.1%} {r['n']:>6}", file=out)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
