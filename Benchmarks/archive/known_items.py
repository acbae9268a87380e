#!/usr/bin/env python3
"""Known-item queries over ANT v2.1 for the archive benchmark (issue 5).

  known_items.py --corpus ant_v2.1_multisource.jsonl.gz [--also OTHER.jsonl.gz] --out queries.jsonl
                 [--items 1000] [--seed 7]

Each item targets one article (its url) whose title and lead are unique in the corpora given, so
exactly one article is right. Half the items are titles, half are lead sentences (the first 8-12
words of the body), each lightly rephrased the way a reader misremembers or retypes them: drop a
word, add or drop the definite article, add a clitic (و / ب / ل), swap two neighbouring words,
spell hamza / alef / final ya / ta marbuta differently, or add harakat to a word. Every query gets
one or two of these (seeded, reproducible). Punctuation and our query syntax characters are
stripped, so each query is a plain bag of words (all required, as a user types it).

`--kind sentence4` makes another set (issue 21): four words of one body sentence, in their order,
unchanged. Such a query is short and its words are far apart in most articles that hold them all, so
it measures what proximity and IDF add. `--split dev|test` keeps the items whose url hashes even or
odd (md5): tune on dev, run test once per change.

Writes JSON lines {"id", "query", "target_url", "kind", "perturbations"}. The output is generated
from the corpus at run time; it is data, not committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from archive_common import paragraphs, records  # noqa: E402

ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
HARAKAT = ["\u064E", "\u064F", "\u0650", "\u0652"]  # fatha, damma, kasra, sukun


def words_of(text: str):
    """Words with letters or digits only (syntax characters and punctuation stripped)."""
    # Anything else (punctuation, quotes, hyphens, zero-width joiners) separates words: deleting it
    # would glue «راوول‌كاسترو» into one word that no index holds.
    spaced = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text)
    return [w for w in spaced.split() if w != "OR" and any(unicodedata.category(c)[0] in "LN" for c in w)]


def arabic_positions(words, minimum=3):
    return [i for i, w in enumerate(words) if ARABIC_LETTER.match(w) and len(w) >= minimum]


def drop_word(words, rng):
    if len(words) <= 4:
        return None
    out = list(words)
    del out[rng.randrange(len(out))]
    return out


def definite_article(words, rng):
    positions = arabic_positions(words, 4)
    if not positions:
        return None
    i = rng.choice(positions)
    w = words[i]
    if w.startswith("ال") and len(w) >= 5:
        new = w[2:]
    elif w.startswith("وال") and len(w) >= 6:
        new = "و" + w[3:]
    elif not w.startswith(("ال", "و", "ب", "ل", "ف", "ك", "ي", "ت", "ن", "أ", "س")):
        new = "ال" + w  # not on words that start like a verb (يكون, تقول), where no writer puts it
    else:
        return None
    return words[:i] + [new] + words[i + 1:]


def clitic(words, rng):
    positions = [i for i in arabic_positions(words, 3) if not words[i].startswith(("و", "ب", "ل", "ف"))]
    if not positions:
        return None
    i = rng.choice(positions)
    w = words[i]
    prefix = rng.choice(["و", "ب", "ل"] if w.startswith("ال") else ["و"])
    if prefix == "ل" and w.startswith("ال"):
        new = "لل" + w[2:]  # ل + ال -> لل
    else:
        new = prefix + w
    return words[:i] + [new] + words[i + 1:]


def swap(words, rng):
    if len(words) < 3:
        return None
    i = rng.randrange(len(words) - 1)
    out = list(words)
    out[i], out[i + 1] = out[i + 1], out[i]
    return out


def spelling(words, rng):
    """A hamza / alef / final ya / ta marbuta variant of one word (both directions where sensible)."""
    candidates = []
    for i, w in enumerate(words):
        if not ARABIC_LETTER.match(w):
            continue
        if re.search("[أإآ]", w):
            candidates.append((i, re.sub("[أإآ]", "ا", w)))
        elif w.startswith("ا") and len(w) >= 4 and not w.startswith("ال"):
            candidates.append((i, "أ" + w[1:]))
        elif w.startswith("الا") and len(w) >= 6:
            candidates.append((i, "الإ" + w[3:]))
        if w.endswith("ة"):
            candidates.append((i, w[:-1] + "ه"))
        if w.endswith("ى"):
            candidates.append((i, w[:-1] + "ي"))
        elif w.endswith("ي") and len(w) >= 4:
            candidates.append((i, w[:-1] + "ى"))
    if not candidates:
        return None
    i, new = rng.choice(candidates)
    return words[:i] + [new] + words[i + 1:]


def harakat(words, rng):
    positions = arabic_positions(words, 3)
    if not positions:
        return None
    i = rng.choice(positions)
    letters = list(words[i])
    out = []
    for j, c in enumerate(letters):
        out.append(c)
        if ARABIC_LETTER.match(c) and c not in "اىو" and j < len(letters) - 1 and rng.random() < 0.7:
            out.append(rng.choice(HARAKAT))
    return words[:i] + ["".join(out)] + words[i + 1:]


PERTURBATIONS = {
    "drop": drop_word, "article": definite_article, "clitic": clitic, "swap": swap,
    "spelling": spelling, "harakat": harakat,
}


def perturb(words, rng):
    names = list(PERTURBATIONS)
    applied = []
    for _ in range(rng.choice([1, 1, 2])):
        rng.shuffle(names)
        for name in names:
            if name in applied:
                continue
            result = PERTURBATIONS[name](words, rng)
            if result is not None and result != words:
                words = result
                applied.append(name)
                break
    return words, applied


SENTENCE_END = re.compile(r"[.!?؟؛\n]+")
#: A sentence of fewer words gives four words that are almost a phrase.
MIN_SENTENCE_WORDS = 10
#: Shorter words are mostly particles and prepositions, which carry no query.
MIN_QUERY_WORD = 3


def long_sentences(body):
    """The body's sentences of at least MIN_SENTENCE_WORDS words, as word lists."""
    out = []
    for paragraph in body:
        for sentence in SENTENCE_END.split(paragraph):
            words = words_of(sentence)
            if len(words) >= MIN_SENTENCE_WORDS and len([w for w in words if len(w) >= MIN_QUERY_WORD]) >= 4:
                out.append(words)
    return out


