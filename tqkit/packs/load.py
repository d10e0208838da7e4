"""Reading and checking rule packs (``glossaries/packs/*.yaml``, format in ``FORMAT.md``).

Every problem is a :class:`Problem` with the file and line; :func:`load_packs` raises
:class:`PackError` (one line, ``FILE:LINE: message``) for the first, the linter lists them all.
A loaded set is cached (data only, keyed by the files' paths, sizes and times), so a check pays
for parsing, compiling and running the examples only when a pack changed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from tqkit.cachestore import cache_dir as shared_cache_dir
from tqkit.datafiles import bundled_glossary_dir, kind_of
from tqkit.errors import PackError, PatternError, ResourceError
from tqkit.findings import Severity
from tqkit.packs.compiler import compile_entry
from tqkit.packs.engine import Matcher, run_example
from tqkit.packs.index import Candidate
from tqkit.packs.model import Entry, Example, Pack
from tqkit.packs.read import Problem, read_pack

CACHE_VERSION = "packs-2"

# The rule codes an entry may be filed under (``rule: TQ102``). The rule registry sits above the
# data layer, so it tells this module when it has loaded its rules (``registry.all_rules``);
# until then (packs read without any rule loaded) the codes are not checked.
_rule_codes: frozenset[str] | None = None


def set_rule_codes(codes: Iterable[str]) -> None:
    """The codes of every registered rule (called by the registry once its rules are loaded)."""
    global _rule_codes
    _rule_codes = frozenset(codes)


def bundled_pack_dir() -> Path:
    return bundled_glossary_dir() / "packs"


def is_pack_file(path: Path) -> bool:
    """True when the first top-level key of a YAML file is ``pack:`` (not parsed)."""
    try:
        return kind_of(path) == "packs"
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


# -- the set ----------------------------------------------------------------------------------


class _Matchers(Mapping[str, Matcher]):
    """Language -> the matcher of its pattern entries, each built on first use."""

    def __init__(self, entries: dict[str, list[Entry]], indexes: Mapping[str, Index]) -> None:
        self._entries = entries
        self._indexes = indexes
        self._built: dict[str, Matcher] = {}

    def __getitem__(self, lang: str) -> Matcher:
        m = self._built.get(lang)
        if m is None:
            entries = self._entries[lang]
            m = self._built[lang] = Matcher(entries, _index_for(self._indexes, f"lang:{lang}", entries))
        return m

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


# a matcher's candidate index from the cache, with the number of entries it was built for
Index = tuple[int, Mapping[str, list[Candidate]]]


def _index_for(
    indexes: Mapping[str, Index], name: str, entries: Sequence[Entry]
) -> Mapping[str, list[Candidate]] | None:
    """The cached index of matcher ``name`` when it was built for these entries (else None:
    the matcher indexes them itself)."""
    got = indexes.get(name)
    return got[1] if got is not None and got[0] == len(entries) else None


class PackSet:
    """Every loaded pack, compiled: ``matcher`` finds the pattern entries in a text;
    ``transliterations`` maps the words of ``kind: transliteration`` entries (used by TQ102).
    ``indexes``: the matchers' candidate indexes, when a cache entry holds them."""

    def __init__(self, packs: Sequence[Pack], indexes: Mapping[str, Index] | None = None):
        self._indexes = indexes or {}
        self.packs = list(packs)
        self.entries = [e for pk in self.packs for e in pk.entries]
        self.by_id = {e.id: e for e in self.entries}
        self.rules = frozenset(e.rule for e in self.entries if e.kind == "pattern")
        # one matcher per language of the checked text (a pack's target_lang), indexed when a
        # text in that language is first checked
        patterns = [e for e in self.entries if e.kind == "pattern"]
        self.by_lang = _Matchers(
            {
                lang: [e for e in patterns if e.target_lang == lang]
                for lang in sorted({e.target_lang for e in patterns})
            },
            self._indexes,
        )
        self._all: Matcher | None = None
        self.transliterations: dict[str, Entry] = {}
        for e in self.entries:
            if e.kind == "transliteration":
                for pat in e.patterns:
                    self.transliterations[pat.lower()] = e

    def all_matchers(self) -> dict[str, Matcher]:
        """Every matcher of the set by name (``lang:en``..., ``translit``), indexed now."""
        out = {f"lang:{lang}": self.by_lang[lang] for lang in self.by_lang}
        out["translit"] = self.translit_matcher
        return out

    @cached_property
    def translit_matcher(self) -> Matcher:
        entries = [e for e in self.entries if e.kind == "transliteration"]
        return Matcher(entries, _index_for(self._indexes, "translit", entries))

    @property
    def matcher(self) -> Matcher:
        """Every pattern entry, whatever its language."""
        if len(self.by_lang) == 1:
            return next(iter(self.by_lang.values()))
        if self._all is None:
            self._all = Matcher([e for e in self.entries if e.kind == "pattern"])
        return self._all

    def find(
        self,
        view: str,
        folded: str | None = None,
        source_at: Any = None,
        accept: Any = None,
        tokens: Any = None,
        lang: str | None = None,
    ) -> list[Any]:
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
    known_rules = _rule_codes
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
                if _outranked(packset, e, ex):
                    continue  # an info note hidden by a warning on the same words: the warning speaks
                why = _shadow(packset, e, ex)
                out.append(Problem(e.path, ex.line, f"entry {e.id}: `fires` example does not fire{why}: {ex.text!r}"))
        for ex in e.quiet:
            if run_example(matcher, e, ex.text, example_source(e, ex)):
                out.append(Problem(e.path, ex.line, f"entry {e.id}: `quiet` example fires: {ex.text!r}"))
    return out


