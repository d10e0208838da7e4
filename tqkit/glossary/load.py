"""Read and validate the YAML authoring format (see ``glossaries/SCHEMA.md``).

Errors name the file, the line and the field (``glossaries/x.yaml:12: concepts[3].terms.en[0].
status: 'prefered' is not one of preferred, admitted, deprecated, forbidden``).

Two parsers: a fast one for checking (PyYAML's libyaml loader when installed, else ruamel's
safe loader) and ruamel's round-trip loader, which keeps line numbers, comments and order, for
linting and editing. When the fast parse finds a problem the file is parsed again with the
round-trip loader so the error can name its line. Parsed glossaries are cached by
:mod:`tqkit.glossary.cache` (``CACHE_VERSION`` here is part of its key).
"""

from __future__ import annotations

import io
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqkit.errors import GlossaryError
from tqkit.glossary.model import (
    POS_VALUES,
    SEVERITIES,
    STATUSES,
    TERM_TYPES,
    Concept,
    GlossaryInfo,
    Source,
    Term,
)

CACHE_VERSION = 5
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
CONCEPT_KEYS = {"id", "domain", "definition", "note", "review", "sources", "terms"}
TERM_KEYS = {
    "term",
    "status",
    "pos",
    "case_sensitive",
    "usage",
    "attribution",
    "type",
    "severity",
    "replace_with",
    "note",
}
HEADER_KEYS = {"id", "title", "domain", "languages", "description", "version", "note"}


@dataclass(frozen=True)
class Problem:
    """One schema problem: a field path (``concepts[3].terms.en[0].status``) and a line."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


# -- parsing ---------------------------------------------------------------------------------


def roundtrip_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.brace_single_entry_mapping_in_flow_sequence = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _syntax_error(path: str, exc: Exception) -> GlossaryError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return GlossaryError(path, f"YAML syntax error: {problem}", line)


def parse_roundtrip(path: str, text: str) -> Any:
    """The round-trip tree (ruamel ``CommentedMap``) with comments and line numbers."""
    try:
        return roundtrip_yaml().load(io.StringIO(text))
    except Exception as exc:  # ruamel raises several unrelated classes
        raise _syntax_error(path, exc) from None


def parse_fast(path: str, text: str) -> Any:
    try:
        import yaml as pyyaml

        loader = getattr(pyyaml, "CSafeLoader", None)
    except ImportError:  # pragma: no cover - depends on the environment
        loader = None
    if loader is not None:
        try:
            return pyyaml.load(text, Loader=loader)
        except Exception:  # YAMLError, or ValueError from a date 2001-13-45 or a huge integer
            return parse_roundtrip(path, text)  # names the line in ruamel's words
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception:
        return parse_roundtrip(path, text)


# A glossary larger than this is refused before it is read (YAML trees take many times the
# file's size in memory).
MAX_GLOSSARY_BYTES = 64 * 1024 * 1024


def read_text(path: Path) -> str:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block forever
            raise GlossaryError(str(path), "not a regular file")
        size = st.st_size
        if size > MAX_GLOSSARY_BYTES:
            raise GlossaryError(
                str(path),
                f"glossary too large ({size // (1024 * 1024):,} MB; limit {MAX_GLOSSARY_BYTES // (1024 * 1024)} MB)",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(str(path), f"cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(str(path), "not valid UTF-8", line) from None


# -- validation ------------------------------------------------------------------------------


def _line(node: Any, key: object = None) -> int:
    """1-based line of ``node`` (or of its ``key``/index) in a round-trip tree; 0 if unknown."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return 0
    try:
        if key is None:
            return int(lc.line) + 1
        if isinstance(key, int):
            return int(lc.item(key)[0]) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        line = getattr(lc, "line", None)
        return int(line) + 1 if isinstance(line, int) else 0


