#!/usr/bin/env python3
"""Writes the pathological but valid inputs of Fuzz/README.md ("Pathological inputs") into a folder.

    python3 Fuzz/pathological.py /tmp/marsad-big            # all four, about 380 MB
    python3 Fuzz/pathological.py /tmp/marsad-big nested     # only some: text nested line jsonl

Never commit the output. Measure each with the release CLI:
    /usr/bin/time -v .build-release/release/marsad extract --quiet FILE > /dev/null
"""
import json
import os
import sys

WORDS = ("أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني وتعزيز الاستثمار في قطاع الطاقة والمياه "
         "والتعليم والصحة").split()


def sentence(i, n):
    """n words of composed Arabic, numbered so that lines differ."""
    return " ".join(WORDS[(i * 7 + j) % len(WORDS)] for j in range(n)) + f" {i}."


def text_dump(path, target=200 * 1000 * 1000):
    # A site dump: article blocks (title, TT, repeated title, caption, six paragraphs) repeated to 200 MB.
    with open(path, "w") as f:
        size, i = 0, 0
        while size < target:
            title = sentence(i, 8).rstrip(".")
            block = (f"{title}\n\nTT\n\n{title}\n\n{sentence(i + 1, 12)} (رويترز)\n\n"
                     + "".join(sentence(i + k, 40) + "\n\n" for k in range(2, 8)))
            f.write(block)
            size += len(block.encode())
            i += 1


def nested(path, depth=50000):
    with open(path, "w") as f:
        f.write("<html><head><title>عنوان</title></head><body>" + "<div>" * depth + "<p>" + sentence(1, 40) + "</p>"
                + "</div>" * depth + "</body></html>")


def single_line(path, target=20 * 1000 * 1000):
    # One line, no newline anywhere: 20 MB of paragraphs in one article.
    with open(path, "w") as f:
        f.write("<html><head><title>عنوان الخبر</title></head><body><article><h1>عنوان الخبر الرئيسي</h1>")
        size, i = 0, 0
        while size < target:
            p = f"<p>{sentence(i, 40)}</p>"
            f.write(p)
            size += len(p.encode())
            i += 1
        f.write("</article></body></html>")


def jsonl(path, records=500000):
    with open(path, "w") as f:
        for i in range(records):
            f.write(json.dumps({"title": sentence(i, 4), "text": sentence(i + 1, 8), "url": f"https://example.com/news/{i}",
                                "date": "2026-02-11T09:30:00+03:00", "author": "القاهرة - أحمد الريدي"},
                               ensure_ascii=False) + "\n")


KINDS = {"text": ("dump-200mb.txt", text_dump), "nested": ("nested-50000.html", nested),
         "line": ("single-line-20mb.html", single_line), "jsonl": ("records-500k.jsonl", jsonl)}

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    for kind in sys.argv[2:] or list(KINDS):
        name, write = KINDS[kind]
        write(os.path.join(folder, name))
        print(os.path.join(folder, name), os.path.getsize(os.path.join(folder, name)))