def _outranked(packset: PackSet, e: Entry, ex: Example) -> bool:
    """An info entry whose example fires alone but is covered by a warning or error entry's
    match (the engine lets warnings win over overlapping info notes)."""
    if e.severity is not Severity.INFO or e.kind != "pattern":
        return False
    src = example_source(e, ex)
    if not run_example(Matcher([e]), e, ex.text, src):
        return False
    from tqkit.text.fold import fold

    s = fold(src) if src is not None else None
    found = packset.by_lang[e.target_lang].find(ex.text, None, lambda _o: s)
    return any(m.entry.severity is not Severity.INFO for m in found)


def _shadow(packset: PackSet, e: Entry, ex: Example) -> str:
    """`` (entry X matches there first)`` when another entry's overlapping match hides it."""
    src = example_source(e, ex)
    alone = Matcher([e])
    if not run_example(alone, e, ex.text, src):
        return ""
    from tqkit.text.fold import fold

    s = fold(src) if src is not None else None
    others = [m.entry.id for m in packset.by_lang[e.target_lang].find(ex.text, None, lambda _o: s) if m.entry is not e]
    return f" (entry {others[0]} matches there first)" if others else ""


# -- loading with a cache --------------------------------------------------------------------


def cache_dir() -> Path | None:
    """``$TQKIT_CACHE_DIR/packs`` (none when the variable is empty), else the user cache
    directory's ``tqkit/packs``: a directory of its own, so no other cache evicts its entries."""
    return shared_cache_dir("packs")


def _cache_key(paths: Sequence[Path]) -> str | None:
    parts = [CACHE_VERSION, _lemminflect_version()]
    # the engine's own code is part of the key, so an edited engine never reads a stale set
    # (and tqkit's __init__.py, which holds its version: an upgrade never reads an old set)
    engine = [*sorted(Path(__file__).parent.glob("*.py")), Path(__file__).parent.parent / "__init__.py"]
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
            return PackSet(*cached)
    packset, problems = build(files)
    if problems or packset is None:
        first = problems[0] if problems else Problem(str(files[0]) if files else "packs", 0, "no packs")
        more = f" (and {len(problems) - 1} more: tqkit rules --lint)" if len(problems) > 1 else ""
        raise PackError(first.path, first.message + more, first.line or None)
    if entry_path is not None and key is not None:
        packs_cache.write(entry_path, packset.packs, packset.all_matchers(), key)
    return packset


def lint_packs(paths: Sequence[Path]) -> list[Problem]:
    """Every problem of the packs (files or directories), examples included."""
    try:
        files = pack_files(paths)
    except PackError as exc:
        return [Problem(exc.path, exc.line or 0, exc.message)]
    return build(files)[1]
