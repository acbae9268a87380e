#!/usr/bin/env python3
"""Writes the page manifest of ../extract-bench.sh: a JSON array of
{"name", "path" (absolute), "url" (when known)} for the given HTML files.

    extract_manifest.py --out manifest.json FILE.html[.gz] ...

name is the file name without .html/.gz (it must be unique). The original URL, when the
page has one, is read from the metadata files that sit beside the real corpus pages:
  - meta.info: {"FILE": {"url": ...}}                    (fundus)
  - STEM.json with a top-level "url"                      (newspaper4k)
  - any *.json mapping URL -> {"file": "FILE", ...}       (trafilatura gold)
Only the URL is read from them. Missing files are skipped with a note on stderr.
"""
import argparse
import glob
import json
import os
import sys


def strip_ext(base):
    for ext in (".gz", ".html", ".htm"):
        if base.endswith(ext):
            base = base[: -len(ext)]
    return base


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def find_url(path):
    folder, base = os.path.split(path)
    meta = load_json(os.path.join(folder, "meta.info"))
    if isinstance(meta, dict) and isinstance(meta.get(base), dict) and meta[base].get("url"):
        return meta[base]["url"]
    side = load_json(os.path.join(folder, strip_ext(base) + ".json"))
    if isinstance(side, dict) and isinstance(side.get("url"), str) and side["url"]:
        return side["url"]
    for j in sorted(glob.glob(os.path.join(folder, "*.json"))):
        d = load_json(j)
        if isinstance(d, dict):
            for key, v in d.items():
                if isinstance(v, dict) and v.get("file") == base and key.startswith("http"):
                    return key
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()

    pages, names = [], {}
    for f in args.files:
        if not os.path.isfile(f):
            print(f"manifest: no page at {f}, skipped", file=sys.stderr)
            continue
        path = os.path.abspath(f)
        name = strip_ext(os.path.basename(path))
        if name in names:
            sys.exit(f"manifest: page name {name!r} used by both {names[name]} and {path}")
        names[name] = path
        entry = {"name": name, "path": path}
        url = find_url(path)
        if url:
            entry["url"] = url
        pages.append(entry)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(pages, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"manifest: {len(pages)} pages -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
