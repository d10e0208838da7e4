"""Language profiles: what a rule needs to know about the language of the copy it checks.

A profile is data (``glossaries/profiles/<code>.yaml``: scripts, word list, stemmer, quotation
marks, number symbols, locale spacing, grammatical doubled words, function words) plus the small
code here that loads it and answers questions about it. Adding a language is adding a file.

``profile_for(code)`` returns the profile of a language code (``de``, ``en-GB``, ``pt_BR``):

- a code that is not a language at all (``xx``, ``../../x``) raises :class:`UnknownLanguage`,
  whose message names the code and the languages that have a profile;
- a real language without a profile (``es``) gets the *generic* profile: rules that need no
  profile run, the others are off, and :meth:`Profile.notes` says so once;
- a profile whose stemmer or word list lives in a package that is not installed works without
  it, and its notes say which package to install.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from tqkit.datafiles import bundled_glossary_dir, load_wordlist
from tqkit.errors import ProfileError, ResourceError, UnknownLanguage
from tqkit.langs import LANGUAGE_NAMES, native_scripts

_CODE_RE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*")
_KEYS = {
    "code",
    "name",
    "scripts",
    "wordlist",
    "stemmer",
    "quotes",
    "decimal",
    "group",
    "space_before",
    "doubles",
    "allowed_doubles",
    "function_words",
    "root_repetition",
    "translit",
    "sources",
}
_TRANSLIT_KEYS = {"source", "min_zipf", "endings", "plural_endings", "markers", "loans"}
_TRANSLIT_SOURCES = {"en", "slavic"}
_ROOT_KEYS = {"extra", "common_prefix", "allowed", "links", "clause_words", "capitalised_nouns"}
_DOUBLES = {"all", "function-words"}


def _profile_dir() -> Path:
    return bundled_glossary_dir() / "profiles"


@cache
def known_languages() -> tuple[str, ...]:
    """Codes with a profile, sorted."""
    return tuple(sorted(p.stem for p in _profile_dir().glob("*.yaml")))


def base_code(code: str) -> str:
    """``en-GB`` -> ``en``; ``pt_BR`` -> ``pt``; case-insensitive."""
    return code.strip().lower().replace("_", "-").split("-")[0]


def is_language_code(code: str) -> bool:
    """True for an ISO 639 code (with an optional region or script subtag) of a real language."""
    norm = code.strip().lower()
    if not _CODE_RE.fullmatch(norm):
        return False
    base = base_code(norm)
    if base in LANGUAGE_NAMES or base in known_languages():
        return True
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return False
    found = pycountry.languages.get(alpha_2=base) if len(base) == 2 else pycountry.languages.get(alpha_3=base)
    return found is not None


AUTO = "auto"


def check_language(code: str) -> str:
    """The normalised code (``auto``: detect each document's language), or
    :class:`UnknownLanguage` with a one-line message."""
    if code.strip().lower() == AUTO:
        return AUTO
    if not is_language_code(code):
        raise UnknownLanguage(
            f"unknown language code {code!r}: languages with a profile are "
            f"{', '.join(known_languages())} (any other ISO 639 code runs the language-neutral rules)"
        )
    return code.strip().lower().replace("_", "-")


@dataclass(frozen=True)
class RootRules:
    """How root repetition (TQ202) works in a language: two words share a root when their stems
    are equal or one extends the other by at most ``extra`` letters (a verb and a noun of one
    root: Russian "контролирова-" / "контрол-"), or share their first ``common_prefix`` letters
    (0: off) and differ only in the last few ("организатор" / "организирам"); ``allowed`` are words whose root repeats
    grammatically ("друг друга"); ``links`` make "X link X" idiomatic ("ден след ден",
    "Schritt für Schritt"); ``clause_words`` open a new clause, so a pair around them is
    not a tautology; ``capitalised_nouns``: common nouns are capitalised (German), so a capital
    letter does not mark a name."""

    extra: int = 0
    common_prefix: int = 0
    allowed: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    capitalised_nouns: bool = False


@dataclass(frozen=True)
class TranslitRules:
    """What a transliterated word (TQ102) is in a language's copy: ``source`` ``en``: an
    English word in Cyrillic letters ("бекграунд"); ``slavic``: a Russian or Bulgarian word
    romanised ("Opoltschenzy"). ``endings``: inflections stripped before the English lookup, or
    the Slavic endings that mark a romanised word; ``plural_endings``: the endings that mark a
    capitalised word as a common noun; ``markers``: letter groups English spelling leaves in a
    Cyrillic word ("-инг", "ейк", "аунд"), one of which it must contain; ``loans``: adopted
    words the word list lacks;
    ``min_zipf``: a word at least this frequent in the word list counts as adopted."""

    source: str
    min_zipf: float = 1.0
    endings: tuple[str, ...] = ()
    plural_endings: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    loans: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Profile:
    """One target language's conventions. ``generic`` profiles stand in for languages without
    a file: only the rules that need no profile run for them."""

    code: str
    name: str
    scripts: frozenset[str]
    wordlist: str | None = None
    stemmer: str | None = None
    quotes_primary: tuple[str, str] = ("“", "”")
    quotes_secondary: tuple[str, str] = ("‘", "’")
    quotes_also: frozenset[str] = frozenset()
    decimal: str = "."
    group: tuple[str, ...] = (",",)
    space_before: frozenset[str] = frozenset()
    doubles: str = "all"
    allowed_doubles: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    # None: root repetition is off for the language (productive reduplication, no stemmer)
    roots: RootRules | None = None
    # None: TQ102 (transliterated words) is off for the language
    translit: TranslitRules | None = None
    sources: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    generic: bool = False
    path: str = ""

    # -- quotation marks ---------------------------------------------------------------------

    @property
    def quote_marks(self) -> frozenset[str]:
        """Every quotation mark acceptable in this language's copy."""
        return frozenset(self.quotes_primary + self.quotes_secondary) | self.quotes_also

    # -- words -------------------------------------------------------------------------------

    @cached_property
    def _stem_fn(self) -> Callable[[str], str] | None:
        if not self.stemmer:
            return None
        kind, _, arg = self.stemmer.partition(":")
        try:
            if kind == "snowball":
                import Stemmer

                stemmer = Stemmer.Stemmer(arg)
                stem_word: Callable[[str], str] = stemmer.stemWord
                return stem_word
            if kind == "simplemma":
                import simplemma

                def lemma(word: str) -> str:
                    return str(simplemma.lemmatize(word, lang=arg))

                return lemma
        except (ImportError, KeyError):
            return None
        return None

    def stem(self, word: str) -> str:
        """The stem (or lemma) of a lower-cased word; the word itself without a stemmer."""
        fn = self._stem_fn
        return fn(word) if fn else word

    @property
    def can_stem(self) -> bool:
        return self._stem_fn is not None

    def words(self, min_zipf: float = 1.0) -> AbstractSet[str] | None:
        """The language's word list (wordfreq data), or None when none is shipped; loaded
        once per process for each cut-off."""
        if not self.wordlist:
            return None
        return _words(self.wordlist, min_zipf)

    def is_allowed_double(self, word: str) -> bool:
        """True when ``word word`` can be grammatical in this language."""
        w = word.lower()
        if self.doubles == "function-words":
            return w not in self.function_words
        return w in self.allowed_doubles

    def is_function_word(self, word: str) -> bool:
        return word.lower() in self.function_words

    # -- what runs ---------------------------------------------------------------------------

    def notes(self) -> list[str]:
        """One line per missing capability, saying what is off and how to turn it on."""
        return list(self._notes)

    @cached_property
    def _notes(self) -> tuple[str, ...]:
        out: list[str] = []
        if self.generic:
            out.append(
                f"{self.code}: no language profile; only the language-neutral rules run "
                f"(profiles: {', '.join(known_languages())})"
            )
            return tuple(out)
        if self.stemmer and not self.can_stem:
            package = "simplemma" if self.stemmer.startswith("simplemma") else "PyStemmer"
            install = "pip install 'tqkit[langs]'" if package == "simplemma" else "pip install PyStemmer"
            out.append(
                f"{self.code}: the stemmer needs the {package} package ({install}); "
                "root repetition (TQ202) is off, the other rules run"
            )
        if self.wordlist and self.words(3.0) is None:
            out.append(f"{self.code}: the word list needs wordfreq (pip install wordfreq)")
        return tuple(out)


@cache
def _words(wordlist: str, min_zipf: float) -> AbstractSet[str] | None:
    try:
        return load_wordlist(wordlist, min_zipf=min_zipf)
    except (ResourceError, OSError):
        return None


def _generic(code: str) -> Profile:
    base = base_code(code)
    return Profile(
        code=base,
        name=LANGUAGE_NAMES.get(base, base),
        scripts=native_scripts(base),
        doubles="function-words",
        generic=True,
    )


def _line_of(text: str, key: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return i
    return 1


def _strings(path: Path, text: str, data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{path}:{_line_of(text, key)}: `{key}` must be a list of strings")
    return tuple(value)


def _pair(path: Path, text: str, value: object, key: str) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise ProfileError(f"{path}:{_line_of(text, 'quotes')}: `quotes.{key}` must be [open, close]")
    return value[0], value[1]


def _roots(path: Path, text: str, data: dict[str, Any]) -> RootRules | None:
    value = data.get("root_repetition")
    if value is None:
        return None
    line = _line_of(text, "root_repetition")
    if not isinstance(value, dict):
        raise ProfileError(f"{path}:{line}: `root_repetition` is a mapping ({', '.join(sorted(_ROOT_KEYS))}) or null")
    unknown = sorted(set(value) - _ROOT_KEYS)
    if unknown:
        raise ProfileError(f"{path}:{line}: unknown key `root_repetition.{unknown[0]}`")
    extra = value.get("extra", 0)
    if not isinstance(extra, int) or isinstance(extra, bool) or not 0 <= extra <= 10:
        raise ProfileError(f"{path}:{line}: `root_repetition.extra` is a number of letters (0-10)")
    prefix = value.get("common_prefix", 0)
    if not isinstance(prefix, int) or isinstance(prefix, bool) or not (prefix == 0 or 5 <= prefix <= 20):
        raise ProfileError(f"{path}:{line}: `root_repetition.common_prefix` is 0 (off) or 5-20 letters")
    lists: dict[str, frozenset[str]] = {}
    for key in ("allowed", "links", "clause_words"):
        items = value.get(key) or []
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise ProfileError(f"{path}:{line}: `root_repetition.{key}` must be a list of strings")
        lists[key] = frozenset(v.lower() for v in items)
    return RootRules(
        extra=extra,
        common_prefix=prefix,
        allowed=lists["allowed"],
        links=lists["links"],
        clause_words=lists["clause_words"],
        capitalised_nouns=bool(value.get("capitalised_nouns", False)),
    )


def _translit(path: Path, text: str, data: dict[str, Any]) -> TranslitRules | None:
    value = data.get("translit")
    if value is None:
        return None
    line = _line_of(text, "translit")
    if not isinstance(value, dict):
        raise ProfileError(f"{path}:{line}: `translit` is a mapping ({', '.join(sorted(_TRANSLIT_KEYS))}) or null")
    unknown = sorted(set(value) - _TRANSLIT_KEYS)
    if unknown:
        raise ProfileError(f"{path}:{line}: unknown key `translit.{unknown[0]}`")
    if value.get("source") not in _TRANSLIT_SOURCES:
        raise ProfileError(f"{path}:{line}: `translit.source` is one of {sorted(_TRANSLIT_SOURCES)}")
    min_zipf = value.get("min_zipf", 1.0)
    if not isinstance(min_zipf, int | float) or isinstance(min_zipf, bool) or not 0 <= min_zipf <= 6:
        raise ProfileError(f"{path}:{line}: `translit.min_zipf` is a word frequency (zipf 0-6)")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("endings", "plural_endings", "markers", "loans"):
        items = value.get(key) or []
        if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
            raise ProfileError(f"{path}:{line}: `translit.{key}` must be a list of strings")
        # longest first: "-овете" is stripped before "-е"
        lists[key] = tuple(sorted((v.lower() for v in items), key=len, reverse=True))
    return TranslitRules(
        source=value["source"],
        min_zipf=float(min_zipf),
        endings=lists["endings"],
        plural_endings=lists["plural_endings"],
        markers=lists["markers"],
        loans=frozenset(lists["loans"]),
    )


def load_profile_file(path: Path) -> Profile:
    """Read and validate one profile file."""
    from tqkit.datacache import yaml_data

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read the profile: {exc}") from exc
    try:
        data = yaml_data(text)  # PyYAML is imported only when the cache lacks the text
    except Exception as exc:
        import yaml

        if not isinstance(exc, yaml.YAMLError):
            raise
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ProfileError(f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise ProfileError(f"{path}:1: a profile is a mapping of keys (code, name, scripts ...)")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ProfileError(f"{path}:{_line_of(text, unknown[0])}: unknown key `{unknown[0]}`")
    code = data.get("code")
    if code != path.stem:
        raise ProfileError(f"{path}:{_line_of(text, 'code')}: `code` must be the file name ({path.stem!r})")
    doubles = data.get("doubles", "all")
    if doubles not in _DOUBLES:
        raise ProfileError(f"{path}:{_line_of(text, 'doubles')}: `doubles` is one of {sorted(_DOUBLES)}")
    stemmer = data.get("stemmer")
    if stemmer is not None and not re.fullmatch(r"(?:snowball|simplemma):[a-z]+", str(stemmer)):
        raise ProfileError(f"{path}:{_line_of(text, 'stemmer')}: `stemmer` is snowball:NAME, simplemma:CODE or null")
    quotes = data.get("quotes") or {}
    if not isinstance(quotes, dict):
        raise ProfileError(f"{path}:{_line_of(text, 'quotes')}: `quotes` is a mapping (primary, secondary, also)")
    for key in ("decimal",):
        if not isinstance(data.get(key), str) or len(data[key]) != 1:
            raise ProfileError(f"{path}:{_line_of(text, key)}: `{key}` is one character")
    sources = data.get("sources") or {}
    if not isinstance(sources, dict) or not sources:
        raise ProfileError(f"{path}:{_line_of(text, 'sources')}: every profile names its `sources`")
    return Profile(
        code=code,
        name=str(data.get("name") or code),
        scripts=frozenset(_strings(path, text, data, "scripts")),
        wordlist=data.get("wordlist"),
        stemmer=stemmer,
        quotes_primary=_pair(path, text, quotes.get("primary", ["“", "”"]), "primary"),
        quotes_secondary=_pair(path, text, quotes.get("secondary", ["‘", "’"]), "secondary"),
        quotes_also=frozenset(str(q) for q in quotes.get("also") or ()),
        decimal=data["decimal"],
        group=_strings(path, text, data, "group"),
        space_before=frozenset(_strings(path, text, data, "space_before")),
        doubles=doubles,
        allowed_doubles=frozenset(w.lower() for w in _strings(path, text, data, "allowed_doubles")),
        function_words=frozenset(w.lower() for w in _strings(path, text, data, "function_words")),
        roots=_roots(path, text, data),
        translit=_translit(path, text, data),
        sources={str(k): str(v) for k, v in sources.items()},
        path=str(path),
    )


@cache
def profile_for(code: str) -> Profile:
    """The profile of a language code (see the module docstring for unknown codes)."""
    norm = check_language(code)
    base = base_code(norm)
    path = _profile_dir() / f"{base}.yaml"
    if not path.exists():
        return _generic(base)
    return load_profile_file(path)
