"""Reading and checking rule packs (``glossaries/packs/*.yaml``, format in ``FORMAT.md``).

Every problem is a :class:`Problem` with the file and line; :func:`load_packs` raises
:class:`PackError` (one line, ``FILE:LINE: message``) for the first, the linter lists them all.
A loaded set is cached (data only, keyed by the files' paths, sizes and times), so a check pays
for parsing, compiling and running the examples only when a pack changed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqkit.errors import PackError, PatternError
from tqkit.findings import Severity
from tqkit.packs.engine import Matcher, compile_entry, run_example
from tqkit.packs.model import CATEGORIES, DEFAULT_RULE, Entry, Example, Pack

CACHE_VERSION = "packs-1"

PACK_KEYS = {"pack", "title", "target_lang", "source_lang", "references", "entries"}
ENTRY_KEYS = {
    "id", "pattern", "patterns", "suggest", "message", "severity", "category", "source",
    "source_lang", "reference", "safe", "context", "source_match", "unless", "fires", "quiet",
    "rule", "kind",
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


def bundled_pack_dir() -> Path:
    from tqkit.resources import bundled_glossary_dir

    return bundled_glossary_dir() / "packs"


def is_pack_file(path: Path) -> bool:
    """True when the first top-level key of a YAML file is ``pack:`` (not parsed)."""
    from tqkit.errors import ResourceError
    from tqkit.resources import _kind_of

    try:
        return _kind_of(path) == "packs"
    except ResourceError as exc:
        raise PackError(str(path), str(exc).removeprefix(f"{path}: ")) from None


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """Directories expanded to their pack files (``*.yaml``/``*.yml`` whose first key is
    ``pack:``), files kept; each file once. Only regular files are read (a FIFO would block)."""
    import stat

    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        try:
            st = p.stat()
        except FileNotFoundError:
            raise PackError(str(p), "pack file or directory not found") from None
        except OSError as exc:
            raise PackError(str(p), f"cannot read: {exc.strerror or exc}") from None
        if stat.S_ISDIR(st.st_mode):
            found = []
            for f in sorted(p.iterdir()):
                if f.suffix in (".yaml", ".yml") and f.is_file() and is_pack_file(f):
                    found.append(f)
        elif stat.S_ISREG(st.st_mode):
            found = [p]
        else:
            raise PackError(str(p), "not a regular file; only regular files are read")
        for f in found:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                out.append(f)
    return out


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
            problems.append(Problem(p, _line(data, key), f"unknown key `{key}` (known: {', '.join(sorted(PACK_KEYS))})"))
    pid = data.get("pack")
    if not isinstance(pid, str) or not _ID_RE.fullmatch(pid):
        problems.append(Problem(p, _line(data, "pack") if "pack" in data else 1,
                                "`pack:` must be an id of lower-case letters, digits and -"))
        pid = path.stem
    refs = data.get("references") or {}
    if not isinstance(data.get("target_lang", "en"), str) or not re.fullmatch(
            r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)?", str(data.get("target_lang", "en"))):
        problems.append(Problem(p, _line(data, "target_lang"), "`target_lang` must be a language code such as en"))
    if not isinstance(refs, dict) or not all(isinstance(v, str) for v in refs.values()):
        problems.append(Problem(p, _line(data, "references"), "`references` must map short keys to strings"))
        refs = {}
    pack = Pack(
        id=pid, path=p, title=str(data.get("title") or ""),
        target_lang=str(data.get("target_lang") or "en"),
        source_lang=str(data.get("source_lang") or ""),
        references={str(k): str(v) for k, v in refs.items()},
        line=_line(data, "pack") or 1,
    )
    entries = data.get("entries")
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(p, _line(data, "entries") if "entries" in data else 1,
                                "`entries:` must be a non-empty list"))
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
    patterns = _strings(item.get("pattern", item.get("patterns")), where,
                        "pattern" if "pattern" in item else "patterns", problems, p, line)
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
    ref_raw = item.get("reference")
    refs = _strings(ref_raw, where, "reference", problems, p, line)
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
    fires = _examples(item, "fires", where, problems, p, line)
    quiet = _examples(item, "quiet", where, problems, p, line)
    if len(problems) > before:
        return None
    return Entry(
        id=eid, pack=pack.id, patterns=patterns, message=message.strip(),
        suggest=_strings(item.get("suggest"), where, "suggest", problems, p, line),
        severity=severity, category=category,
        source=str(item.get("source") or ""),
        source_lang=str(item.get("source_lang") or pack.source_lang),
        reference="; ".join(resolved), safe=safe, context=context,
        source_match=tuple(_fold(s) for s in _strings(item.get("source_match"), where, "source_match", problems, p, line)),
        unless=_strings(item.get("unless"), where, "unless", problems, p, line),
        fires=fires, quiet=quiet, rule=rule, kind=kind, path=p, line=line,
        target_lang=_base(pack.target_lang),
        extra={"lines": {"patterns": _item_lines(item, "pattern", "patterns"),
                         "unless": _item_lines(item, "unless"),
                         "suggest": _item_lines(item, "suggest")}},
    )


def _base(code: str) -> str:
    """``en-GB`` -> ``en``."""
    return code.strip().lower().replace("_", "-").split("-")[0] or "en"


def _fold(text: str) -> str:
    from tqkit.document import fold

    return fold(text)


def _examples(item: Any, key: str, where: str, problems: list[Problem], path: str, line: int) -> tuple[Example, ...]:
    value = item.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        problems.append(Problem(path, _line(item, key) if key in item else line,
                                f"{where}`{key}` needs at least one example sentence"))
        return ()
    out: list[Example] = []
    for i, ex in enumerate(value):
        ln = _line(value, i) or line
        if isinstance(ex, str) and ex.strip():
            out.append(Example(ex, None, ln))
        elif isinstance(ex, dict) and isinstance(ex.get("text"), str) and set(ex) <= {"text", "source"} \
                and isinstance(ex.get("source", ""), str):
            out.append(Example(ex["text"], ex.get("source", ""), ln))
        else:
            problems.append(Problem(path, ln, f"{where}a `{key}` example is a sentence or "
                                    "{text: ..., source: ...}"))
    return tuple(out)


# -- the set ----------------------------------------------------------------------------------

class PackSet:
    """Every loaded pack, compiled: ``matcher`` finds the pattern entries in a text;
    ``transliterations`` maps the words of ``kind: transliteration`` entries (used by TQ102)."""

    def __init__(self, packs: Sequence[Pack]):
        self.packs = list(packs)
        self.entries = [e for pk in self.packs for e in pk.entries]
        self.by_id = {e.id: e for e in self.entries}
        self.rules = frozenset(e.rule for e in self.entries if e.kind == "pattern")
        self.translit_matcher = Matcher([e for e in self.entries if e.kind == "transliteration"])
        # one matcher per language of the checked text (a pack's target_lang)
        patterns = [e for e in self.entries if e.kind == "pattern"]
        self.by_lang: dict[str, Matcher] = {}
        for lang in sorted({e.target_lang for e in patterns}):
            self.by_lang[lang] = Matcher([e for e in patterns if e.target_lang == lang])
        self._all: Matcher | None = None
        self.transliterations: dict[str, Entry] = {}
        for e in self.entries:
            if e.kind == "transliteration":
                for pat in e.patterns:
                    self.transliterations[pat.lower()] = e

    @property
    def matcher(self) -> Matcher:
        """Every pattern entry, whatever its language."""
        if len(self.by_lang) == 1:
            return next(iter(self.by_lang.values()))
        if self._all is None:
            self._all = Matcher([e for e in self.entries if e.kind == "pattern"])
        return self._all


    def find(self, view: str, folded: str | None = None, source_at: Any = None, accept: Any = None,
             tokens: Any = None, lang: str | None = None) -> list[Any]:
        """Matches of the entries for text in ``lang`` (base code; ``None``: every entry)."""
        if lang is None:
            return self.matcher.find(view, folded, source_at, accept, tokens)
        matcher = self.by_lang.get(lang)
        return matcher.find(view, folded, source_at, accept, tokens) if matcher is not None else []


def build(paths: Sequence[Path], check_examples: bool = True) -> tuple[PackSet | None, list[Problem]]:
    """Read, check and compile the packs; every problem found (``None`` set when there are any)."""
    problems: list[Problem] = []
    packs: list[Pack] = []
    for path in paths:
        pack = read_pack(path, problems)
        if pack is not None:
            packs.append(pack)
    pack_ids: dict[str, Pack] = {}
    ids: dict[str, Entry] = {}
    known_rules = _known_rules()
    for pack in packs:
        other = pack_ids.get(pack.id)
        if other is not None:
            problems.append(Problem(pack.path, pack.line, f"pack id `{pack.id}` is also used by {other.path}"))
        pack_ids[pack.id] = pack
        keep: list[Entry] = []
        for e in pack.entries:
            dup = ids.get(e.id)
            if dup is not None:
                problems.append(Problem(e.path, e.line, f"duplicate entry id `{e.id}` (also at {dup.where})"))
                continue
            ids[e.id] = e
            if known_rules is not None and e.rule not in known_rules:
                problems.append(Problem(e.path, e.line, f"entry {e.id}: unknown rule `{e.rule}`"))
                continue
            if e.kind == "transliteration" and any(len(p.split()) != 1 or "~" in p for p in e.patterns):
                problems.append(Problem(e.path, e.line, f"entry {e.id}: a transliteration pattern is one plain word"))
                continue
            try:
                compile_entry(e)
            except PatternError as exc:
                line = e.line
                if exc.where is not None:
                    lines = e.extra.get("lines", {}).get(exc.where[0], ())
                    line = lines[exc.where[1]] if exc.where[1] < len(lines) else (lines[0] if lines else e.line)
                problems.append(Problem(e.path, line, f"entry {e.id}: {exc}"))
                continue
            except RuntimeError as exc:  # lemminflect missing
                problems.append(Problem(e.path, e.line, f"entry {e.id}: {exc}"))
                continue
            keep.append(e)
        pack.entries = keep
    if problems:
        return None, problems
    packset = PackSet(packs)
    if check_examples:
        problems.extend(example_problems(packset))
    return (None if problems else packset), problems


def _known_rules() -> set[str] | None:
    try:
        from tqkit.registry import all_rules

        return {r.code for r in all_rules()}
    except Exception:  # pragma: no cover - a broken registry is reported elsewhere
        return None


def example_source(entry: Entry, ex: Example) -> str | None:
    """The source an example is checked with: its own, else (for ``context: source`` entries)
    the entry's source word and stems, as if the aligned source contained them."""
    if ex.source is not None:
        return ex.source
    if entry.context == "source":
        return " ".join([entry.source, *entry.source_match])
    return None


