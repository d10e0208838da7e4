"""Reading one rule pack: the YAML parsed with line numbers, every key and entry checked, each
problem a :class:`Problem` with its file and line (the format: ``glossaries/packs/FORMAT.md``).
:mod:`tqkit.packs.load` builds the set from the packs read here."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqkit.findings import Severity
from tqkit.packs.model import CATEGORIES, DEFAULT_RULE, Entry, Example, Pack

PACK_KEYS = {"pack", "title", "target_lang", "source_lang", "references", "entries"}
ENTRY_KEYS = {
    "id",
    "pattern",
    "patterns",
    "suggest",
    "message",
    "severity",
    "category",
    "source",
    "source_lang",
    "reference",
    "safe",
    "context",
    "source_match",
    "unless",
    "fires",
    "quiet",
    "rule",
    "kind",
}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_KEYLIKE_RE = re.compile(r"[A-Za-z0-9_§.\-]+")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


# -- parsing ----------------------------------------------------------------------------------


class _Map(dict[Any, Any]):
    """A YAML mapping that remembers the line of each key (and its own)."""

    line = 0
    key_lines: dict[Any, int]


class _Seq(list[Any]):
    """A YAML sequence that remembers the line of each item (and its own)."""

    line = 0
    item_lines: list[int]


def _parse(path: Path, problems: list[Problem]) -> Any:
    """Parse with PyYAML's C composer (libyaml when installed) and build plain values that keep
    line numbers: a 1,000-entry pack reads in a fraction of a second."""
    import yaml

    p = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(p, 0, f"cannot read: {getattr(exc, 'strerror', None) or exc}"))
        return None
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(p, mark.line + 1 if mark is not None else 0, f"YAML syntax error: {problem}"))
        return None
    if node is None:
        return None
    constructor = yaml.SafeLoader("")
    return _value(node, p, problems, constructor)


def _value(node: Any, path: str, problems: list[Problem], constructor: Any) -> Any:
    import yaml

    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = _Map()
        out.line, out.key_lines = line, {}
        for knode, vnode in node.value:
            key = _value(knode, path, problems, constructor)
            if not isinstance(key, str | int | float | bool) and key is not None:
                problems.append(Problem(path, knode.start_mark.line + 1, "a key must be a plain string"))
                continue
            if key in out:
                problems.append(Problem(path, knode.start_mark.line + 1, f"duplicate key `{key}`"))
            out[key] = _value(vnode, path, problems, constructor)
            out.key_lines[key] = knode.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = _Seq(_value(v, path, problems, constructor) for v in node.value)
        seq.line, seq.item_lines = line, [v.start_mark.line + 1 for v in node.value]
        return seq
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        problems.append(Problem(path, line, f"YAML error: {getattr(exc, 'problem', exc)}"))
        return None


def _line(node: Any, key: Any = None) -> int:
    if key is not None:
        if isinstance(node, _Seq) and isinstance(key, int):
            return node.item_lines[key] if 0 <= key < len(node.item_lines) else node.line
        if isinstance(node, _Map):
            return node.key_lines.get(key, node.line)
    return int(getattr(node, "line", 0))


def _item_lines(item: Any, *keys: str) -> tuple[int, ...]:
    """The line of each item of the first of ``keys`` present (a string: its own line)."""
    for key in keys:
        if key in item:
            value = item[key]
            if isinstance(value, _Seq):
                return tuple(value.item_lines)
            return (_line(item, key),)
    return ()


def _strings(value: Any, where: str, key: str, problems: list[Problem], path: str, line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append(Problem(path, line, f"{where}`{key}` must be a string or a list of strings"))
    return ()


def read_pack(path: Path, problems: list[Problem]) -> Pack | None:
    """One pack file, checked field by field (problems appended; patterns not yet compiled)."""
    p = str(path)
    data = _parse(path, problems)
    if data is None:
        if not problems or problems[-1].path != p:
            problems.append(Problem(p, 0, "empty pack"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(p, 1, "a pack is a mapping with `pack:` and `entries:`"))
        return None
    for key in data:
        if key not in PACK_KEYS:
            problems.append(
                Problem(p, _line(data, key), f"unknown key `{key}` (known: {', '.join(sorted(PACK_KEYS))})")
            )
    pid = data.get("pack")
    if not isinstance(pid, str) or not _ID_RE.fullmatch(pid):
        problems.append(
            Problem(
                p,
                _line(data, "pack") if "pack" in data else 1,
                "`pack:` must be an id of lower-case letters, digits and -",
            )
        )
        pid = path.stem
    refs = data.get("references") or {}
    if not isinstance(data.get("target_lang", "en"), str) or not re.fullmatch(
        r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)?", str(data.get("target_lang", "en"))
    ):
        problems.append(Problem(p, _line(data, "target_lang"), "`target_lang` must be a language code such as en"))
    if not isinstance(refs, dict) or not all(isinstance(v, str) for v in refs.values()):
        problems.append(Problem(p, _line(data, "references"), "`references` must map short keys to strings"))
        refs = {}
    pack = Pack(
        id=pid,
        path=p,
        title=str(data.get("title") or ""),
        target_lang=str(data.get("target_lang") or "en"),
        source_lang=str(data.get("source_lang") or ""),
        references={str(k): str(v) for k, v in refs.items()},
        line=_line(data, "pack") or 1,
    )
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        problems.append(
            Problem(p, _line(data, "entries") if "entries" in data else 1, "`entries:` must be a non-empty list")
        )
        return pack
    for i, item in enumerate(entries):
        entry = _read_entry(pack, item, _line(entries, i), problems)
        if entry is not None:
            pack.entries.append(entry)
    return pack


def _read_entry(pack: Pack, item: Any, line: int, problems: list[Problem]) -> Entry | None:
    p = pack.path
    if not isinstance(item, dict):
        problems.append(Problem(p, line, "each entry must be a mapping"))
        return None
    line = _line(item) or line
    eid = item.get("id")
    where = f"entry {eid}: " if isinstance(eid, str) else ""
    before = len(problems)

    def add(key: str | None, message: str) -> None:
        problems.append(Problem(p, _line(item, key) if key and key in item else line, where + message))

    for key in item:
        if key not in ENTRY_KEYS:
            add(str(key), f"unknown key `{key}` (see glossaries/packs/FORMAT.md)")
    if not isinstance(eid, str) or not _ID_RE.fullmatch(eid):
        add("id", "`id` must be lower-case letters, digits and - (unique across all packs)")
        eid = "?"
    if ("pattern" in item) == ("patterns" in item):
        add(None, "give `pattern` or `patterns` (one of them)")
    patterns = _strings(
        item.get("pattern", item.get("patterns")),
        where,
        "pattern" if "pattern" in item else "patterns",
        problems,
        p,
        line,
    )
    message, severity, category, context, kind, safe, rule = _entry_fields(item, add)
    refs = _strings(item.get("reference"), where, "reference", problems, p, line)
    resolved = _resolve_references(pack, refs, add)
    fires = _examples(item, "fires", where, problems, p, line)
    quiet = _examples(item, "quiet", where, problems, p, line)
    if len(problems) > before:
        return None
    return Entry(
        id=eid,
        pack=pack.id,
        patterns=patterns,
        message=message.strip(),
        suggest=_strings(item.get("suggest"), where, "suggest", problems, p, line),
        severity=severity,
        category=category,
        source=str(item.get("source") or ""),
        source_lang=str(item.get("source_lang") or pack.source_lang),
        reference="; ".join(resolved),
        safe=safe,
        context=context,
        source_match=tuple(
            _fold(s) for s in _strings(item.get("source_match"), where, "source_match", problems, p, line)
        ),
        unless=_strings(item.get("unless"), where, "unless", problems, p, line),
        fires=fires,
        quiet=quiet,
        rule=rule,
        kind=kind,
        path=p,
        line=line,
        target_lang=_base(pack.target_lang),
        extra={
            "lines": {
                "patterns": _item_lines(item, "pattern", "patterns"),
                "unless": _item_lines(item, "unless"),
                "suggest": _item_lines(item, "suggest"),
            }
        },
    )


_Add = Callable[[str | None, str], None]


def _entry_fields(item: dict[Any, Any], add: _Add) -> tuple[str, Severity, str, str, str, bool, str]:
    """(message, severity, category, context, kind, safe, rule) of an entry, each problem
    reported through ``add`` (a bad value falls back to its default)."""
    message = item.get("message")
    if not isinstance(message, str) or not message.strip():
        add("message", "`message` is required (plain language for the journalist)")
        message = ""
    try:
        severity = Severity.parse(str(item.get("severity", "warning")))
    except ValueError:
        add("severity", "`severity` must be error, warning or info")
        severity = Severity.WARNING
    category = str(item.get("category", "mistranslation"))
    if category not in CATEGORIES:
        add("category", f"unknown category `{category}` (known: {', '.join(CATEGORIES)})")
    context = str(item.get("context", "any"))
    if context not in ("any", "source"):
        add("context", "`context` must be any or source")
    kind = str(item.get("kind", "pattern"))
    if kind not in ("pattern", "transliteration"):
        add("kind", "`kind` must be pattern or transliteration")
    safe = item.get("safe", False)
    if not isinstance(safe, bool):
        add("safe", "`safe` must be true or false")
        safe = False
    rule = str(item.get("rule", DEFAULT_RULE))
    if not re.fullmatch(r"TQ\d{3}", rule):
        add("rule", "`rule` must be a rule code such as TQ301")
    return message, severity, category, context, kind, safe, rule


def _resolve_references(pack: Pack, refs: tuple[str, ...], add: _Add) -> list[str]:
    """The entry's references, each declared key replaced by ``key: text``."""
    resolved: list[str] = []
    if not refs or not all(r.strip() for r in refs):
        add("reference", "`reference` is required (a key of `references:` or the source in words)")
    for r in refs:
        if r in pack.references:
            resolved.append(f"{r}: {pack.references[r]}")
        elif _KEYLIKE_RE.fullmatch(r.strip()) and "://" not in r:
            add("reference", f"reference key `{r}` is not declared under `references:`")
        else:
            resolved.append(r)
    return resolved


def _base(code: str) -> str:
    """``en-GB`` -> ``en``."""
    return code.strip().lower().replace("_", "-").split("-")[0] or "en"


def _fold(text: str) -> str:
    from tqkit.text.fold import fold

    return fold(text)


def _examples(item: Any, key: str, where: str, problems: list[Problem], path: str, line: int) -> tuple[Example, ...]:
    value = item.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        problems.append(
            Problem(
                path, _line(item, key) if key in item else line, f"{where}`{key}` needs at least one example sentence"
            )
        )
        return ()
    out: list[Example] = []
    for i, ex in enumerate(value):
        ln = _line(value, i) or line
        if isinstance(ex, str) and ex.strip():
            out.append(Example(ex, None, ln))
        elif (
            isinstance(ex, dict)
            and isinstance(ex.get("text"), str)
            and set(ex) <= {"text", "source"}
            and isinstance(ex.get("source", ""), str)
        ):
            out.append(Example(ex["text"], ex.get("source", ""), ln))
        else:
            problems.append(Problem(path, ln, f"{where}a `{key}` example is a sentence or {{text: ..., source: ...}}"))
    return tuple(out)
