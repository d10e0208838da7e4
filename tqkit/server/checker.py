"""The editor-side engine: findings for an open document, re-checking only changed paragraphs.

The language server keeps one :class:`LiveChecker`. A document is read through its format's
reader (so Markdown code, HTML markup and the like stay masked), split into paragraphs, and the
*paragraph-local* rules run on each paragraph alone; their findings are cached by the paragraph's
text (and masks), so typing in one paragraph of a long article re-checks that paragraph only.
Rules that look across paragraphs (term consistency, the source-aware rules) run on the whole
document every time; they are cheap. Suppression comments and severity overrides are applied
to the merged findings exactly as ``tqkit check`` does (:meth:`tqkit.runner.Engine.check`).

Positions: LSP counts columns in UTF-16 code units by default (an emoji is two), tqkit in code
points. :class:`Positions` converts both ways for any negotiated encoding.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqkit.checks.meta import UnusedSuppression
from tqkit.config import RunOptions, Settings, find_settings
from tqkit.discover import read_source
from tqkit.document import Document, Segment
from tqkit.engine import Engine, engine_for, with_language
from tqkit.errors import InputError, ResourceError
from tqkit.findings import Finding, Span
from tqkit.profiles import AUTO, profile_for
from tqkit.readers import reader_for
from tqkit.registry import Rule
from tqkit.review.edits import shift_finding
from tqkit.ruleoptions import RuleOptions, SourceOptions

UNUSED_SUPPRESSION = UnusedSuppression.code

# Live checking is for articles; a bigger buffer gets one diagnostic saying so.
MAX_LIVE_CHARS = 5_000_000
CACHE_SIZE = 20_000  # paragraphs

# A blank line (starting at a line break: ten times faster to scan for than the white space
# before it, which paragraph_spans trims afterwards).
_PARA_RE = re.compile(r"(?:\r\n|\r|\n)(?:[ \t\x00]*(?:\r\n|\r|\n))+")
_LINE_RE = re.compile(r"\r\n|\r|\n")


def is_document_scope(rule: Rule | type[Rule]) -> bool:
    """Rules whose findings in one paragraph depend on other paragraphs (``Rule.scope``, or a
    source). Every other rule is checked paragraph by paragraph (tests/server/test_checker.py
    checks that this gives the same findings as a whole-document run)."""
    return rule.needs_source or rule.scope == "document"


class Positions:
    """Code-point offsets <-> LSP (line, character) in ``utf-16`` (the default), ``utf-8`` or
    ``utf-32`` units. Lines end at CRLF, CR or LF, as in LSP."""

    def __init__(self, text: str, encoding: str = "utf-16", starts: list[int] | None = None):
        self.text = text
        self.encoding = encoding
        self.starts = starts if starts is not None else line_starts(text)

    def splice(self, start: int, end: int, new: str) -> Positions:
        """The positions of the text with ``[start, end)`` replaced by ``new``, without
        rescanning the unchanged lines (a keystroke in a long article)."""
        text = self.text[:start] + new + self.text[end:]
        # line starts up to the edit stay; those in the edited stretch are found again;
        # those after it move by the change in length (a CRLF split or joined at either end
        # is covered by rescanning one character around the edit)
        lo = max(0, start - 1)
        hi = end + 1
        shift = len(new) - (end - start)
        i = bisect.bisect_right(self.starts, lo)
        j = bisect.bisect_right(self.starts, hi)
        middle = [
            m.end() for m in _LINE_RE.finditer(text, lo, min(len(text), hi + shift + 1)) if lo < m.end() <= hi + shift
        ]
        starts = self.starts[:i] + middle + [s + shift for s in self.starts[j:]]
        return Positions(text, self.encoding, starts)

    def _units(self, s: str) -> int:
        if self.encoding == "utf-32" or s.isascii():
            return len(s)
        if self.encoding == "utf-8":
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, self._units(self.text[self.starts[line] : offset])

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position (clamped to the line, as LSP asks)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        if self.encoding == "utf-32":
            return min(start + max(0, character), end)
        units = 0
        i = start
        while i < end and units < character:
            c = self.text[i]
            units += len(c.encode("utf-8")) if self.encoding == "utf-8" else 2 if ord(c) > 0xFFFF else 1
            i += 1
        return i


@dataclass
class Checked:
    """The findings of one version of a document, and the text they index into."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None
    note: str | None = None
    paragraphs_checked: int = 0  # how many paragraphs were not in the cache