def example_problems(packset: PackSet) -> list[Problem]:
    """Examples that do not behave as declared."""
    out: list[Problem] = []
    for e in packset.entries:
        matcher = packset.by_lang[e.target_lang] if e.kind == "pattern" else packset.translit_matcher
        for ex in e.fires:
            if not run_example(matcher, e, ex.text, example_source(e, ex)):
                why = _shadow(packset, e, ex)
                out.append(Problem(e.path, ex.line, f"entry {e.id}: `fires` example does not fire{why}: {ex.text!r}"))
        for ex in e.quiet:
            if run_example(matcher, e, ex.text, example_source(e, ex)):
                out.append(Problem(e.path, ex.line, f"entry {e.id}: `quiet` example fires: {ex.text!r}"))
    return out


def _shadow(packset: PackSet, e: Entry, ex: Example) -> str:
    """`` (entry X matches there first)`` when another entry's overlapping match hides it."""
    src = example_source(e, ex)
    alone = Matcher([e])
    if not run_example(alone, e, ex.text, src):
        return ""
    from tqkit.document import fold

    s = fold(src) if src is not None else None
    others = [m.entry.id for m in packset.by_lang[e.target_lang].find(ex.text, None, lambda _o: s)
              if m.entry is not e]
    return f" (entry {others[0]} matches there first)" if others else ""