def write_sentence4(path, chosen, rng):
    with open(path, "w", encoding="utf-8") as out:
        for n, (url, _, _, sentences) in enumerate(chosen):
            words = rng.choice(sentences)
            positions = sorted(rng.sample([i for i, w in enumerate(words) if len(w) >= MIN_QUERY_WORD], 4))
            out.write(json.dumps({"id": f"sentence4-{n:04d}", "query": " ".join(words[i] for i in positions),
                                  "target_url": url, "kind": "sentence4", "perturbations": []}, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, help="ANT v2.1 (the targets)")
    parser.add_argument("--also", action="append", default=[], help="other corpora in the archive (for uniqueness)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--kind", choices=["mixed", "sentence4"], default="mixed",
                        help="mixed: titles and leads, perturbed; sentence4: four words of one sentence")
    parser.add_argument("--split", choices=["all", "dev", "test"], default="all")
    args = parser.parse_args()

    title_count, lead_count, url_count = {}, {}, {}
    candidates = []
    for path in [args.corpus] + args.also:
        for _, _, record in records([path]):
            title = record.get("title") or ""
            body = paragraphs(record.get("text") or "")
            url = record.get("url") or ""
            title_key = " ".join(words_of(title))
            lead_words = words_of(" ".join(body))[:12]
            lead_key = " ".join(lead_words)
            title_count[title_key] = title_count.get(title_key, 0) + 1
            lead_count[lead_key] = lead_count.get(lead_key, 0) + 1
            url_count[url] = url_count.get(url, 0) + 1
            if path == args.corpus:
                candidates.append((url, words_of(title), words_of(" ".join(body)), long_sentences(body)))
    usable = [
        c for c in candidates
        if c[0] and url_count[c[0]] == 1 and len(c[1]) >= 4 and len(c[2]) >= 12
        and title_count[" ".join(c[1])] == 1 and lead_count[" ".join(c[2][:12])] == 1
    ]
    if args.split != "all":
        parity = 0 if args.split == "dev" else 1
        usable = [c for c in usable if hashlib.md5(c[0].encode("utf-8")).digest()[0] % 2 == parity]
    rng = random.Random(args.seed)
    if args.kind == "sentence4":
        usable = [c for c in usable if c[3]]
    chosen = rng.sample(usable, min(args.items, len(usable)))
    if args.kind == "sentence4":
        write_sentence4(args.out, chosen, rng)
        print(json.dumps({"items": len(chosen), "usable": len(usable), "candidates": len(candidates)}), file=sys.stderr)
        return
    with open(args.out, "w", encoding="utf-8") as out:
        for n, (url, title, body, _) in enumerate(chosen):
            kind = "title" if n % 2 == 0 else "lead"
            words = title if kind == "title" else body[: rng.randint(8, 12)]
            words, applied = perturb(list(words), rng)
            out.write(json.dumps({"id": f"{kind}-{n:04d}", "query": " ".join(words), "target_url": url,
                                  "kind": kind, "perturbations": applied}, ensure_ascii=False) + "\n")
    print(json.dumps({"items": len(chosen), "usable": len(usable), "candidates": len(candidates)}), file=sys.stderr)


if __name__ == "__main__":
    main()
