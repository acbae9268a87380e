#!/usr/bin/env python3
"""Article extraction by the Python peers (trafilatura, readability-lxml, newspaper4k)
on the pages of a manifest, for `marsad eval --peers` and the throughput table.

    extract_peers.py --manifest pages.json --out DIR [--throughput SECONDS] [--only PEER ...]

The manifest is a JSON array of {"name": ..., "path": ..., "url": optional}; a relative
path is taken from the manifest's folder, and a .gz path is decompressed. Each peer gets
the page's bytes undecoded where it accepts bytes (trafilatura, readability: each detects
the charset itself); newspaper4k takes a str, decoded by its own helper
(newspaper.parsers.get_unicode_html, i.e. bs4's UnicodeDammit), timed with the rest.

For each peer and page, DIR/<peer>/<name>.json gets
    {"title": str|null, "text": str, "seconds": float}
where text holds one paragraph per line (lines stripped, runs of whitespace inside a
line collapsed to one space, stray U+FEFF removed, lines with nothing visible dropped: the
same for every peer). A peer that raises gets {"title": null, "text": "", "seconds": ...,
"error": "..."}. Before its timed runs each peer does one untimed pass over all pages:
the tools build some state lazily on first use (dateparser, which trafilatura's
htmldate calls, compiles its regexes then: ~0.15 s once), which is not per-page work.

With --throughput S, each peer then extracts all pages over and over (whole passes) for
at least S seconds, and one JSON line per peer goes to stdout:
    {"peer", "pages", "seconds", "pages_per_s", "bytes_per_s", "errors"}
bytes are those of the (decompressed) HTML. Pinning to a core is the caller's job.
"""
import argparse
import gzip
import json
import logging
import os
import sys
import time
import unicodedata
import warnings

warnings.filterwarnings("ignore")  # e.g. newspaper's import-time notices
# The tools log (readability: a whole traceback) for each page they give up on; the
# error field says that already, and logging in the timed loop would only add noise and time.
logging.disable(logging.CRITICAL)

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402
from newspaper import Article  # noqa: E402
from newspaper.parsers import get_unicode_html  # noqa: E402
from readability import Document  # noqa: E402


def clean_text(text):
    """One paragraph per line, the shape every peer's output is brought to."""
    if not text:
        return ""
    lines = (" ".join(line.replace("\ufeff", "").split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line and not all_format_chars(line))


def all_format_chars(line):
    """True for a line of only invisible format characters (ZWNJ, LRM, ...)."""
    return all(unicodedata.category(c) == "Cf" for c in line)


def clean_title(title):
    if title is None:
        return None
    title = " ".join(title.split())
    return title or None


# ---------------------------------------------------------------- trafilatura
def run_trafilatura(raw, url):
    # bare_extraction is what extract() runs underneath; with output_format "python" it
    # returns the text exactly as extract(output_format="txt") does, plus the metadata
    # (title), in one pass. Defaults otherwise, except comments, which are not the article.
    doc = trafilatura.bare_extraction(raw, url=url, include_comments=False, with_metadata=True)
    if doc is None:  # trafilatura found nothing worth keeping
        return None, ""
    return doc.title, doc.text


# ---------------------------------------------------------------- readability
# Elements after which a browser would start a new line; summary() keeps the article's
# own markup, so paragraphs are <p>, list items, headings, and some sites' bare <div>s.
BLOCKS = frozenset("""
address article aside blockquote body dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section
table tbody thead tfoot tr td th ul
""".split())


def html_to_text(fragment):
    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return root.text_content()


def run_readability(raw, url):
    doc = Document(raw, url=url)  # bytes: readability detects the charset itself
    text = html_to_text(doc.summary())
    title = doc.title()
    if title == "[no-title]":  # readability's placeholder when there is no <title>
        title = None
    return title, text


# ---------------------------------------------------------------- newspaper4k
def run_newspaper(raw, url):
    # language="ar" selects the Arabic stopwords/tokenizer (and stops newspaper from
    # switching by the page's meta language); fetch_images=False keeps it offline.
    art = Article(url or "", language="ar", fetch_images=False)
    art.download(input_html=get_unicode_html(raw))
    art.parse()
    return art.title, art.text


PEERS = {
    "trafilatura": run_trafilatura,
    "readability": run_readability,
    "newspaper4k": run_newspaper,
}


def load_pages(manifest_path):
    with open(manifest_path, encoding="utf-8") as f:
        entries = json.load(f)
    base = os.path.dirname(os.path.abspath(manifest_path))
    pages, seen = [], set()
    for e in entries:
        name = e["name"]
        if name in seen or "/" in name or name in ("", ".", ".."):
            sys.exit(f"manifest: bad or duplicate page name {name!r}")
        seen.add(name)
        path = os.path.join(base, e["path"])
        with open(path, "rb") as f:
            raw = f.read()
        if path.endswith(".gz"):
            raw = gzip.decompress(raw)
        pages.append({"name": name, "raw": raw, "url": e.get("url") or None})
    return pages


def extract_one(fn, page):
    t0 = time.perf_counter()
    try:
        title, text = fn(page["raw"], page["url"])
        out = {"title": clean_title(title), "text": clean_text(text)}
    except Exception as exc:  # one page failing must not stop the run
        out = {"title": None, "text": "", "error": f"{type(exc).__name__}: {exc}"}
    out["seconds"] = round(time.perf_counter() - t0, 6)
    return out


def throughput(peer, fn, pages, budget):
    nbytes = sum(len(p["raw"]) for p in pages)
    count = errors = total = 0
    t0 = time.perf_counter()
    while True:
        for p in pages:
            try:
                fn(p["raw"], p["url"])
            except Exception:
                errors += 1
        count += len(pages)
        total += nbytes
        elapsed = time.perf_counter() - t0
        if elapsed >= budget:
            break
    return {"peer": peer, "pages": count, "seconds": round(elapsed, 4),
            "pages_per_s": round(count / elapsed, 3), "bytes_per_s": round(total / elapsed),
            "errors": errors}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--throughput", type=float, metavar="SECONDS",
                    help="then time repeated passes over all pages, per peer")
    ap.add_argument("--only", nargs="*", choices=sorted(PEERS), help="subset of peers")
    args = ap.parse_args()

    pages = load_pages(args.manifest)
    if not pages:
        sys.exit("manifest lists no pages")
    peers = {k: v for k, v in PEERS.items() if not args.only or k in args.only}

    for peer, fn in peers.items():
        os.makedirs(os.path.join(args.out, peer), exist_ok=True)
        for p in pages:  # warm-up, see the module doc
            extract_one(fn, p)
        for p in pages:
            res = extract_one(fn, p)
            with open(os.path.join(args.out, peer, p["name"] + ".json"), "w", encoding="utf-8") as f:
                json.dump(res, f, ensure_ascii=False, indent=1)
                f.write("\n")
            note = f"  error: {res['error']}" if "error" in res else ""
            print(f"{peer:12} {p['name']:40} {len(res['text']):>7} chars {res['seconds']:8.3f}s{note}",
                  file=sys.stderr, flush=True)

    if args.throughput:
        for peer, fn in peers.items():
            print(json.dumps(throughput(peer, fn, pages, args.throughput)), flush=True)


if __name__ == "__main__":
    main()
