#!/usr/bin/env python3
"""Copies and stories of two SQLite archives of the same input, compared as pairs.

  compare_links.py REFERENCE.sqlite OTHER.sqlite

Articles are matched by id (ids come from the input, so two ingests of the same files give the same
ones). A copy is the pair (article, its original); a story pair is two articles of one story, copies
included. Prints the counts of each archive, the pairs both have, and the agreement (shared pairs
over the union). Used to check that the linking stage after the commit links as the inline linking
did (issue 19).
"""

from __future__ import annotations

import itertools
import sqlite3
import sys
from collections import defaultdict


def links(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    copies, stories = set(), defaultdict(list)
    for article, original, story in db.execute("SELECT id, duplicate_of, story_id FROM articles ORDER BY seq"):
        if original is not None:
            copies.add((article, original))
        if story is not None:
            stories[story].append(article)
    pairs = set()
    for members in stories.values():
        pairs.update(itertools.combinations(sorted(members), 2))
    sizes = sum(1 for members in stories.values() if len(members) > 1)
    return copies, pairs, sizes


def main():
    reference, other = links(sys.argv[1]), links(sys.argv[2])
    for name, index in (("copies", 0), ("story pairs", 1)):
        a, b = reference[index], other[index]
        shared = len(a & b)
        union = len(a | b) or 1
        print(f"{name}: reference {len(a):,}, other {len(b):,}, shared {shared:,}, only reference {len(a - b):,}, "
              f"only other {len(b - a):,}, agreement {shared / union:.4f}")
    print(f"stories of two or more: reference {reference[2]:,}, other {other[2]:,}")


if __name__ == "__main__":
    main()
