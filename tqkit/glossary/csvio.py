"""CSV exchange.

Export: a header row ``id`` + language codes, one row per concept, the preferred term of each
language (empty when a language has none).

Import, two layouts:

- a header row of language codes, optionally with ``id`` first (``id,en,bg,ru``): one concept
  per row; a cell may hold several terms separated by ``|`` (the first is preferred, the rest
  admitted), as Trados and XTM sheets do;
- two columns without a header (``source,target``, as DeepL and Google glossaries): each row is
  a concept; the languages come from ``--langs SRC,TGT``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from tqkit.glossary.model import Concept, GlossaryInfo, Term, normalise_id, normalise_lang


class CsvError(Exception):
    """A CSV glossary cannot be read; ``str()`` is one line naming file and line."""


def to_csv(concepts: Sequence[Concept], languages: Sequence[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", *languages])
    for c in concepts:
        row = [c.id]
        for lang in languages:
            pref = next((t for t in c.terms_in(lang) if t.status == "preferred"), None)
            row.append(pref.text if pref else "")
        w.writerow(row)
    return buf.getvalue()


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "concept"


def read_csv(text: str, path: str, langs: Sequence[str] | None = None,
             prefix: str = "") -> tuple[GlossaryInfo, list[Concept]]:
    text = text.lstrip("\ufeff")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise CsvError(f"{path}: empty CSV file")
    header = [h.strip() for h in rows[0]]
    cols = header[1:] if header and header[0].lower() == "id" else header
    has_id = bool(header) and header[0].lower() == "id"
    codes = [normalise_lang(h) for h in cols]
    pair = {normalise_lang(x) or x for x in langs} if langs else None
    # With --langs and no id column, a first row is a header only when it names those languages
    # (a glossary row such as "tax,vat" looks like language codes too).
    if cols and all(codes) and (has_id or len(cols) >= 2) and (has_id or pair is None or set(codes) == pair):
        languages = [c for c in codes if c]
        if len(set(languages)) != len(languages):
            dup = next(c for c in languages if languages.count(c) > 1)
            raise CsvError(f"{path}:1: language {dup!r} has two columns")
        body = rows[1:]
    else:
        if langs is None or len(langs) != 2:
            raise CsvError(f"{path}:1: no language-code header; for a two-column CSV give "
                           "--langs SRC,TGT")
        if any(len(r) != 2 for r in rows):
            bad = next(i for i, r in enumerate(rows, 1) if len(r) != 2)
            raise CsvError(f"{path}:{bad}: expected two columns (source, target), "
                           f"found {len(rows[bad - 1])}")
        languages, body, has_id = [normalise_lang(x) or x for x in langs], rows, False
    concepts: list[Concept] = []
    used: set[str] = set()
    given: dict[str, int] = {}  # explicit id -> its line
    for lineno, row in enumerate(body, 2 if body is not rows else 1):
        cells = row[1:] if has_id else row
        if len(cells) > len(languages):
            raise CsvError(f"{path}:{lineno}: {len(cells)} cells but {len(languages)} languages")
        terms: dict[str, tuple[Term, ...]] = {}
        for lang, cell in zip(languages, cells, strict=False):
            parts = [p.strip() for p in cell.split("|") if p.strip()]
            if parts:
                terms[lang] = tuple(Term(p, lang, "preferred" if i == 0 else "admitted")
                                    for i, p in enumerate(parts))
        if not terms:
            continue
        cid = normalise_id(row[0]) if has_id else ""
        if cid:
            if cid in given:
                raise CsvError(f"{path}:{lineno}: concept id {cid!r} appears twice "
                               f"(first on line {given[cid]})")
            given[cid] = lineno
        else:
            first = terms.get("en") or next(iter(terms.values()))
            cid = prefix + _slug(first[0].text)
        base, k = cid, 2
        while cid in used:
            cid = f"{base}-{k}"
            k += 1
        used.add(cid)
        concepts.append(Concept(cid, terms, file=path))
    gid = _slug(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return GlossaryInfo(gid, None, None, tuple(languages), path), concepts
