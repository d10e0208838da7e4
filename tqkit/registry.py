"""The rule registry: stable codes (``TQ201``) separate from names, selection by prefix.

A rule is a class with a code, a name, a default severity, an MQM category, a docstring that is
its documentation (sections: what it does, why it matters, example, fix safety) and examples
that must fire and must not fire. ``tests/test_rule_examples.py`` runs those examples for every
registered rule.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, ClassVar, Literal, Protocol, TypeVar, cast

from tqkit.findings import Category, Finding, Fix, Severity, Span
from tqkit.profiles import Profile, base_code
from tqkit.ruleoptions import RuleOptions
from tqkit.selectors import ALL, matches

if TYPE_CHECKING:
    from tqkit.document import Document
    from tqkit.resources import Resources

# Modules that define rules; importing them registers their rules.
RULE_MODULES = (
    "tqkit.checks.foreign_script",
    "tqkit.checks.untranslated",
    "tqkit.checks.mixedscript",
    "tqkit.checks.language",
    "tqkit.checks.repetition",
    "tqkit.checks.repetition_clause",
    "tqkit.checks.calques",
    "tqkit.checks.grammar",
    "tqkit.checks.mtgrammar",
    "tqkit.checks.spacing",
    "tqkit.checks.mtpunct",
    "tqkit.checks.mtquotes",
    "tqkit.checks.mtnumbers",
    "tqkit.checks.mtspelling",
    "tqkit.checks.german",
    "tqkit.checks.mqmpunct",
    "tqkit.checks.terms",
    "tqkit.checks.terms_source",
    "tqkit.checks.source",
    "tqkit.checks.source_numbers",
    "tqkit.checks.source_names",
    "tqkit.checks.source_omission",
    "tqkit.checks.roundtrip",
    "tqkit.checks.names",
    "tqkit.checks.names_russian",
    "tqkit.checks.meta",
)

_CODE_RE = re.compile(r"^TQ\d{3}$")


T = TypeVar("T")


class Analyses:
    """What rules compute once per document and share (the alignment with the source, the
    glossary term scan...). An analysis is a function of the document and the context; it runs
    on first use and its result is kept for this document and source. Typed by the function:
    ``ctx.analysis(alignment, doc)`` returns what ``alignment`` returns."""

    def __init__(self) -> None:
        self._done: dict[Callable[..., object], tuple[Document, Document | None, object]] = {}

    def get(self, compute: Callable[[Document, CheckContext], T], doc: Document, ctx: CheckContext) -> T:
        hit = self._done.get(compute)
        if hit is not None and hit[0] is doc and hit[1] is ctx.source:
            return cast(T, hit[2])
        value = compute(doc, ctx)
        self._done[compute] = (doc, ctx.source, value)
        return value


@dataclass
class CheckContext:
    """What a rule may use besides the document: shared resources and run options."""

    resources: Resources
    source: Document | None = None
    options: RuleOptions = field(default_factory=RuleOptions)
    # What rules compute once per document and share (the document itself is immutable).
    analyses: Analyses = field(default_factory=Analyses)
    notes: list[str] = field(default_factory=list)
    # Codes of the rules running in this check, so one family can defer to another.
    selected: frozenset[str] = frozenset()
    # The target language's profile (word list, stemmer, quotes, allowed doubles...).
    profile: Profile | None = None
    # Codes of the rules that run on this document (the selection less per-file ignores,
    # rules for other languages and source-aware rules without a source); set by the engine.
    active: frozenset[str] = frozenset()

    def analysis(self, compute: Callable[[Document, CheckContext], T], doc: Document) -> T:
        """``compute(doc, self)``, computed once per document and shared by the rules."""
        return self.analyses.get(compute, doc, self)


class FixAvailability(Enum):
    """Whether a rule's findings come with a fix (as ruff's ``FixAvailability``)."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NONE = "none"


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    category: ClassVar[Category] = Category.OTHER
    # Plain-text examples (checked as whole documents with the bundled glossaries).
    fires: ClassVar[tuple[str, ...]] = ()
    quiet: ClassVar[tuple[str, ...]] = ()
    # Examples that need a source document: (source, target) pairs.
    fires_with_source: ClassVar[tuple[tuple[str, str], ...]] = ()
    quiet_with_source: ClassVar[tuple[tuple[str, str], ...]] = ()
    # The language the examples are written in (they are checked as copy in that language).
    example_lang: ClassVar[str] = "en"
    enabled_by_default: ClassVar[bool] = True
    needs_source: ClassVar[bool] = False
    # "document" when a finding in one paragraph depends on the others (two spellings of one
    # concept across the article): the live checker (``tqkit server``), which checks the rest
    # paragraph by paragraph, then runs the rule on the whole document. Rules that need a
    # source are document rules too.
    scope: ClassVar[Literal["paragraph", "document"]] = "paragraph"
    # True when the rule needs an installed MT model (its examples then run in tests/mt).
    needs_model: ClassVar[bool] = False
    # Whether its findings carry a fix; every rule declares it (tests/test_fix_availability.py).
    fix_availability: ClassVar[FixAvailability] = FixAvailability.SOMETIMES
    # Target languages (ISO 639-1) the rule understands; None: any language. English-only by
    # default, so a new rule never runs on copy it was not written for.
    languages: ClassVar[frozenset[str] | None] = frozenset({"en"})

    @classmethod
    def runs_for(cls, lang: str) -> bool:
        """True when the rule checks copy in ``lang`` (``de``, ``en-GB`` ...)."""
        return cls.languages is None or base_code(lang) in cls.languages

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:  # pragma: no cover
        raise NotImplementedError

    def file_finding(self, doc: Document) -> Finding | None:
        """A hook run before any rule checks ``doc``: one finding about the whole file (say, it
        is in another language than its target) that replaces every other finding; None (the
        default) lets the rules run."""
        return None

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The docstring's first paragraph, on one line."""
        return " ".join(cls.doc().split("\n\n", 1)[0].split())

    def finding(
        self,
        doc: Document,
        span: Span,
        message: str,
        fixes: Sequence[Fix] = (),
        *,
        severity: Severity | None = None,
        category: Category | None = None,
        **data: object,
    ) -> Finding:
        return Finding(
            rule=self.code,
            name=self.name,
            span=span,
            severity=severity or self.severity,
            category=category or self.category,
            message=message,
            fixes=tuple(fixes),
            path=doc.path,
            data=dict(data),
        )


