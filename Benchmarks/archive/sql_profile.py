#!/usr/bin/env python3
"""Where marsad's search time goes: its SQL shapes timed one by one on a marsad store (issue 5).

  sql_profile.py --store PATH --marsad BIN [--runs 3]

For a few queries of each class, times the two statements behind a search without facets: the
count(*) of all hits and the top 10 by bm25 (ids and scores only), in three shapes: FTS5 alone (what
`SQLiteArchive.search` runs at c32cfba when nothing is filtered), `articles_fts CROSS JOIN articles`
(c32cfba, with filters) and a plain JOIN (61068a1, which let SQLite drive from the section index).
Prints best-of-N ms and SQLite's plan for the count. Index terms come from `marsad stem`, so
the MATCH strings are the ones marsad builds. Read-only.
"""

import argparse
import json
import sqlite3
import subprocess
import sys
import time

BM25 = "bm25(articles_fts, 10.0, 4.0, 4.0, 1.0)"

CASES = [
    # label, words (required, each a term), excluded words, section, from, to
    ("common", ["الحكومة"], [], None, None, None),
    ("common", ["العالم"], [], None, None, None),
    ("rare", ["الزعفران"], [], None, None, None),
    ("not", ["الدوري"], ["الإسباني"], None, None, None),
    ("section", ["الحكومة"], [], "economy", None, None),
    ("section", ["المنتخب"], [], "sport", None, None),
    ("date", ["الحكومة"], [], None, "2016-01-01", "2016-12-31"),
    ("secdate", ["المنتخب"], [], "sport", "2018-01-01", "2018-12-31"),
]


def stems(binary, words):
    out = subprocess.run([binary, "stem"], input=" ".join(words), capture_output=True, text=True, check=True).stdout.split()
    return out


def quoted(term):
    return '"' + term.replace('"', '""') + '"'


def best(db, sql, args, runs):
    fastest, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = db.execute(sql, args).fetchall()
        fastest = min(fastest, (time.perf_counter() - start) * 1000)
    return fastest, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--marsad", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    print("| class | query | filters | hits | count(*) ms: FTS5 alone / CROSS JOIN / JOIN | top-10 bm25 ms: FTS5 alone / CROSS JOIN / JOIN | JOIN plan drives from |")
    print("|---|---|---|---:|---|---|---|")
    for label, words, excluded, section, frm, to in CASES:
        positive = " AND ".join(quoted(t) for t in stems(args.marsad, words))
        conditions, arguments = ["articles_fts MATCH ?"], [positive]
        if excluded:
            conditions.append("a.seq NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            arguments.append(" OR ".join(quoted(t) for t in stems(args.marsad, excluded)))
        if section:
            conditions.append("a.section_key = ?")
            arguments.append(section.lower())
        if frm:
            conditions.append("a.published >= ?")
            arguments.append(frm)
        if to:
            conditions.append("a.published < ?")
            arguments.append(to + "\U0010ffff")
        where = " AND ".join(conditions)
        row = {"class": label, "query": " ".join(words + ["-" + w for w in excluded]), "section": section, "from": frm, "to": to}
        for join_name, join in (("join", "JOIN"), ("cross_join", "CROSS JOIN"), ("fts_only", "")):
            source = f"articles_fts {join} articles a ON a.seq = articles_fts.rowid"
            count_sql = f"SELECT count(*) FROM {source} WHERE {where}"
            if join_name == "fts_only":
                if len(conditions) > 1:
                    continue
                source = "articles_fts"
                count_sql = f"SELECT count(*) FROM {source} WHERE {where}"
            top_sql = f"SELECT articles_fts.rowid, -{BM25} AS score FROM {source} WHERE {where} ORDER BY {BM25}, articles_fts.rowid LIMIT 10"
            count_ms, count = best(db, count_sql, arguments, args.runs)
            top_ms, _ = best(db, top_sql, arguments, args.runs)
            plan = [r[3] for r in db.execute("EXPLAIN QUERY PLAN " + count_sql, arguments)]
            row[join_name] = {"count_ms": round(count_ms, 2), "top10_ms": round(top_ms, 2), "hits": count[0][0], "plan": plan}
        def cell(key):
            return " / ".join(f"{row[name][key]:.1f}" if name in row else "–" for name in ("fts_only", "cross_join", "join"))
        filters = ", ".join(x for x in (section, frm and f"{frm}..{to}") if x) or "–"
        driver = row["join"]["plan"][0].replace("VIRTUAL TABLE INDEX 0:M4", "(FTS5 MATCH)")
        print(f"| {label} | {row['query']} | {filters} | {row['join']['hits']:,} | {cell('count_ms')} | {cell('top10_ms')} | {driver} |")
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()
