#!/usr/bin/env python3
"""Near-duplicate detection with datasketch (MinHash + MinHashLSH) on the synthetic set that
`marsad bench dedup --pairs-out FILE` writes: the same documents, the same terms (our analysis
chain's output, so both sides shingle identical words), the same shingle size, signature length,
bands x rows and thresholds. Prints one JSON object: precision/recall and timings.

Usage: dedup_datasketch.py PAIRS.jsonl [--seconds S]
"""
import argparse
import json
import sys
import time

from datasketch import MinHash, MinHashLSH


def shingles(terms, k):
    """k consecutive terms joined by a space; a text shorter than k is one shingle (as ours)."""
    if not terms:
        return []
    n = max(len(terms) - k + 1, 1)
    return [" ".join(terms[i:i + k]).encode("utf-8") for i in range(n)]


def containment(j, a, b):
    smaller = min(a, b)
    if smaller == 0:
        return 0.0
    return min(1.0, j * (a + b) / ((1 + j) * smaller))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()

    with open(args.pairs, encoding="utf-8") as f:
        settings = json.loads(f.readline())["settings"]
        docs = [json.loads(line) for line in f if line.strip()]
    k, perms = settings["shingle"], settings["hashes"]
    bands, rows = settings["bands"], settings["rows"]
    j0, c0, jmin = settings["jaccard"], settings["containment"], settings["minimumCutJaccard"]
    sets = [shingles(d["terms"], k) for d in docs]
    sizes = [len(set(s)) for s in sets]

    def signatures():
        out = []
        for s in sets:
            m = MinHash(num_perm=perms)
            m.update_batch(s)  # datasketch's fast path: one numpy pass per document
            out.append(m)
        return out

    def build(sigs):
        lsh = MinHashLSH(num_perm=perms, params=(bands, rows))
        for i, m in enumerate(sigs):
            lsh.insert(i, m)
        return lsh

    def near(i, j, sigs):
        jac = sigs[i].jaccard(sigs[j])
        if jac >= j0:
            return True
        return jac >= jmin and containment(jac, sizes[i], sizes[j]) >= c0

    def lookups(lsh, sigs):
        found = set()
        for i, m in enumerate(sigs):
            for j in lsh.query(m):
                if j != i and near(i, j, sigs):
                    found.add((min(i, j), max(i, j)))
        return found

    def best(fn, seconds):
        """Best wall time of repeated runs within the budget (at least two), as ours."""
        times, result = [], None
        deadline = time.perf_counter() + seconds
        while len(times) < 2 or time.perf_counter() < deadline:
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
        return min(times), result

    sig_time, sigs = best(signatures, args.seconds)
    lsh_time, lsh = best(lambda: build(sigs), args.seconds)
    lookup_time, detected = best(lambda: lookups(lsh, sigs), args.seconds)

    truth = {}
    for d in docs:
        if d["of"] is not None:
            truth[(min(d["id"], d["of"]), max(d["id"], d["of"]))] = d["kind"]
    tp = detected & set(truth)
    result = {
        "peer": "datasketch",
        "documents": len(docs),
        "precision": len(tp) / len(detected) if detected else 1.0,
        "recall": len(tp) / len(truth) if truth else 1.0,
        "detected": len(detected),
        "truePositives": len(tp),
        "signatureSeconds": sig_time,
        "signaturesPerSecond": len(docs) / sig_time,
        "lshInsertSeconds": lsh_time,
        "signatureLSHPerSecond": len(docs) / (sig_time + lsh_time),
        "lookupSeconds": lookup_time,
        "lookupsPerSecond": len(docs) / lookup_time,
        "settings": settings,
    }
    for kind in ("edited", "truncated", "recaptioned"):
        pairs = [p for p, kd in truth.items() if kd == kind]
        result["recall" + kind.capitalize()] = sum(p in detected for p in pairs) / max(len(pairs), 1)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
