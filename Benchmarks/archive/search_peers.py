#!/usr/bin/env python3
"""Search peers for the archive benchmark (issue 5): tantivy and a plain SQLite FTS5 unicode61 table.

  search_peers.py index --engine tantivy|fts5 --out DIR FILE...     builds the index, prints a JSON line
  search_peers.py query --engine tantivy|fts5 --index DIR --queries Q.jsonl [--runs 3] [--limit 10]

`query` prints the lines `marsad bench search` prints: one per query
{"id","query","ms","total","urls"} (plus "error" when the peer rejected the query, which then counts
as zero hits), and a summary line with p50/p90/p99 and the number of errors.

Our query language (words, "phrases", prefix*, -exclusion, OR) is parsed as marsad lexes it and
rendered in each peer's own syntax: tantivy's query-parser string (words and phrases quoted, prefix
as a regex on the indexed terms, + for required groups, - for exclusions) and an FTS5 MATCH
string ("…" AND "…", "pre" *, OR, NOT). Filters: section = exact match, from/to = UTC day range
(inclusive, as marsad). Ranking: tantivy BM25 with title boost 3; FTS5 bm25(title 10, body 1).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from archive_common import day_range, load_articles, parse, percentile, read_queries  # noqa: E402


# ---------------------------------------------------------------------------------------------
# tantivy

def tantivy_analyzer():
    from tantivy import Filter, TextAnalyzerBuilder, Tokenizer
    return TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.lowercase()).filter(Filter.stemmer("arabic")).build()


def tantivy_schema():
    import tantivy
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=False, tokenizer_name="ar")
    builder.add_text_field("body", stored=False, tokenizer_name="ar")
    builder.add_text_field("url", stored=True, tokenizer_name="raw")
    builder.add_text_field("section", stored=False, tokenizer_name="raw")
    builder.add_integer_field("day", stored=False, indexed=True, fast=True)
    return builder.build()


def tantivy_index(out, files, heap):
    import tantivy
    os.makedirs(out, exist_ok=True)
    index = tantivy.Index(tantivy_schema(), path=out)
    index.register_tokenizer("ar", tantivy_analyzer())
    writer = index.writer(heap_size=heap, num_threads=1)
    count = 0
    for title, body, url, section, day in load_articles(files):
        writer.add_document(tantivy.Document(title=title, body=body, url=url, section=section, day=day))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    return count


def tantivy_string(query, analyzer):
    """Our query as a tantivy query-parser string (conjunction_by_default off: + and - are explicit)."""
    parsed = parse(query)

    def quoted(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def render(atom):
        if atom.kind != "prefix":
            return quoted(atom.text)
        # A prefix is matched against the indexed terms, which are lowercased and stemmed: try the
        # typed prefix and the analyzer's form of it (which strips the article, as marsad's does).
        forms = []
        for form in [atom.text.lower()] + analyzer.analyze(atom.text)[-1:]:
            if form and form not in forms:
                forms.append(form)
        alternatives = []
        for form in forms:
            pattern = re.sub(r"([\\.+*?()|\[\]{}^$/#&~\"-])", r"\\\1", form) + ".*"
            alternatives += [f"title:/{pattern}/^3", f"body:/{pattern}/"]
        return "(" + " ".join(alternatives) + ")"

    parts = []
    for group in parsed.required:
        parts.append("+" + (render(group[0]) if len(group) == 1 else "(" + " ".join(render(a) for a in group) + ")"))
    for atom in parsed.excluded:
        parts.append("-" + render(atom))
    return " ".join(parts), bool(parsed.required)


class TantivySearcher:
    def __init__(self, path):
        import tantivy
        self.tantivy = tantivy
        self.index = tantivy.Index.open(path)
        self.analyzer = tantivy_analyzer()
        self.index.register_tokenizer("ar", self.analyzer)
        self.index.reload()
        self.searcher = self.index.searcher()
        self.schema = self.index.schema

    def search(self, line, limit):
        tantivy = self.tantivy
        text, positive = tantivy_string(line["query"], self.analyzer)
        if not positive:
            return 0, [], None
        try:
            query = self.index.parse_query(text, ["title", "body"], field_boosts={"title": 3.0}, allow_regexes=True)
        except ValueError as error:
            return 0, [], str(error)
        clauses = [(tantivy.Occur.Must, query)]
        if line.get("section"):
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "section", line["section"])))
        low, high = day_range(line.get("from"), line.get("to"))
        if low is not None or high is not None:
            clauses.append((tantivy.Occur.Must, tantivy.Query.range_query(self.schema, "day", tantivy.FieldType.Integer, low, high)))
        if len(clauses) > 1:
            query = tantivy.Query.boolean_query(clauses)
        result = self.searcher.search(query, limit, count=True)
        urls = [self.searcher.doc(address)["url"][0] for _, address in result.hits]
        return result.count, urls, None


# ---------------------------------------------------------------------------------------------
# SQLite FTS5, unicode61

def fts5_index(out, files):
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "fts5.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61')")
    db.execute("CREATE TABLE meta(id INTEGER PRIMARY KEY, url TEXT, section TEXT, day INTEGER)")
    count = 0
    batch_docs, batch_meta = [], []

    def flush():
        db.execute("BEGIN")
        db.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)", batch_docs)
        db.executemany("INSERT INTO meta(id, url, section, day) VALUES (?, ?, ?, ?)", batch_meta)
        db.execute("COMMIT")
        batch_docs.clear()
        batch_meta.clear()

    db.isolation_level = None
    for title, body, url, section, day in load_articles(files):
        count += 1
        batch_docs.append((count, title, body))
        batch_meta.append((count, url, section, day))
        if len(batch_docs) >= 5000:
            flush()
    if batch_docs:
        flush()
    db.execute("CREATE INDEX meta_section ON meta(section, day)")
    db.execute("CREATE INDEX meta_day ON meta(day)")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return count


def fts5_string(query):
    """Our query as an FTS5 MATCH string: every word and phrase an FTS5 string, prefix as "pre" *."""
    parsed = parse(query)

    def render(atom):
        text = '"' + atom.text.replace('"', '""') + '"'
        return text + " *" if atom.kind == "prefix" else text

    def group(atoms):
        return render(atoms[0]) if len(atoms) == 1 else "(" + " OR ".join(render(a) for a in atoms) + ")"

    if not parsed.required:
        return None
    positive = " AND ".join(group(g) for g in parsed.required)
    if parsed.excluded:
        return "(" + positive + ") NOT (" + " OR ".join(render(a) for a in parsed.excluded) + ")"
    return positive


class FTS5Searcher:
    def __init__(self, path):
        self.db = sqlite3.connect(os.path.join(path, "fts5.sqlite"))

    def search(self, line, limit):
        match = fts5_string(line["query"])
        if match is None:
            return 0, [], None
        conditions, arguments = ["docs MATCH ?"], [match]
        if line.get("section"):
            conditions.append("m.section = ?")
            arguments.append(line["section"])
        low, high = day_range(line.get("from"), line.get("to"))
        if low is not None:
            conditions.append("m.day >= ?")
            arguments.append(low)
        if high is not None:
            conditions.append("m.day <= ?")
            arguments.append(high)
        where = " AND ".join(conditions)
        try:
            total = self.db.execute(f"SELECT count(*) FROM docs CROSS JOIN meta m ON m.id = docs.rowid WHERE {where}", arguments).fetchone()[0]
            rows = self.db.execute(
                f"SELECT m.url FROM docs CROSS JOIN meta m ON m.id = docs.rowid WHERE {where} ORDER BY bm25(docs, 10.0, 1.0) LIMIT {int(limit)}",
                arguments).fetchall()
        except sqlite3.Error as error:
            return 0, [], str(error)
        return total, [row[0] for row in rows], None


# ---------------------------------------------------------------------------------------------

def run_queries(engine, searcher, queries, runs, limit, summary_only):
    latencies, errors = [], 0
    out = sys.stdout
    for line in queries:
        best = float("inf")
        total, urls, error = 0, [], None
        for _ in range(max(1, runs)):
            start = time.perf_counter_ns()
            total, urls, error = searcher.search(line, limit)
            best = min(best, (time.perf_counter_ns() - start) / 1e6)
        latencies.append(best)
        if error:
            errors += 1
        if not summary_only:
            record = {"id": line.get("id", ""), "query": line["query"], "ms": best, "total": total, "urls": urls}
            if error:
                record["error"] = error
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    ordered = sorted(latencies)
    out.write(json.dumps({
        "summary": True, "engine": engine, "queries": len(ordered), "errors": errors,
        "p50_ms": percentile(ordered, 0.5), "p90_ms": percentile(ordered, 0.9),
        "p99_ms": percentile(ordered, 0.99), "max_ms": ordered[-1] if ordered else 0,
    }, sort_keys=True) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index")
    index.add_argument("--engine", choices=["tantivy", "fts5"], required=True)
    index.add_argument("--out", required=True)
    index.add_argument("--heap", type=int, default=128_000_000, help="tantivy writer heap (bytes)")
    index.add_argument("files", nargs="+")
    query = commands.add_parser("query")
    query.add_argument("--engine", choices=["tantivy", "fts5"], required=True)
    query.add_argument("--index", required=True)
    query.add_argument("--queries", required=True)
    query.add_argument("--runs", type=int, default=3)
    query.add_argument("--limit", type=int, default=10)
    query.add_argument("--summary-only", action="store_true")
    args = parser.parse_args()

    if args.command == "index":
        start = time.perf_counter()
        count = tantivy_index(args.out, args.files, args.heap) if args.engine == "tantivy" else fts5_index(args.out, args.files)
        seconds = time.perf_counter() - start
        size = sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(args.out) for name in names)
        print(json.dumps({"engine": args.engine, "articles": count, "seconds": round(seconds, 3),
                          "articles_per_s": round(count / seconds, 1) if seconds else 0, "index_bytes": size}))
    else:
        searcher = TantivySearcher(args.index) if args.engine == "tantivy" else FTS5Searcher(args.index)
        run_queries(args.engine, searcher, read_queries(args.queries), args.runs, args.limit, args.summary_only)


if __name__ == "__main__":
    main()