class _Validator:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def bad(self, node: Any, key: object, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, _line(node, key), field, message))

    def text(self, node: Any, key: str, field: str, *, required: bool = False) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                self.bad(node, None, field, "required field is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.bad(node, key, f"{field}.{key}", f"expected text, got {type(value).__name__}")
            return None
        s = str(value).strip()
        if required and not s:
            self.bad(node, key, f"{field}.{key}", "must not be empty")
        return s or None

    def flag(self, node: Any, key: str, field: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            self.bad(node, key, f"{field}.{key}", f"expected true or false, got {value!r}")
            return False
        return value

    def choice(self, node: Any, key: str, field: str, allowed: Sequence[str]) -> str | None:
        value = self.text(node, key, field)
        if value is not None and value not in allowed:
            self.bad(node, key, f"{field}.{key}", f"{value!r} is not one of {', '.join(allowed)}")
            return None
        return value

    def unknown(self, node: Any, allowed: set[str], field: str) -> None:
        for key in node:
            if key not in allowed:
                hint = f" (known: {', '.join(sorted(allowed))})"
                self.bad(node, key, f"{field}.{key}", f"unknown field{hint}")


def build_glossary(path: str, data: Any) -> tuple[GlossaryInfo, list[Concept], list[Problem]]:
    v = _Validator(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        v.bad(data, None, "", "expected a mapping with `glossary` and `concepts` at the top")
        return GlossaryInfo(Path(path).stem, file=path), [], v.problems
    for key in data:
        if key not in ("glossary", "concepts"):
            v.bad(data, key, str(key), "unknown top-level field (expected glossary, concepts)")
    header = data.get("glossary")
    info = GlossaryInfo(Path(path).stem, file=path)
    if header is None:
        v.bad(data, None, "glossary", "required field is missing")
    elif not isinstance(header, dict):
        v.bad(data, "glossary", "glossary", "expected a mapping (id, title, domain, languages)")
    else:
        v.unknown(header, HEADER_KEYS, "glossary")
        gid = v.text(header, "id", "glossary", required=True) or Path(path).stem
        langs = header.get("languages") or []
        if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
            v.bad(header, "languages", "glossary.languages", "expected a list of language codes")
            langs = []
        for i, lang in enumerate(langs):
            if not _LANG_RE.match(lang):
                v.bad(langs, i, f"glossary.languages[{i}]", f"{lang!r} is not a language code")
        info = GlossaryInfo(
            gid, v.text(header, "title", "glossary"), v.text(header, "domain", "glossary"), tuple(langs), path
        )
    raw = data.get("concepts")
    concepts: list[Concept] = []
    if raw is None:
        v.bad(data, None, "concepts", "required field is missing")
        raw = []
    elif not isinstance(raw, list):
        v.bad(data, "concepts", "concepts", "expected a list of concepts")
        raw = []
    for i, node in enumerate(raw):
        c = _concept(v, raw, i, node, path, info.id)
        if c is not None:
            concepts.append(c)
    return info, concepts, v.problems


def _concept(v: _Validator, parent: Any, i: int, node: Any, path: str, gid: str) -> Concept | None:
    field = f"concepts[{i}]"
    if not isinstance(node, dict):
        v.bad(parent, i, field, "expected a mapping (id, domain, definition, sources, terms)")
        return None
    cid = v.text(node, "id", field, required=True)
    if cid is not None and not _ID_RE.match(cid):
        v.bad(node, "id", f"{field}.id", f"{cid!r}: use lower-case letters, digits, '.', '_' and '-'")
    if cid:
        field = f"concepts[{i}] ({cid})"
    v.unknown(node, CONCEPT_KEYS, field)
    sources = _sources(v, node, field)
    terms = _terms(v, node, field)
    if not cid:
        return None
    return Concept(
        id=cid,
        terms=terms,
        domain=v.text(node, "domain", field),
        definition=v.text(node, "definition", field),
        note=v.text(node, "note", field),
        review=v.text(node, "review", field),
        sources=tuple(sources),
        file=path,
        line=_line(parent, i),
        glossary=gid,
    )


def _sources(v: _Validator, node: dict[Any, Any], field: str) -> list[Source]:
    """The concept's ``sources:`` (each a title or a mapping {title, url})."""
    sources: list[Source] = []
    raw_sources = node.get("sources")
    if raw_sources is None:
        return sources
    if not isinstance(raw_sources, list):
        v.bad(node, "sources", f"{field}.sources", "expected a list of {title, url}")
        return sources
    for j, s in enumerate(raw_sources):
        sf = f"{field}.sources[{j}]"
        if isinstance(s, str):
            sources.append(Source(s))
        elif isinstance(s, dict):
            v.unknown(s, {"title", "url"}, sf)
            title = v.text(s, "title", sf, required=True)
            url = v.text(s, "url", sf)
            if url and not re.match(r"^[a-z][a-z0-9+.-]*:", url):
                v.bad(s, "url", f"{sf}.url", f"{url!r} is not a URL")
            if title:
                sources.append(Source(title, url))
        else:
            v.bad(raw_sources, j, sf, "expected a mapping {title, url} or a title")
    return sources


def _terms(v: _Validator, node: dict[Any, Any], field: str) -> dict[str, tuple[Term, ...]]:
    """The concept's ``terms:``, language code -> terms."""
    terms: dict[str, tuple[Term, ...]] = {}
    raw_terms = node.get("terms")
    if raw_terms is None:
        v.bad(node, None, f"{field}.terms", "required field is missing")
        return terms
    if not isinstance(raw_terms, dict):
        v.bad(node, "terms", f"{field}.terms", "expected a mapping of language code -> terms")
        return terms
    for lang, items in raw_terms.items():
        lf = f"{field}.terms.{lang}"
        if not isinstance(lang, str) or not _LANG_RE.match(lang):
            v.bad(raw_terms, lang, lf, f"{lang!r} is not a language code")
            continue
        if isinstance(items, dict | str):
            items = [items]
        if not isinstance(items, list) or not items:
            v.bad(raw_terms, lang, lf, "expected a non-empty list of terms")
            continue
        out: list[Term] = []
        for j, t in enumerate(items):
            term = _term(v, items, j, t, f"{lf}[{j}]", lang)
            if term is not None:
                out.append(term)
        terms[lang] = tuple(out)
    return terms


def _term(v: _Validator, parent: Any, j: int, t: Any, field: str, lang: str) -> Term | None:
    if isinstance(t, str):
        t = {"term": t}
        if not t["term"].strip():
            v.bad(parent, j, field, "empty term")
            return None
        return Term(t["term"].strip(), lang, line=_line(parent, j))
    if not isinstance(t, dict):
        v.bad(parent, j, field, "expected a mapping {term, status, ...} or a string")
        return None
    v.unknown(t, TERM_KEYS, field)
    text = v.text(t, "term", field, required=True)
    status = v.choice(t, "status", field, STATUSES) or "admitted"
    if "status" not in t:
        status = "admitted"
    pos = v.choice(t, "pos", field, POS_VALUES)
    typ = v.choice(t, "type", field, TERM_TYPES)
    severity = v.choice(t, "severity", field, SEVERITIES)
    if not text:
        return None
    return Term(
        text=text,
        lang=lang,
        status=status,
        pos=pos,
        case_sensitive=v.flag(t, "case_sensitive", field),
        usage=v.text(t, "usage", field),
        attribution=v.flag(t, "attribution", field),
        type=typ,
        severity=severity,
        replace_with=v.text(t, "replace_with", field),
        note=v.text(t, "note", field),
        line=_line(parent, j),
    )


def load_file(path: Path, *, with_lines: bool = False) -> tuple[GlossaryInfo, list[Concept]]:
    """One glossary file, validated; raises :class:`GlossaryError` naming the first problem."""
    text = read_text(path)
    name = str(path)
    data = parse_roundtrip(name, text) if with_lines else parse_fast(name, text)
    return load_parsed(path, text, data, with_lines=with_lines)


def load_parsed(path: Path, text: str, data: Any, *, with_lines: bool = False) -> tuple[GlossaryInfo, list[Concept]]:
    name = str(path)
    info, concepts, problems = build_glossary(name, data)
    if problems and not with_lines:
        info, concepts, problems = build_glossary(name, parse_roundtrip(name, text))
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        msg = f"{first.field}: {first.message}{more}" if first.field else first.message + more
        raise GlossaryError(name, msg, first.line or None, problems)
    return info, concepts


def validate_file(path: Path) -> tuple[GlossaryInfo | None, list[Concept], list[Problem], Any]:
    """For the linter: every problem (not just the first) and the round-trip tree."""
    name = str(path)
    try:
        text = read_text(path)
        tree = parse_roundtrip(name, text)
    except GlossaryError as exc:
        return None, [], [Problem(name, exc.line or 0, "", exc.message)], None
    info, concepts, problems = build_glossary(name, tree)
    return info, concepts, problems, tree
