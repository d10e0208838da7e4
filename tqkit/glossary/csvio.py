"""CSV exchange.

Export: a header row ``id`` + language codes, one row per concept, the preferred term of each
language (empty when a language has none).

Import, two layouts:

- a header row of language codes, optionally with ``id`` first (``id,en,bg,ru``): one concept
  per row; a cell may hold several terms separated by ``|`` (the first is preferred, the rest
  admitted), as Trados and XTM sheets do;
- a header row naming languages (``English Term,Persian Term,Description``), or naming the
  columns' roles (``Key,Value``, ``Source,Target,Note``: the languages then come from
  ``--langs SRC,TGT``, in order); ``note``/``description``/``comment`` columns become the
  concept's note, a ``definition`` column its definition;
- two columns without a header (``source,target``, as DeepL and Google glossaries), optionally a
  third one for a note: each row is a concept; the languages come from ``--langs SRC,TGT``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from tqkit.errors import CsvError
from tqkit.glossary.model import Concept, GlossaryInfo, Term, normalise_id, normalise_lang


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


# Header cells that name a column's role rather than a language.
_ID_HEADERS = {"id", "concept", "concept id", "concept-id", "entry", "entry id"}
_NOTE_HEADERS = {
    "note",
    "notes",
    "description",
    "comment",
    "comments",
    "remark",
    "remarks",
    "context",
    "usage",
    "explanation",
}
_DEFINITION_HEADERS = {"definition", "meaning"}
_POSITIONAL_HEADERS = {
    "key",
    "value",
    "source",
    "target",
    "term",
    "terms",
    "translation",
    "original",
    "source term",
    "target term",
    "source text",
    "target text",
    "word",
    "phrase",
    "from",
    "to",
}
_NAME_SUFFIXES = ("term", "terms", "translation", "word", "words", "text", "language", "phrase")


def _language_of(cell: str) -> str | None:
    """A language code from a header cell: ``en``, ``pt-BR``, ``English``, ``Persian Term``,
    ``fa (Persian)``."""
    from tqkit.langs import LANGUAGE_NAMES

    code = normalise_lang(cell)
    if code:
        return code
    words = re.sub(r"[()\[\]:_/]+", " ", cell).lower().split()
    while words and words[-1] in _NAME_SUFFIXES:
        words.pop()
    for w in list(words):  # "fa (Persian)", "Term in English"
        if w in ("in", "of"):
            words.remove(w)
    if not words:
        return None
    names = {name.lower(): c for c, name in LANGUAGE_NAMES.items() if "-" not in c}
    names.update({"farsi": "fa", "mandarin": "zh", "brazilian portuguese": "pt-BR"})
    phrase = " ".join(words)
    if phrase in names:
        return names[phrase]
    if len(words) == 1:
        code = normalise_lang(words[0])
        if code and len(words[0]) <= 3:
            return code
    return None


def _header_roles(cells: Sequence[str]) -> list[tuple[str, str | None]] | None:
    """Roles of the first row's cells when it is a header: ``(role, language)`` with role one
    of ``id``, ``lang``, ``term`` (a language given by ``--langs``, in order), ``note``,
    ``definition``; ``None`` when the row is data."""
    roles: list[tuple[str, str | None]] = []
    for i, raw in enumerate(cells):
        cell = " ".join(raw.split()).strip()
        low = cell.lower()
        if i == 0 and low in _ID_HEADERS:
            roles.append(("id", None))
        elif low in _NOTE_HEADERS:
            roles.append(("note", None))
        elif low in _DEFINITION_HEADERS:
            roles.append(("definition", None))
        elif low in _POSITIONAL_HEADERS:
            roles.append(("term", None))
        elif (lang := _language_of(cell)) is not None:
            roles.append(("lang", lang))
        else:
            return None
    if not any(r in ("lang", "term") for r, _ in roles):
        return None
    return roles


_Roles = list[tuple[str, str | None]]


def _rows(text: str, path: str) -> list[list[str]]:
    """The non-blank rows, in the sniffed dialect (comma, semicolon or tab)."""
    text = text.lstrip("\ufeff")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:  # newline="": CR-only, LF and CRLF rows alike; quoted line breaks kept
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise CsvError(f"{path}: malformed CSV: {exc}") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise CsvError(f"{path}: empty CSV file")
    return rows


def _given_langs(langs: Sequence[str] | None, path: str) -> list[str] | None:
    """``--langs``, normalised; a value that is no language code is an error."""
    pair = [normalise_lang(x) or x for x in langs] if langs else None
    for raw in langs or ():
        if not normalise_lang(raw):
            raise CsvError(f"{path}: --langs: {raw.strip()!r} is not a language code")
    return pair


def _header(first: list[str], pair: list[str] | None) -> _Roles | None:
    """The roles of the first row when it is a header, else None."""
    roles = _header_roles([c.strip() for c in first])
    if roles is None or pair is None or any(r == "term" for r, _ in roles):
        return roles
    # With --langs, a row of language codes only is a header when it names those
    # languages (a glossary row such as "tax,vat" looks like language codes too).
    named = {lang for r, lang in roles if r == "lang"}
    spelled_out = any(not normalise_lang(c.strip()) for c in first if c.strip())
    if not spelled_out and named != set(pair) and not any(r == "id" for r, _ in roles):
        return None
    return roles


def _with_positional(roles: _Roles, first: list[str], pair: list[str] | None, path: str) -> _Roles:
    """Give the role-named columns (``Source,Target``) the languages of ``--langs``, in order."""
    positional = [i for i, (r, _) in enumerate(roles) if r == "term"]
    if not positional:
        return roles
    if pair is None or len(pair) < len(positional):
        raise CsvError(
            f"{path}:1: the header names no language for "
            f"{', '.join(repr(first[i].strip()) for i in positional)}; "
            "give --langs SRC,TGT"
        )
    given = iter(pair)
    return [(r, next(given)) if r == "term" else (r, lang) for r, lang in roles]


def _headerless(first: list[str], pair: list[str] | None, path: str) -> _Roles:
    """Two columns (source, target) or three (and a note), languages from ``--langs``."""
    if pair is None or len(pair) != 2:
        raise CsvError(f"{path}:1: no header naming the languages; for a two-column CSV give --langs SRC,TGT")
    width = len(first)
    if width not in (2, 3):
        raise CsvError(
            f"{path}:1: expected two columns (source, target) or three (source, target, note), found {width}"
        )
    return [("lang", pair[0]), ("lang", pair[1])] + ([("note", None)] if width == 3 else [])


def _layout(rows: list[list[str]], pair: list[str] | None, path: str) -> tuple[_Roles, list[list[str]], int]:
    """The columns' roles, the data rows and the line number of the first one."""
    roles = _header(rows[0], pair)
    if roles is not None:
        return _with_positional(roles, rows[0], pair, path), rows[1:], 2
    return _headerless(rows[0], pair, path), rows, 1


