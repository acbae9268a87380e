#!/usr/bin/env python3
"""Turns annotators' notes into gold without article text.

`offsets.py NOTES.jsonl [...] [--check]`: each note line is {"file", "record", "quotes": [{"text",
"kind", "cue", "speaker", "mention", "speakerKind"}]} where `text` is copied exactly from the record's
text, quotes in text order. Every quote is found in the record's `text` (searching on from the previous
quote's start) and replaced by its offsets [start, end) in Unicode scalars. Without --check the gold is
written to Eval/quotes/test.jsonl and dev.jsonl by the split in draw.jsonl (lines already there for
the same article are replaced). With --check nothing is written; every problem is printed with its
note file and line, and the exit status is 1 if there was any.
"""
import gzip, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "../../../shared/corpus/news")
gold_dir = os.path.join(here, "../../Eval/quotes")
KINDS = {"direct", "indirect"}
SPEAKER_KINDS = {"person", "organization", "group", "anonymous", "none"}


def load_texts(keys):
    texts = {}
    by_file = {}
    for name, record in keys:
        by_file.setdefault(name, set()).add(record)
    for name, records in by_file.items():
        with gzip.open(os.path.join(root, name), "rt", encoding="utf-8") as f:
            for record, line in enumerate(f):
                if record in records:
                    texts[(name, record)] = json.loads(line).get("text") or ""
    return texts


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv
    draw = {(r["file"], r["record"]): r for r in map(json.loads, open(os.path.join(gold_dir, "draw.jsonl"), encoding="utf-8"))}
    notes = []
    for path in args:
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            if line.strip():
                notes.append((path, number, json.loads(line)))
    texts = load_texts({(n["file"], n["record"]) for _, _, n in notes})
    problems = 0
    out = {"test": {}, "dev": {}}
    for path, number, note in notes:
        key = (note["file"], note["record"])
        where = f"{path}:{number} ({note['file']} {note['record']})"
        if key not in draw:
            print(f"{where}: not in draw.jsonl"); problems += 1; continue
        text = texts[key]
        quotes, cursor = [], 0
        for q in note.get("quotes", []):
            span = q.get("text") or ""
            at = text.find(span, cursor)
            if at < 0:
                at = text.find(span)
            if not span or at < 0:
                print(f"{where}: quote not found verbatim: {span[:40]!r}"); problems += 1; continue
            if q.get("kind") not in KINDS or q.get("speakerKind") not in SPEAKER_KINDS:
                print(f"{where}: bad kind or speakerKind in {span[:30]!r}"); problems += 1; continue
            if (q.get("speaker") is None) != (q["speakerKind"] == "none"):
                print(f"{where}: speaker must be null exactly when speakerKind is none: {span[:30]!r}"); problems += 1; continue
            quotes.append({"start": at, "end": at + len(span), "kind": q["kind"], "cue": q.get("cue"),
                           "speaker": q.get("speaker"), "mention": q.get("mention"), "speakerKind": q["speakerKind"]})
            cursor = at
        row = draw[key]
        out[row["split"]][key] = {"file": key[0], "record": key[1], "outlet": row["outlet"], "quotes": quotes}
    if check:
        print(f"{len(notes)} articles, {sum(len(n.get('quotes', [])) for _, _, n in notes)} quotes, {problems} problems")
        sys.exit(1 if problems else 0)
    for split, rows in out.items():
        path = os.path.join(gold_dir, f"{split}.jsonl")
        existing = {}
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                r = json.loads(line); existing[(r["file"], r["record"])] = r
        existing.update(rows)
        order = [k for k in draw if k in existing]
        with open(path, "w", encoding="utf-8") as f:
            for k in order:
                f.write(json.dumps(existing[k], ensure_ascii=False) + "\n")
    print(f"{problems} problems", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
