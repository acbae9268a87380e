#!/usr/bin/env python3
"""Throughput (MB/s of UTF-8 input) of Python Arabic text tools on one text file.

Each peer gets a time budget: a short calibration run sizes a prefix of the text
(cut at an article boundary) so that one run fits the budget, then the best of up
to three runs is kept. MB/s is always bytes actually processed / seconds.
"""
import argparse
import json
import re
import sys
import time

import snowballstemmer
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar,
                                         normalize_teh_marbuta_ar, normalize_unicode)
from nltk.stem.isri import ISRIStemmer
from snowballstemmer.arabic_stemmer import ArabicStemmer as PySnowballArabic
from tashaphyne.stemming import ArabicLightStemmer

from pyarabic_chain import pyarabic_normalize


def camel_normalize(s):
    # NFKC first so presentation forms become plain letters before the foldings.
    # camel_tools.utils has no tatweel remover (only its morphology analyzer
    # strips it), so a plain replace completes the same job.
    s = dediac_ar(normalize_unicode(s)).replace("\u0640", "")
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(s)))


# A small stopword list written for this benchmark (nltk's needs a corpus
# download), normalized once so it matches normalized tokens. Same for all stemmers.
STOPWORDS = {pyarabic_normalize(w) for w in """
في من إلى على عن مع هذا هذه ذلك تلك التي الذي الذين اللذين أن إن كان كانت يكون
قد لم لن لا ما هو هي هم هن نحن أنا أنت كما أو ثم بين بعد قبل عند لدى حتى كل غير
أي منذ خلال حول لكن أيضا إلا إذا لقد وقد وفي ومن وهو وهي وأن وإن وكان به بها له
لها فيه فيها منه منها عليه عليها إليه هناك هنا حيث""".split()}
TOKEN = re.compile(r"\w+")


def analyzer(stem_words):
    """tokenize -> normalize -> drop stopwords -> stem; stem_words takes a list."""
    def run(block):
        toks = [t for t in TOKEN.findall(pyarabic_normalize(block)) if t not in STOPWORDS]
        return stem_words(toks)
    return run


def per_word(stem):
    return lambda toks: [stem(t) for t in toks]


def make_peers():
    return {
        "pyarabic-normalize": pyarabic_normalize,
        "camel-normalize": camel_normalize,
        "tashaphyne-analyze": analyzer(per_word(ArabicLightStemmer().light_stem)),
        "isri-analyze": analyzer(per_word(ISRIStemmer().stem)),
        # snowballstemmer.stemmer() is PyStemmer's C build when installed (it is,
        # see requirements.txt); the pure-Python build is listed for reference.
        "snowball-analyze": analyzer(snowballstemmer.stemmer("arabic").stemWords),
        "snowball-py-analyze": analyzer(PySnowballArabic().stemWords),
    }


def run_once(fn, blocks):
    t0 = time.perf_counter()
    for b in blocks:
        fn(b)
    return time.perf_counter() - t0


def prefix(blocks, nbytes):
    """Leading articles holding about nbytes of UTF-8 (at least one)."""
    out, total = [], 0
    for b, n in blocks:
        if out and total + n > nbytes:
            break
        out.append(b)
        total += n
    return out, total


def measure(fn, blocks, budget):
    calib, cb = prefix(blocks, 256_000)
    rate = cb / max(run_once(fn, calib), 1e-6)
    # One run should take about a third of the budget, so three fit.
    work, nbytes = prefix(blocks, rate * budget / 3)
    best, spent = None, 0.0
    for _ in range(3):
        dt = run_once(fn, work)
        best = dt if best is None else min(best, dt)
        spent += dt
        if spent + dt > budget:
            break
    return {"bytes": nbytes, "seconds": round(best, 4), "mbps": round(nbytes / best / 1e6, 3)}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--text", required=True)
    ap.add_argument("--seconds", type=float, default=20.0, help="time budget per peer")
    ap.add_argument("--only", nargs="*", help="subset of peer names")
    ap.add_argument("--json", action="store_true", help="JSON on stdout, table on stderr")
    args = ap.parse_args()

    with open(args.text, encoding="utf-8") as f:
        blocks = [(b, len(b.encode("utf-8")) + 2) for b in f.read().split("\n\n") if b.strip()]

    results = {}
    table_out = sys.stderr if args.json else sys.stdout
    print(f"{'name':22} {'bytes':>11} {'seconds':>9} {'MB/s':>9}", file=table_out)
    for name, fn in make_peers().items():
        if args.only and name not in args.only:
            continue
        r = results[name] = measure(fn, blocks, args.seconds)
        print(f"{name:22} {r['bytes']:>11} {r['seconds']:>9.3f} {r['mbps']:>9.3f}",
              file=table_out, flush=True)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
