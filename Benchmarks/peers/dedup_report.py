#!/usr/bin/env python3
"""Prints the tables of docs/benchmarks.md from `marsad bench dedup --json` and the datasketch peer's JSON."""
import json
import sys


def main():
    ours = json.load(open(sys.argv[1]))
    peer = json.load(open(sys.argv[2]))
    exact = ours["exact"]
    print(f"corpus: {ours['input']}, {ours['articles']} articles\n")
    print("| reference | reference duplicates | ours | pair P | pair R | record P | record R |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key, label in (("body", "identical body bytes"), ("titleBody", "identical title + body bytes")):
        e = exact[key]
        print(f"| {label} | {e['referenceDuplicateRecords']} | {e['ourDuplicateRecords']} | {e['pairPrecision']:.4f} | "
              f"{e['pairRecall']:.4f} | {e['recordPrecision']:.4f} | {e['recordRecall']:.4f} |")
    n = exact["nearOrExactVsBody"]
    print(f"\nexact or near copy vs identical bodies: recall {n['recall']:.4f} ({n['found']}/{n['referencePairs']} pairs); "
          f"{n['outsideReference']} more pairs found outside the reference\n")

    syn = ours["synthetic"]
    print(f"synthetic: {syn['originals']} originals + {syn['copies']} copies (seed {syn['seed']})\n")
    print("| settings | P | R | edited | truncated | re-captioned | LSH recall | candidates/lookup |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in syn["detection"]:
        print(f"| marsad {row['config']} | {row['precision']:.4f} | {row['recall']:.4f} | {row['recallEdited']:.3f} | "
              f"{row['recallTruncated']:.3f} | {row['recallRecaptioned']:.3f} | {row['candidateRecall']:.4f} | "
              f"{row['candidatesPerLookup']:.2f} |")
    s = peer["settings"]
    print(f"| datasketch {s['shingle']}-shingles, {s['hashes']} = {s['bands']}x{s['rows']} | {peer['precision']:.4f} | "
          f"{peer['recall']:.4f} | {peer['recallEdited']:.3f} | {peer['recallTruncated']:.3f} | "
          f"{peer['recallRecaptioned']:.3f} | | |")

    default = syn["detection"][0]
    t = ours["throughput"]
    print("\n| stage (same 6,000 synthetic documents, one core) | marsad /s | datasketch /s | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| shingles + signature + LSH insert, from terms | {default['signatureLSHPerSecond']:.0f} | "
          f"{peer['signatureLSHPerSecond']:.0f} | {default['signatureLSHPerSecond'] / peer['signatureLSHPerSecond']:.1f}x |")
    print(f"| lookup: LSH query + verification | {default['lookupsPerSecond']:.0f} | {peer['lookupsPerSecond']:.0f} | "
          f"{default['lookupsPerSecond'] / peer['lookupsPerSecond']:.1f}x |")
    print(f"\nfull fingerprint on the corpus: {t['fingerprintsPerSecond']:.0f} articles/s ({t['fingerprintMBps']:.1f} MB/s); "
          f"analysis chain alone {t['analysisOnlyPerSecond']:.0f}/s, exact hash alone {t['exactOnlyPerSecond']:.0f}/s, "
          f"signature + LSH from terms {t['signaturesPerSecond']:.0f}/s")


if __name__ == "__main__":
    main()
