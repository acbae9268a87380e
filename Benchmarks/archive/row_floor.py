#!/usr/bin/env python3
"""The cost of only writing the rows a marsad archive holds: the floor under any writer that keeps
this schema, whatever it computes before writing.

    python3 Benchmarks/archive/row_floor.py STORE.sqlite [--batch 200 1000 0]

Copies STORE's schema (tables and indexes; not FTS5's shadow tables, which FTS5 makes itself, nor the
delete triggers) into a scratch file with marsad's pragmas, then replays every article's rows with
`INSERT … SELECT` from STORE, `--batch` articles per transaction (0: one transaction), table by table
within a batch, the FTS5 rows last, as marsad's writer orders them. The work is SQLite's own, in C,
so this is a floor: no lookups, no stories, no term index, no Swift. Prints CPU ms per article, in
all and per table.
"""
import argparse, os, sqlite3, tempfile, time

CHILDREN = [("article_texts", "seq"), ("images", "article"), ("bylines", "article"), ("quotes", "article"),
            ("entities", "article"), ("entity_keys", "article"), ("quantities", "article"), ("dates", "article"),
            ("lsh_bands", "article"), ("search_facets", "seq")]


def schema(store):
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    out = []
    for kind, name, sql in db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"):
        if kind == "trigger" or name.startswith("sqlite_") or name.startswith("articles_fts_"):
            continue
        out.append(sql + ";")
    return out


def replay(store, batch, scratch):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(scratch + suffix):
            os.remove(scratch + suffix)
    db = sqlite3.connect(scratch, isolation_level=None)
    for pragma in ("page_size = 16384", "journal_mode = WAL", "synchronous = NORMAL", "cache_size = -65536", "wal_autocheckpoint = 8192"):
        db.execute("PRAGMA " + pragma)
    for statement in schema(store):
        db.execute(statement)
    db.execute("ATTACH ? AS old", (store,))
    seqs = [row[0] for row in db.execute("SELECT seq FROM old.articles ORDER BY seq")]
    db.execute("BEGIN")
    db.execute("INSERT INTO main.pages SELECT * FROM old.pages")
    db.execute("INSERT INTO main.stories SELECT * FROM old.stories")
    db.execute("COMMIT")
    per, size = {}, batch or len(seqs)

    def timed(label, sql, args=()):
        start = time.process_time()
        db.execute(sql, args)
        per[label] = per.get(label, 0.0) + time.process_time() - start

    begin = time.process_time()
    for k in range(0, len(seqs), size):
        low, high = seqs[k], seqs[min(k + size, len(seqs)) - 1]
        db.execute("BEGIN")
        timed("articles", "INSERT INTO main.articles SELECT * FROM old.articles WHERE seq BETWEEN ? AND ? ORDER BY seq", (low, high))
        for table, column in CHILDREN:
            timed(table, f"INSERT INTO main.{table} SELECT * FROM old.{table} WHERE {column} BETWEEN ? AND ?", (low, high))
        timed("articles_fts", "INSERT INTO main.articles_fts (rowid, title, subtitle, captions, body) "
              "SELECT rowid, title, subtitle, captions, body FROM old.articles_fts WHERE rowid BETWEEN ? AND ?", (low, high))
        timed("commit", "COMMIT")
    total = time.process_time() - begin
    db.close()
    return len(seqs), total, per


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--batch", type=int, nargs="+", default=[200, 1000, 0])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for batch in args.batch:
            n, total, per = replay(args.store, batch, os.path.join(scratch, "floor.sqlite"))
            parts = ", ".join(f"{k} {1000 * v / n:.3f}" for k, v in sorted(per.items(), key=lambda kv: -kv[1]) if 1000 * v / n >= 0.001)
            print(f"batch {batch or 'all'}: {n} articles, {total:.2f} CPU s, {1000 * total / n:.3f} ms an article ({parts})")


if __name__ == "__main__":
    main()