class PostPass(Protocol):
    """A pass over the merged findings of one document, after every rule has run (inline
    suppressions and TQ901 are one). It returns the findings to keep, and may add its own."""

    def __call__(self, doc: Document, findings: list[Finding], ctx: CheckContext) -> list[Finding]: ...


_RULES: dict[str, type[Rule]] = {}
_POST_PASSES: list[PostPass] = []
_LOADED = False


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to the registry (codes are unique and never reused)."""
    if not _CODE_RE.match(cls.code):
        raise ValueError(f"bad rule code {cls.code!r}")
    other = _RULES.get(cls.code)
    if other is not None and other.__qualname__ != cls.__qualname__:
        raise ValueError(f"rule code {cls.code} used twice ({other.__name__}, {cls.__name__})")
    _RULES[cls.code] = cls
    return cls


def register_post_pass(fn: PostPass) -> PostPass:
    """Decorator adding a pass the engine runs over every document's findings (in the order
    registered; once per function)."""
    if fn not in _POST_PASSES:
        _POST_PASSES.append(fn)
    return fn


def post_passes() -> tuple[PostPass, ...]:
    _load()
    return tuple(_POST_PASSES)


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    for module in RULE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a typo would silently drop a whole rule family
            if exc.name != module:
                raise
            raise ImportError(f"tqkit.registry.RULE_MODULES names {module!r}, which does not exist") from None
    _LOADED = True
    from tqkit.packs.load import set_rule_codes  # loaded on first use (start-up time)

    set_rule_codes(_RULES)
    from tqkit.recache import record

    record()  # the rules' compiled regexes, for the next process


def all_rules() -> list[type[Rule]]:
    _load()
    return [_RULES[c] for c in sorted(_RULES)]


def get_rule(code_or_name: str) -> type[Rule]:
    _load()
    key = code_or_name.strip()
    if key.upper() in _RULES:
        return _RULES[key.upper()]
    for rule in _RULES.values():
        if rule.name == key:
            return rule
    raise KeyError(code_or_name)


def _matches(rule: type[Rule], selector: str) -> bool:
    return matches(selector, rule.code, rule.name)


def validate_selectors(selectors: Iterable[str]) -> None:
    rules = all_rules()
    for sel in selectors:
        if not any(_matches(r, sel) for r in rules):
            raise ValueError(f"unknown rule selector {sel!r} (see `tqkit rules`)")


def select_rules(
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> list[type[Rule]]:
    """Rules chosen by code prefix or name. With no ``select``, rules enabled by default.

    A rule that is off by default (opt-in) is only chosen when a selector names it by a prefix
    at least as long as its family (``TQ5`` or ``TQ501``), never by ``ALL``.
    """
    rules = all_rules()
    chosen: list[type[Rule]] = []
    for rule in rules:
        if select:
            picked = any(_matches(rule, s) for s in select)
            if picked and not rule.enabled_by_default:
                picked = any(s.strip().upper() != ALL and _matches(rule, s) for s in select)
        else:
            picked = rule.enabled_by_default
        if any(_matches(rule, s) for s in extend_select):
            picked = True
        if any(_matches(rule, s) for s in ignore):
            picked = False
        if picked:
            chosen.append(rule)
    return chosen
