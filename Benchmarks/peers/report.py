#!/usr/bin/env python3
"""Merge our `marsad bench text --json` output with text_peers.py --json (and
optionally stem_eval.py --json) into markdown tables for the README."""
import argparse
import json

# peer-name suffix -> (task label, key in our JSON, our tool label)
TASKS = {"-normalize": ("normalization", "normalize", "marsad normalize"),
         "-analyze": ("analysis", "analyze", "marsad analyze")}


def mbps(entry, nbytes):
    # Recomputed from bytes/seconds when possible so both sides use MB = 10^6 bytes.
    if nbytes and entry.get("seconds"):
        return nbytes / entry["seconds"] / 1e6
    return entry.get("mbps")


def throughput_table(ours, peers):
    rows = ["| task | tool | input MB | MB/s | ours / tool |", "|---|---|---:|---:|---:|"]
    for suffix, (task, key, label) in TASKS.items():
        mine = ours.get(key)
        our_speed = mbps(mine, ours.get("bytes")) if mine else None
        if mine:
            rows.append(f"| {task} | **{label}** (Swift) | {ours.get('bytes', 0) / 1e6:.1f} "
                        f"| {our_speed:.2f} | 1.00 |")
        group = {n: (r, mbps(r, r["bytes"])) for n, r in peers.items() if n.endswith(suffix)}
        fastest = max(group, key=lambda n: group[n][1], default=None)
        for name, (r, speed) in sorted(group.items(), key=lambda kv: -kv[1][1]):
            ratio = f"{our_speed / speed:.1f}×" if our_speed else "n/a"
            mark = " (fastest peer)" if name == fastest else ""
            rows.append(f"| {task} | {name}{mark} | {r['bytes'] / 1e6:.1f} | {speed:.2f} | {ratio} |")
    return "\n".join(rows)


def stems_table(stems):
    rows = ["| stemmer | gold | exact | normalized | n |", "|---|---|---:|---:|---:|"]
    for name, r in stems.items():
        rows.append(f"| {name} | {r['gold']} | {r['exact']:.1%} | {r['normalized']:.1%} | {r['n']} |")
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ours", required=True, help="JSON from marsad bench text --json")
    ap.add_argument("--peers", required=True, help="JSON from text_peers.py --json")
    ap.add_argument("--stems", help="JSON from stem_eval.py --json")
    args = ap.parse_args()

    load = lambda p: json.load(open(p, encoding="utf-8"))
    print("### Throughput (one core, MB/s of UTF-8 input)\n")
    print(throughput_table(load(args.ours), load(args.peers)))
    if args.stems:
        print("\n### Stemming accuracy (golden-corpus-arabic, core)\n")
        print(stems_table(load(args.stems)))


if __name__ == "__main__":
    main()
