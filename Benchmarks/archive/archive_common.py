"""Shared helpers for the archive benchmark (issue 5): corpus reading and marsad's query language.

The query parser mirrors `Sources/Archive/SearchQuery.swift` (lexing only: words, "phrases",
prefix*, -exclusion, OR / |), so that each peer receives the same structure marsad parses, rendered
in the peer's own syntax. Stopword removal and stemming are marsad's analysis and are not copied:
each peer analyzes the words with its own tokenizer, as a user of that peer would get.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime


def open_text(path: str):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def records(paths):
    """Yields (path, line_number, record) for every JSON object line of the files."""
    for path in paths:
        with open_text(path) as handle:
            for number, line in enumerate(handle, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict):
                    yield path, number, record


def first_string(record, keys):
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def paragraphs(text: str):
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def utc_day(value) -> int | None:
    """The UTC calendar day of a corpus date as an int YYYYMMDD (marsad stores UTC ISO dates)."""
    if value is None:
        return None
    try:
        if isinstance(value, (int, float)):
            moment = datetime.fromtimestamp(value, tz=timezone.utc)
        elif re.match(r"^\d{4}-\d{2}-\d{2}", value):
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif re.match(r"^\d{1,2}/\d{1,2}/\d{4}$", value):
            day, month, year = (int(x) for x in value.split("/"))  # day first, as ANT v1.1 and marsad read it
            return year * 10000 + month * 100 + day
        else:
            moment = parsedate_to_datetime(value)
        if moment.tzinfo is not None:
            moment = moment.astimezone(timezone.utc)
        return moment.year * 10000 + moment.month * 100 + moment.day
    except (ValueError, TypeError, OverflowError):
        return None


def day_of(iso: str | None) -> int | None:
    """'YYYY-MM-DD' (or a prefix such as 'YYYY') as YYYYMMDD; None passes through."""
    if not iso:
        return None
    parts = iso[:10].split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else None
    day = int(parts[2]) if len(parts) > 2 else None
    return year * 10000 + (month or 0) * 100 + (day or 0)


def day_range(frm: str | None, to: str | None):
    """Inclusive YYYYMMDD bounds with marsad's semantics: `to` includes everything it prefixes."""
    low = day_of(frm) if frm else None
    high = None
    if to:
        parts = to[:10].split("-")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else 31
        high = year * 10000 + month * 100 + day
    return low, high


def load_articles(paths):
    """Corpus records as the peers index them: (title, body, url, section, day)."""
    for _, _, record in records(paths):
        title = first_string(record, ["title", "headline"]) or ""
        body_raw = next((record[k] for k in ("text", "content", "body", "article", "maintext") if isinstance(record.get(k), str)), "")
        body = "\n".join(paragraphs(body_raw))
        if not title and not body:
            continue
        url = first_string(record, ["url", "link", "source_url"]) or ""
        section = first_string(record, ["section", "cat", "category"]) or ""
        date = next((record[k] for k in ("date", "time", "published", "pubDate", "datePublished", "date_publish", "published_at") if record.get(k) is not None), None)
        yield title, body, url, section, utc_day(date) or 0


# ---------------------------------------------------------------------------------------------
# marsad's query language (lexing as in SearchQuery.lex / build)

QUOTES = set('"“”«»')
SPACES = set(" \t\n\r\u00a0()")


@dataclass
class Item:
    text: str
    quoted: bool = False
    excluded: bool = False
    operator: bool = False


@dataclass(frozen=True)
class Atom:
    kind: str  # "word" (may analyze to several tokens), "phrase" or "prefix"
    text: str


@dataclass
class Parsed:
    required: list = field(default_factory=list)  # list of groups (lists of Atom), all required
    excluded: list = field(default_factory=list)  # Atoms


def lex(text: str):
    items, current, excluded, in_quote = [], [], False, False

    def flush(quoted):
        nonlocal current, excluded
        word = "".join(current)
        if not quoted and word in ("OR", "|"):
            items.append(Item(word, operator=True))
        elif word:
            items.append(Item(word, quoted=quoted, excluded=excluded))
        current, excluded = [], False

    for ch in text[:1000]:
        if ch in QUOTES:
            if in_quote:
                flush(True)
                in_quote = False
            else:
                was_excluded = excluded and not current
                flush(False)
                excluded = was_excluded
                in_quote = True
        elif ch in SPACES:
            if in_quote:
                current.append(" ")
            else:
                flush(False)
        elif ch == "-" and not in_quote and not current:
            excluded = True
        else:
            current.append(ch)
    flush(in_quote)
    return items


def has_word_char(text: str) -> bool:
    return any(unicodedata.category(c)[0] in "LN" for c in text)


def parse(text: str) -> Parsed:
    parsed = Parsed()
    join_next = False
    for item in lex(text):
        if item.operator:
            join_next = bool(parsed.required)
            continue
        word = item.text
        if item.quoted:
            atom = Atom("phrase" if len(word.split()) > 1 else "word", word.strip())
        elif word.endswith("*"):
            atom = Atom("prefix", word.rstrip("*"))
        else:
            atom = Atom("word", word)
        if not has_word_char(atom.text):
            if not item.excluded:
                join_next = False
            continue
        if item.excluded:
            parsed.excluded.append(atom)
        elif join_next and parsed.required:
            if atom not in parsed.required[-1]:
                parsed.required[-1].append(atom)
        elif [atom] not in parsed.required:
            parsed.required.append([atom])
        join_next = False
    return parsed


def read_queries(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    import math
    index = min(len(sorted_values) - 1, max(0, math.ceil(p * len(sorted_values)) - 1))
    return sorted_values[index]