@dataclass(frozen=True)
class ServerConfig:
    """Settings the editor may send (initializationOptions or workspace/didChangeConfiguration)."""

    glossaries: tuple[str, ...] = ()
    source: str | None = None
    source_lang: str | None = None
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    target_lang: str | None = None
    config: str | None = None
    root: str | None = None

    @classmethod
    def from_json(cls, raw: object, root: str | None = None) -> ServerConfig:
        """Accepts ``{"tqkit": {...}}`` or the inner table; unknown keys are ignored."""
        if isinstance(raw, dict) and isinstance(raw.get("tqkit"), dict):
            raw = raw["tqkit"]
        if not isinstance(raw, dict):
            return cls(root=root)

        def strs(key: str) -> tuple[str, ...]:
            v = raw.get(key)
            if isinstance(v, str):
                return (v,)
            if isinstance(v, list):
                return tuple(str(x) for x in v if isinstance(x, str))
            return ()

        def one(key: str) -> str | None:
            v = raw.get(key)
            return v if isinstance(v, str) and v else None

        return cls(
            glossaries=strs("glossary") + strs("glossaries"),
            source=one("source"),
            source_lang=one("sourceLang"),
            select=strs("select"),
            extend_select=strs("extendSelect"),
            ignore=strs("ignore"),
            target_lang=one("targetLang"),
            config=one("config"),
            root=root,
        )

    def resolve(self, p: str) -> str:
        path = Path(p).expanduser()
        if not path.is_absolute() and self.root:
            path = Path(self.root) / path
        return str(path.resolve())

    def run_options(self) -> RunOptions:
        return RunOptions(
            select=self.select or None,
            extend_select=self.extend_select,
            ignore=self.ignore,
            glossaries=tuple(self.resolve(g) for g in self.glossaries) or None,
            target_lang=self.target_lang,
            source=self.resolve(self.source) if self.source else None,
            source_lang=self.source_lang,
            config=self.resolve(self.config) if self.config else None,
            rules=RuleOptions(source=SourceOptions(self.source_lang)),
        )


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_RE.finditer(text))]


def _within(spans: Sequence[Span], lo: int, hi: int) -> tuple[Span, ...]:
    return tuple(Span(max(s.start, lo) - lo, min(s.end, hi) - lo) for s in spans if s.end > lo and s.start < hi)