def _languages(roles: _Roles, path: str) -> list[str]:
    languages = [lang for r, lang in roles if r in ("lang", "term") and lang]
    if len(set(languages)) != len(languages):
        dup = next(c for c in languages if languages.count(c) > 1)
        raise CsvError(f"{path}:1: language {dup!r} has two columns")
    return languages


class _Row:
    """One data row read by the columns' roles."""

    def __init__(self, roles: _Roles, row: list[str]):
        self.terms: dict[str, tuple[Term, ...]] = {}
        self.raw_id: str | None = None
        self.note: str | None = None
        self.definition: str | None = None
        for (role, lang), cell in zip(roles, row, strict=False):
            value = cell.strip()
            if value:
                self._cell(role, lang, value)

    def _cell(self, role: str, lang: str | None, value: str) -> None:
        if role == "id":
            self.raw_id = value
        elif role == "note":
            self.note = " / ".join(filter(None, [self.note, " ".join(value.split())]))
        elif role == "definition":
            self.definition = " ".join(value.split())
        elif lang:
            parts = [" ".join(p.split()) for p in value.split("|") if p.strip()]
            if parts:
                self.terms[lang] = tuple(
                    Term(p, lang, "preferred" if i == 0 else "admitted") for i, p in enumerate(parts)
                )


class _Ids:
    """Concept ids: a given id must be unique; a made-up one (from the English or first term)
    gets a ``-2``, ``-3`` suffix when taken."""

    def __init__(self, path: str, prefix: str):
        self.path, self.prefix = path, prefix
        self.used: set[str] = set()
        self.given: dict[str, int] = {}  # explicit id -> its line

    def assign(self, row: _Row, lineno: int) -> str:
        cid = normalise_id(row.raw_id) if row.raw_id else ""
        if cid:
            if cid in self.given:
                raise CsvError(
                    f"{self.path}:{lineno}: concept id {cid!r} appears twice (first on line {self.given[cid]})"
                )
            self.given[cid] = lineno
        else:
            first = row.terms.get("en") or next(iter(row.terms.values()))
            cid = self.prefix + _slug(first[0].text)
        base, k = cid, 2
        while cid in self.used:
            cid = f"{base}-{k}"
            k += 1
        self.used.add(cid)
        return cid


def read_csv(
    text: str, path: str, langs: Sequence[str] | None = None, prefix: str = ""
) -> tuple[GlossaryInfo, list[Concept]]:
    rows = _rows(text, path)
    pair = _given_langs(langs, path)
    roles, body, first_line = _layout(rows, pair, path)
    languages = _languages(roles, path)
    concepts: list[Concept] = []
    ids = _Ids(path, prefix)
    for lineno, raw in enumerate(body, first_line):
        if len(raw) > len(roles) and any(c.strip() for c in raw[len(roles) :]):
            raise CsvError(f"{path}:{lineno}: {len(raw)} cells but {len(roles)} columns")
        row = _Row(roles, raw)
        if not row.terms:
            continue
        concepts.append(
            Concept(ids.assign(row, lineno), row.terms, note=row.note, definition=row.definition, file=path)
        )
    gid = _slug(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return GlossaryInfo(gid, None, None, tuple(languages), path), concepts