# -- loading with a cache --------------------------------------------------------------------

def cache_dir() -> Path | None:
    """``$TQKIT_CACHE_DIR/packs`` (none when the variable is empty), else the user cache
    directory's ``tqkit/packs``: a directory of its own, so no other cache evicts its entries."""
    env = os.environ.get("TQKIT_CACHE_DIR")
    if env == "":
        return None
    if env:
        return Path(env) / "packs"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tqkit" / "packs"


def _cache_key(paths: Sequence[Path]) -> str | None:
    parts = [CACHE_VERSION, _lemminflect_version()]
    # the engine's own code is part of the key, so an edited engine never reads a stale set
    engine = sorted(Path(__file__).parent.glob("*.py"))
    for p in [*engine, *paths]:
        try:
            st = p.stat()
        except OSError:
            return None
        parts.append(f"{p.resolve()}|{st.st_size}|{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _lemminflect_version() -> str:
    """Where lemminflect is installed and when (a stat, not a metadata read: that costs more
    than the whole cached load)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("lemminflect")
        if spec is None or not spec.origin:
            return "none"
        st = os.stat(spec.origin)
        return f"{spec.origin}|{st.st_size}|{st.st_mtime_ns}"
    except (OSError, ImportError, ValueError):
        return "none"


def load_packs(paths: Sequence[Path], *, cache: bool = True) -> PackSet:
    """The packs of ``paths`` (files or directories), checked (examples included) and compiled;
    raises :class:`PackError` naming the first problem. A compiled set is cached, data only
    (:mod:`tqkit.packs.cache`), keyed by the files' paths, sizes and times."""
    from tqkit.packs import cache as packs_cache

    files = pack_files(paths)
    directory = cache_dir() if cache else None
    key = _cache_key(files) if directory is not None else None
    entry_path = directory / f"packs-{key}{packs_cache.CACHE_SUFFIX}" if directory is not None and key else None
    if entry_path is not None and key is not None:
        cached = packs_cache.read(entry_path, key)
        if cached is not None:
            return PackSet(cached)
    packset, problems = build(files)
    if problems or packset is None:
        first = problems[0] if problems else Problem(str(files[0]) if files else "packs", 0, "no packs")
        more = f" (and {len(problems) - 1} more: tqkit rules --lint)" if len(problems) > 1 else ""
        raise PackError(first.path, first.message + more, first.line or None)
    if directory is not None and entry_path is not None and key is not None:
        packs_cache.write(directory, entry_path, packset.packs, key)
    return packset


def lint_packs(paths: Sequence[Path]) -> list[Problem]:
    """Every problem of the packs (files or directories), examples included."""
    try:
        files = pack_files(paths)
    except PackError as exc:
        return [Problem(exc.path, exc.line or 0, exc.message)]
    return build(files)[1]