def paragraph_spans(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for m in _PARA_RE.finditer(text):
        end = m.start()
        while end > pos and text[end - 1] in " \t\x00":
            end -= 1
        if end > pos:
            out.append(Span(pos, end))
        pos = m.end()
    if pos < len(text):
        out.append(Span(pos, len(text)))
    return out


class LiveChecker:
    """Checks documents for the server, with a per-paragraph cache of findings."""

    def __init__(self, config: ServerConfig | None = None):
        self.config = config or ServerConfig()
        # (engine id, paragraph text, masks) -> findings relative to the paragraph start
        self._cache: OrderedDict[tuple[object, ...], tuple[list[Finding], tuple[Span, ...], tuple[Span, ...]]] = (
            OrderedDict()
        )
        # path -> (detected language, text length then): detection reads the whole text, and
        # an article's language does not change while it is edited; detect again after a
        # change of more than a tenth of its length
        self._languages: dict[str, tuple[str, int]] = {}

    def configure(self, config: ServerConfig) -> None:
        self.config = config
        self._cache.clear()
        self._languages.clear()

    def settings(self, path: str) -> tuple[Settings, Engine, RunOptions]:
        options = self.config.run_options()
        settings = options.apply(find_settings(path if Path(path).is_absolute() else "-", options.config))
        return settings, engine_for(settings, options), options

    def check(self, path: str, text: str) -> Checked:
        """Findings for ``text``, the current content of the file at ``path``."""
        if len(text) > MAX_LIVE_CHARS:
            return Checked(
                text,
                note=f"{len(text):,} characters is too long to check while editing "
                f"(limit {MAX_LIVE_CHARS:,}); run `tqkit check` on the file",
            )
        if "\x00" in text:
            return Checked(
                text, error=InputError(path, "looks like a binary file (contains NUL characters); not checked")
            )
        try:
            settings, engine, options = self.settings(path)
            reader = reader_for(path)
            lang = settings.target_lang_for(path)
            doc = (
                reader.read(path, text.encode("utf-8", "surrogatepass"), "utf-8", lang)
                if text
                else Document(path, text, lang)
            )
            source = read_source(options.source, options.source_lang) if options.source else None
            return self._check_doc(doc, source, settings, engine, text)
        except InputError as exc:
            return Checked(text, error=exc)
        except ResourceError as exc:
            return Checked(text, error=InputError(path, str(exc)))

    def _check_doc(
        self, doc: Document, source: Document | None, settings: Settings, engine: Engine, text: str
    ) -> Checked:
        if doc.text != text or doc.given_segments:
            # the reader changed offsets (say, a BOM) or segments are the format's own units:
            # the whole document, as `tqkit check` does it
            findings, _ = engine.check(doc, source)
            return Checked(doc.text, findings)
        # the document's language (given or detected on the whole text) picks the profile
        known = self._languages.get(doc.path)
        if doc.target_lang in ("", AUTO) and known and abs(len(text) - known[1]) * 10 <= max(known[1], 1):
            doc = doc.with_target_lang(known[0])
        elif doc.target_lang in ("", AUTO):
            doc = with_language(doc)
            self._languages[doc.path] = (doc.target_lang, len(text))
        profile = profile_for(doc.target_lang)
        ctx = engine.context(source, profile)
        rules = engine.active_rules(doc, ctx)
        local = [r for r in rules if not is_document_scope(r)]
        whole = [r for r in rules if is_document_scope(r) and r.code != UNUSED_SUPPRESSION]
        raw: list[Finding] = []
        fresh = 0
        # Each paragraph's findings, and its segment and sentence spans, come from the cache
        # when its text was seen before; the document's own ``segments`` and ``sentences``
        # are then assembled from them, so the whole-document rules do not split the whole
        # article into sentences again on every keystroke.
        segments: list[Span] = []
        sentences: list[Span] = []
        for span in paragraph_spans(doc.view):
            para = doc.text[span.start : span.end]
            masked = _within(doc.masked, span.start, span.end)
            blank = _within(doc.blank, span.start, span.end)
            key = (id(engine), profile.code, para, masked, blank)
            hit = self._cache.get(key)
            if hit is None:
                fresh += 1
                sub = Document(doc.path, para, doc.target_lang, doc.source_lang, masked, blank, format=doc.format)
                hit = (
                    [f for r in local for f in r.check(sub, ctx)],
                    tuple(seg.span for seg in sub.segments),
                    sub.sentences,
                )
                self._cache[key] = hit
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
            else:
                self._cache.move_to_end(key)
            found, segs, sents = hit
            raw.extend(shift_finding(f, span.start) for f in found)
            segments.extend(Span(x.start + span.start, x.end + span.start) for x in segs)
            sentences.extend(Span(x.start + span.start, x.end + span.start) for x in sents)
        doc.__dict__["segments"] = tuple(Segment(f"p{i + 1}", x) for i, x in enumerate(segments))
        doc.__dict__["sentences"] = tuple(sentences)
        for r in whole:
            raw.extend(r.check(doc, ctx))
        findings = [replace(f, path=doc.path) if f.path != doc.path else f for f in raw]
        return Checked(doc.text, engine.finish(doc, findings, ctx), paragraphs_checked=fresh)


def covering(findings: Iterable[Finding], start: int, end: int) -> list[Finding]:
    """Findings whose span touches ``[start, end]`` (a cursor position touches its neighbours)."""
    return [f for f in findings if f.span.start <= end and start <= f.span.end]
