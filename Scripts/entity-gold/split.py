#!/usr/bin/env python3
"""Splits the entity alias gold (issue 20) into dev and a test split frozen before tuning.

  split.py [Eval/entities/aliases.jsonl]

Groups are shuffled with a fixed seed and alternate between test and dev, the groups of two names or
more apart from the single names so that both splits hold about half of the merges. Writes
Eval/entities/dev.jsonl and Eval/entities/test.jsonl (the same lines as aliases.jsonl). Re-running
gives the same files.
"""
import json, os, random, sys

SEED = 20261207

source = sys.argv[1] if len(sys.argv) > 1 else "Eval/entities/aliases.jsonl"
groups = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
rng = random.Random(SEED)
splits = {"dev": [], "test": []}
for multi in (True, False):
    chosen = [g for g in groups if (len(set(g["aliases"])) > 1) == multi]
    rng.shuffle(chosen)
    for index, group in enumerate(chosen):
        splits["test" if index % 2 == 0 else "dev"].append(group)
folder = os.path.dirname(source)
for name, items in splits.items():
    with open(os.path.join(folder, f"{name}.jsonl"), "w", encoding="utf-8") as out:
        for group in items:
            out.write(json.dumps(group, ensure_ascii=False) + "\n")
    pairs = sum(len(set(g["aliases"])) * (len(set(g["aliases"])) - 1) // 2 for g in items)
    print(f"{name}: {len(items)} groups, {pairs} pairs")
