"""The review session: the article being cleaned, its findings, undo/redo, dismissals and safe
saving. Pure Python (no Textual), so the app stays thin and the logic is testable on its own.

Never losing text:

* edits are applied to ``text`` (the current article text) and recorded with their inverse, so
  every change can be undone and redone;
* saving writes through the file's own reader (``reader.write(doc, edits)``), so encoding, BOM,
  line endings and untouched structure survive, and goes through :func:`tqkit.atomic.atomic_write`
  (temporary file + rename: a crash leaves the old or the new file, whole);
* the first save of a session keeps the bytes as opened in ``FILE.bak``;
* the file's fingerprint (mtime, size, SHA-256) is taken when opened and saved; a save over a
  file that changed on disk since is refused with :class:`ExternalChangeError` unless forced.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqkit.atomic import ChangedOnDiskError, Stamp, WriteError, atomic_write, stamp_of
from tqkit.document import Document
from tqkit.findings import Edit, Finding, Fix, Span, apply_edits

Checker = Callable[[Document, "Document | None"], list[Finding]]

CONTEXT_CHARS = 24
SIDECAR_VERSION = 1


class ExternalChangeError(Exception):
    """The file changed on disk since it was opened or last saved."""


class SaveError(ValueError):
    """The article cannot be written as it stands (e.g. a character its encoding lacks)."""


# -- positions through edits ---------------------------------------------------------------


def map_span(span: Span, edits: Sequence[Edit]) -> Span | None:
    """Where ``span`` of the old text is in the text after ``edits``; ``None`` when an edit
    touches the text it covers (or inserts inside it)."""
    delta = 0
    for e in sorted(edits, key=lambda x: (x.start, x.end)):
        grow = len(e.replacement) - (e.end - e.start)
        if e.start == e.end:  # an insertion at a point
            if e.start < span.start or (e.start == span.start and len(span)):
                delta += grow
            elif e.start > span.end or (e.start == span.end and len(span)):
                continue
            else:
                return None
        elif e.end <= span.start:
            delta += grow
        elif e.start >= span.end:
            continue
        else:
            return None
    return Span(span.start + delta, span.end + delta)


def map_fix(fix: Fix, edits: Sequence[Edit]) -> Fix | None:
    moved: list[Edit] = []
    for e in fix.edits:
        span = map_span(e.span, edits)
        if span is None:
            return None
        moved.append(Edit(span, e.replacement))
    return Fix(fix.title, tuple(moved), fix.safe)


def inverse_edits(text: str, edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """Edits that turn ``apply_edits(text, edits)`` back into ``text``."""
    out: list[Edit] = []
    delta = 0
    for e in sorted(edits, key=lambda x: (x.start, x.end)):
        start = e.start + delta
        out.append(Edit(Span(start, start + len(e.replacement)), text[e.start : e.end]))
        delta += len(e.replacement) - (e.end - e.start)
    return tuple(out)


def diff_edits(old: str, new: str) -> list[Edit]:
    """Small edits turning ``old`` into ``new``: a line diff, each hunk trimmed to the characters
    that differ (so unchanged line breaks are never rewritten)."""
    if old == new:
        return []
    # common prefix and suffix first: most sessions change a few places
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    q = 0
    while q < limit - p and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    a_mid, b_mid = old[p : len(old) - q], new[p : len(new) - q]
    a_lines = a_mid.splitlines(keepends=True)
    b_lines = b_mid.splitlines(keepends=True)
    if len(a_lines) <= 1 or len(b_lines) <= 1:
        return _token_edits(a_mid, b_mid, p)
    a_off = [0]
    for line in a_lines:
        a_off.append(a_off[-1] + len(line))
    b_off = [0]
    for line in b_lines:
        b_off.append(b_off[-1] + len(line))
    edits: list[Edit] = []
    sm = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        a_chunk = a_mid[a_off[i1] : a_off[i2]]
        b_chunk = b_mid[b_off[j1] : b_off[j2]]
        s = 0
        lim = min(len(a_chunk), len(b_chunk))
        while s < lim and a_chunk[s] == b_chunk[s]:
            s += 1
        t = 0
        while t < lim - s and a_chunk[len(a_chunk) - 1 - t] == b_chunk[len(b_chunk) - 1 - t]:
            t += 1
        edits.extend(_token_edits(a_chunk[s : len(a_chunk) - t], b_chunk[s : len(b_chunk) - t], p + a_off[i1] + s))
    return edits


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_TOKEN_DIFF_LIMIT = 200_000  # characters; longer hunks stay one edit (the word diff would be slow)


def _token_edits(old: str, new: str, offset: int) -> list[Edit]:
    """Edits turning ``old`` (at ``offset`` in the full text) into ``new``, one per run of
    changed words, so two fixes in one paragraph stay two edits: a DOCX or HTML writer then
    keeps the runs and markup between them instead of rewriting everything in between."""
    if old == new:
        return []
    if not old or not new or len(old) + len(new) > _TOKEN_DIFF_LIMIT:
        return [Edit(Span(offset, offset + len(old)), new)]
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    a_off = [0]
    for tok in a:
        a_off.append(a_off[-1] + len(tok))
    b_off = [0]
    for tok in b:
        b_off.append(b_off[-1] + len(tok))
    out: list[Edit] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag != "equal":
            out.append(Edit(Span(offset + a_off[i1], offset + a_off[i2]), new[b_off[j1] : b_off[j2]]))
    return out


# -- dismissals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dismissal:
    """A dismissed finding, remembered by rule, the text it covered and a little context on each
    side; it matches again when the rule and text are the same and either side of the context
    still matches, so edits elsewhere (or on one side) do not resurrect it."""

    rule: str
    text: str
    before: str
    after: str

    @classmethod
    def of(cls, finding: Finding, text: str) -> Dismissal:
        s, e = finding.span.start, finding.span.end
        return cls(finding.rule, text[s:e], text[max(0, s - CONTEXT_CHARS) : s], text[e : e + CONTEXT_CHARS])

    def matches(self, finding: Finding, text: str) -> bool:
        s, e = finding.span.start, finding.span.end
        if finding.rule != self.rule or text[s:e] != self.text:
            return False
        before_ok = text[max(0, s - len(self.before)) : s] == self.before
        after_ok = text[e : e + len(self.after)] == self.after
        return before_ok or after_ok

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text, "before": self.before, "after": self.after}


def sidecar_path(path: str | Path) -> Path:
    """``dir/.NAME.tqkit-review.json`` for ``dir/NAME``."""
    p = Path(path)
    return p.with_name(f".{p.name}.tqkit-review.json")


class DismissStore:
    """Dismissed findings of one article, kept in its sidecar file (written atomically on each
    change, so a dismissal survives quitting without saving the article)."""

    def __init__(self, article: str | Path):
        self.path = sidecar_path(article)
        self.items: list[Dismissal] = []
        self.error: str | None = None
        self.load()

    def load(self) -> None:
        self.items = []
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            for raw in data.get("dismissed", []):
                self.items.append(
                    Dismissal(str(raw["rule"]), str(raw["text"]), str(raw.get("before", "")), str(raw.get("after", "")))
                )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self.error = f"{self.path}: cannot read dismissals ({exc}); starting with none"
            self.items = []

    def save(self) -> None:
        if not self.items:
            # nothing dismissed: no sidecar (an undo of the last dismissal removes it)
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        payload = {"version": SIDECAR_VERSION, "file": self.path.name[1:].removesuffix(".tqkit-review.json"),
                   "dismissed": [d.to_json() for d in self.items]}
        data = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        atomic_write(self.path, data)

    def add(self, d: Dismissal) -> None:
        if d not in self.items:
            self.items.append(d)
            self.save()

    def remove(self, d: Dismissal) -> None:
        if d in self.items:
            self.items.remove(d)
            self.save()

    def is_dismissed(self, finding: Finding, text: str) -> bool:
        return any(d.matches(finding, text) for d in self.items)

    def move_to(self, article: str | Path) -> None:
        self.path = sidecar_path(article)
        if self.items:
            self.save()


# -- the session ---------------------------------------------------------------------------


@dataclass
class Item:
    """A finding as the UI holds it: ``cover`` spans the finding and all its fixes; ``expected``
    is the text there when it was checked, compared again before a fix is applied."""

    finding: Finding
    cover: Span
    expected: str
    dismissed: bool = False

    @classmethod
    def of(cls, finding: Finding, text: str, dismissed: bool = False) -> Item:
        starts = [finding.span.start] + [e.start for fx in finding.fixes for e in fx.edits]
        ends = [finding.span.end] + [e.end for fx in finding.fixes for e in fx.edits]
        cover = Span(min(starts), max(ends))
        return cls(finding, cover, text[cover.start : cover.end], dismissed)


@dataclass
class Change:
    label: str
    edits: tuple[Edit, ...] = ()
    inverse: tuple[Edit, ...] = ()
    dismissal: Dismissal | None = None


@dataclass
class Fingerprint:
    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: str | Path) -> Fingerprint | None:
        try:
            st = os.stat(path)
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, digest)


def _stamp(path: str | Path) -> Stamp | None:
    """The compare-and-swap stamp of the file (``None`` when it cannot be taken)."""
    try:
        return stamp_of(path)
    except WriteError:
        return None


def map_point(offset: int, edits: Sequence[Edit]) -> int:
    """Where ``offset`` of the old text is after ``edits``; a point inside a replaced range goes
    to the end of its replacement (so a span mapped point by point never turns inside out)."""
    delta = 0
    for e in sorted(edits, key=lambda x: (x.start, x.end)):
        if e.end <= offset and not (e.start == e.end == offset):
            delta += len(e.replacement) - (e.end - e.start)
        elif e.start < offset:
            return e.start + delta + len(e.replacement)
        else:
            break
    return offset + delta


@dataclass(frozen=True)
class SourceLink:
    """One sentence bead of the alignment: target sentence(s) of the article, the source
    sentence(s) aligned with them (none for an added sentence) and the source paragraph(s) of
    the paragraph bead they belong to (spans into the source document's text)."""

    target: Span
    target_id: str
    sources: tuple[Span, ...]
    source_ids: tuple[str, ...]
    paragraphs: tuple[Span, ...]
    paragraph_ids: tuple[str, ...]


@dataclass
class SourceAlignment:
    """The sentence alignment of one version of the article with its source, computed once per
    version in the checking worker. ``links`` are in target order."""

    links: list[SourceLink]
    error: str | None = None

    def at(self, offset: int) -> SourceLink | None:
        """The link of the target sentence containing ``offset`` (the last one starting at or
        before it, so a finding between sentences belongs to the sentence before)."""
        starts = [link.target.start for link in self.links]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return self.links[0] if self.links else None
        return self.links[i]

    def mapped(self, edits: Sequence[Edit]) -> SourceAlignment:
        """The same alignment with its target spans carried through ``edits``."""
        links = [
            SourceLink(Span(map_point(lk.target.start, edits), map_point(lk.target.end, edits)),
                       lk.target_id, lk.sources, lk.source_ids, lk.paragraphs, lk.paragraph_ids)
            for lk in self.links
        ]
        return SourceAlignment(links, self.error)


def align_with_source(source: Document, doc: Document) -> SourceAlignment:
    """Sentence alignment of ``doc`` with ``source`` (tqkit.align); never raises: a failure
    comes back as an empty alignment with ``error`` set."""
    try:
        from tqkit.align import AlignmentError, paragraph_beads

        beads = paragraph_beads(source, doc)
    except AlignmentError as exc:
        return SourceAlignment([], str(exc))
    except Exception as exc:  # a failing aligner must not take the editor down
        return SourceAlignment([], f"alignment failed: {exc}")
    links: list[SourceLink] = []
    for para in beads:
        p_spans = tuple(u.segment.span for u in para.source)
        p_ids = tuple(u.segment.id for u in para.source)
        for bead in para.children:
            if not bead.target:
                continue
            first, last = bead.target[0].segment, bead.target[-1].segment
            links.append(SourceLink(
                Span(first.span.start, last.span.end),
                "+".join(u.segment.id for u in bead.target),
                tuple(u.segment.span for u in bead.source),
                tuple(u.segment.id for u in bead.source),
                p_spans,
                p_ids,
            ))
    links.sort(key=lambda lk: (lk.target.start, lk.target.end))
    return SourceAlignment(links)


@dataclass(frozen=True)
class SourceExcerpt:
    """What the source pane shows for a finding: a title, the source paragraph(s) as pieces of
    text with the aligned sentence(s) marked, and a note when something is missing."""

    title: str
    pieces: tuple[tuple[str, bool], ...]
    note: str | None = None

    @property
    def marked(self) -> str:
        """The marked source text (the aligned sentences), for tests and screen readers."""
        return " ".join(" ".join(t.split()) for t, hi in self.pieces if hi)


def _sentence_label(ids: Sequence[str]) -> str:
    """``("p2.s2", "p2.s3")`` -> ``"¶2 sentences 2–3"``; several paragraphs joined with "+"."""
    by_para: dict[str, list[str]] = {}
    for sid in ids:
        para, _, sent = sid.partition(".s")
        by_para.setdefault(para.removeprefix("p"), []).append(sent)
    parts = []
    for para, sents in by_para.items():
        if len(sents) == 1:
            parts.append(f"¶{para}, sentence {sents[0]}")
        else:
            parts.append(f"¶{para}, sentences {sents[0]}–{sents[-1]}")
    return " + ".join(parts)


def _para_label(ids: Sequence[str]) -> str:
    return "+".join("¶" + i.removeprefix("p") for i in ids)


def default_checker(path: str, glossaries: Sequence[str] | None, source: str | None) -> Checker:
    """The engine as ``tqkit check`` builds it for ``path`` (config found upward from it)."""
    from tqkit.config import RunOptions
    from tqkit.runner import engine_for, settings_for

    options = RunOptions(glossaries=tuple(str(Path(g).resolve()) for g in glossaries) if glossaries else None,
                         source=source)
    settings = settings_for(path, options)
    engine = engine_for(settings, options)

    def check(doc: Document, src: Document | None) -> list[Finding]:
        findings, _ = engine.check(doc, src)
        return findings

    return check


@dataclass
class ReviewSession:
    path: str
    source_path: str | None = None
    glossaries: tuple[str, ...] = ()
    encoding: str | None = None
    target_lang: str = "en"
    checker: Checker | None = None

    text: str = field(init=False, default="")
    items: list[Item] = field(init=False, default_factory=list)
    generation: int = field(init=False, default=0)
    checked_generation: int = field(init=False, default=-1)
    undo_stack: list[Change] = field(init=False, default_factory=list)
    redo_stack: list[Change] = field(init=False, default_factory=list)
    saved_text: str = field(init=False, default="")
    backup_done: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        from tqkit.readers import read_path, reader_for

        self.reader = reader_for(self.path)
        self.base_doc: Document = read_path(self.path, self.encoding, self.target_lang)
        self.original_bytes = Path(self.path).read_bytes()
        self.fingerprint = Fingerprint.of(self.path)
        self.stamp = _stamp(self.path)
        self.text = self.base_doc.text
        self.saved_text = self.text
        self.source_doc: Document | None = None
        if self.source_path:
            self.source_doc = read_path(self.source_path, None, self.target_lang)
            self.source_doc.target_lang = self.source_doc.source_lang or "und"
        # The sentence alignment with the source, computed with the checks (never on the UI
        # thread); carried through edits until the next check replaces it.
        self.alignment: SourceAlignment | None = None
        self.dismissals = DismissStore(self.path)

    # -- state -----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.text != self.saved_text

    @property
    def stale(self) -> bool:
        """True while the findings are mapped from an older text and a check is pending."""
        return self.checked_generation != self.generation

    def visible(self) -> list[Item]:
        return [i for i in self.items if not i.dismissed]

    # -- checking --------------------------------------------------------------------------

    def document_for(self, text: str) -> Document:
        """A Document of ``text`` read the way the file's reader reads it (masks included)."""
        name = getattr(self.reader, "name", "")
        if name in ("text", "markdown"):
            doc = self.reader.read(self.path, text.encode("utf-8"), "utf-8", self.target_lang)
        else:
            try:
                data = self.reader.write(self.base_doc, diff_edits(self.base_doc.text, text))
                doc = self.reader.read(self.path, data, self.base_doc.encoding, self.target_lang)
            except Exception:
                doc = Document(self.path, text, self.target_lang)
        if doc.text != text:
            doc = Document(self.path, text, self.target_lang)
        return doc

    def run_checks(self, text: str, doc: Document | None = None) -> list[Finding]:
        """Run the checks on ``text`` (called from a worker thread: touches no session state)."""
        if self.checker is None:
            self.checker = default_checker(self.path, self.glossaries or None, self.source_path)
        if doc is None:
            doc = self.document_for(text)
        return sorted(self.checker(doc, self.source_doc), key=lambda f: (f.span.start, f.span.end, f.rule))

    def analyse(self, text: str) -> tuple[list[Finding], SourceAlignment | None]:
        """The findings of ``text`` and, with a source, its sentence alignment (worker thread:
        touches no session state)."""
        doc = self.document_for(text)
        findings = self.run_checks(text, doc)
        alignment = align_with_source(self.source_doc, doc) if self.source_doc is not None else None
        return findings, alignment

    def set_findings(self, generation: int, text: str, findings: Iterable[Finding],
                     alignment: SourceAlignment | None = None) -> bool:
        """Adopt the result of a check of ``text`` (and its alignment with the source, when
        given); ignored (False) when the text changed since."""
        if generation != self.generation or text != self.text:
            return False
        self.items = [Item.of(f, text, self.dismissals.is_dismissed(f, text)) for f in findings]
        if alignment is not None:
            self.alignment = alignment
        self.checked_generation = generation
        return True

    def check_now(self) -> None:
        """Synchronous check and alignment (tests, benchmarks)."""
        findings, alignment = self.analyse(self.text)
        self.set_findings(self.generation, self.text, findings, alignment)

    # -- changing the text -----------------------------------------------------------------

    def _apply(self, edits: Sequence[Edit]) -> None:
        before = self.text
        self.text = apply_edits(before, edits)
        self.generation += 1
        kept: list[Item] = []
        for item in self.items:
            cover = map_span(item.cover, edits)
            span = map_span(item.finding.span, edits)
            if cover is None or span is None:
                continue
            fixes = tuple(fx for fx in (map_fix(f, edits) for f in item.finding.fixes) if fx is not None)
            f = item.finding
            moved = Finding(f.rule, f.name, span, f.severity, f.category, f.message, fixes, f.path, f.data)
            kept.append(Item(moved, cover, item.expected, item.dismissed))
        self.items = kept
        if self.alignment is not None:
            self.alignment = self.alignment.mapped(edits)

    def edit(self, edits: Sequence[Edit], label: str) -> Change:
        edits = tuple(sorted(edits, key=lambda e: (e.start, e.end)))
        change = Change(label, edits, inverse_edits(self.text, edits))
        self._apply(edits)
        self.undo_stack.append(change)
        self.redo_stack.clear()
        return change

    def is_current(self, item: Item) -> bool:
        """The text the finding was computed on is still there (never apply a stale fix)."""
        c = item.cover
        return c.end <= len(self.text) and self.text[c.start : c.end] == item.expected

    def accept(self, item: Item, index: int = 0) -> Change:
        f = item.finding
        if not f.fixes:
            raise ValueError(f"{f.rule}: no suggested fix")
        if not 0 <= index < len(f.fixes):
            raise ValueError(f"{f.rule}: there is no suggestion {index + 1}")
        if not self.is_current(item):
            raise ValueError("the text changed under this finding; wait for the re-check")
        fix = f.fixes[index]
        return self.edit(fix.edits, f"{f.rule}: {fix.title}")

    def replace_span(self, item: Item, replacement: str) -> Change:
        if not self.is_current(item):
            raise ValueError("the text changed under this finding; wait for the re-check")
        return self.edit([Edit(item.finding.span, replacement)], f"edit “{self.span_text(item)}”")

    def accept_all_safe(self) -> Change | None:
        from tqkit.runner import chosen_fixes, non_overlapping

        pairs = chosen_fixes([i.finding for i in self.visible() if self.is_current(i)], unsafe=False)
        edits = non_overlapping(pairs)
        if not edits:
            return None
        return self.edit(edits, f"accept {len(pairs)} safe fix{'es' * (len(pairs) != 1)}")

    def safe_fix_count(self) -> int:
        from tqkit.runner import chosen_fixes

        return len(chosen_fixes([i.finding for i in self.visible() if self.is_current(i)], unsafe=False))

    def dismiss(self, item: Item) -> Change:
        d = Dismissal.of(item.finding, self.text)
        self.dismissals.add(d)
        self._refresh_dismissed()
        change = Change(f"dismiss {item.finding.rule}", dismissal=d)
        self.undo_stack.append(change)
        self.redo_stack.clear()
        return change

    def _refresh_dismissed(self) -> None:
        for item in self.items:
            item.dismissed = self.dismissals.is_dismissed(item.finding, self.text)

    def undo(self) -> Change | None:
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        if change.dismissal is not None:
            self.dismissals.remove(change.dismissal)
            self._refresh_dismissed()
        else:
            self._apply(change.inverse)
        self.redo_stack.append(change)
        return change

    def redo(self) -> Change | None:
        if not self.redo_stack:
            return None
        change = self.redo_stack.pop()
        if change.dismissal is not None:
            self.dismissals.add(change.dismissal)
            self._refresh_dismissed()
        else:
            self._apply(change.edits)
        self.undo_stack.append(change)
        return change

    def span_text(self, item: Item) -> str:
        return self.text[item.finding.span.start : item.finding.span.end]

    # -- source alignment ------------------------------------------------------------------

    def source_excerpt(self, offset: int) -> SourceExcerpt | None:
        """What the source pane shows for a finding at ``offset``: the source paragraph(s)
        aligned with its paragraph, the source sentence(s) aligned with its sentence marked.
        ``None`` without a source document."""
        src = self.source_doc
        if src is None:
            return None
        if self.alignment is None:
            return SourceExcerpt("Source", (), "aligning…")
        if self.alignment.error:
            return SourceExcerpt("Source", (), f"cannot align with the source: {self.alignment.error}")
        link = self.alignment.at(offset)
        if link is None:
            return SourceExcerpt("Source", (), "no aligned source paragraph")
        if not link.paragraphs:
            return SourceExcerpt("Source", (), "no aligned source paragraph (added in the translation?)")
        pieces: list[tuple[str, bool]] = []
        marks: list[Span] = []
        for sp in sorted(link.sources, key=lambda sp: sp.start):
            if marks and not src.text[marks[-1].end : sp.start].strip():
                marks[-1] = Span(marks[-1].start, sp.end)  # merged sentences: one mark
            else:
                marks.append(sp)
        for n, para in enumerate(link.paragraphs):
            if n:
                pieces.append(("\n", False))
            pos = para.start
            for m in marks:
                start, end = max(m.start, para.start), min(m.end, para.end)
                if start >= end:
                    continue
                if start > pos:
                    pieces.append((src.text[pos:start], False))
                pieces.append((src.text[start:end], True))
                pos = end
            if pos < para.end:
                pieces.append((src.text[pos:para.end], False))
        if link.source_ids:
            title = f"Source {_sentence_label(link.source_ids)}"
            note = None
        else:
            title = f"Source {_para_label(link.paragraph_ids)}"
            note = "no aligned source sentence (added in the translation?)"
        return SourceExcerpt(title, tuple(pieces), note)

    # -- saving ----------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        now = Fingerprint.of(self.path)
        if now is None or self.fingerprint is None:
            return now != self.fingerprint
        if (now.mtime_ns, now.size) == (self.fingerprint.mtime_ns, self.fingerprint.size):
            return False
        return now.sha256 != self.fingerprint.sha256

    def quick_changed_on_disk(self) -> bool:
        """Cheap poll: stat only (hash only when mtime or size moved)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return self.fingerprint is not None
        if self.fingerprint and (st.st_mtime_ns, st.st_size) == (self.fingerprint.mtime_ns, self.fingerprint.size):
            return False
        return self.changed_on_disk()

    def encoded(self) -> bytes:
        return self.reader.write(self.base_doc, diff_edits(self.base_doc.text, self.text))

    def _check_format(self, dest: str) -> None:
        """Save as keeps the format: the bytes are the original reader's (plain text and
        Markdown are interchangeable)."""
        from tqkit.readers import reader_for

        plain = {"text", "markdown"}
        have = getattr(self.reader, "name", "")
        want = getattr(reader_for(dest), "name", "")
        if have != want and not {have, want} <= plain:
            suffix = Path(self.path).suffix or "(none)"
            raise SaveError(f"{dest}: cannot save a {have} file as {want}: keep the {suffix} suffix")

    def _unencodable(self, exc: UnicodeEncodeError) -> str:
        """One line naming the first character the file's encoding cannot hold, and where."""
        encoding = self.base_doc.encoding or exc.encoding
        for offset, ch in enumerate(self.text):
            try:
                ch.encode(encoding)
            except (UnicodeEncodeError, LookupError):
                line, col = Document(self.path, self.text).position(offset)
                return (f"{self.path}:{line}:{col}: cannot save: “{ch}” (U+{ord(ch):04X}) has no "
                        f"{encoding} encoding; replace it and save again")
        return f"{self.path}: cannot save in {encoding}: {exc.reason}"

    @property
    def backup_path(self) -> Path:
        return Path(self.path + ".bak")

    def save(self, target: str | None = None, *, force: bool = False) -> str:
        """Write the article atomically; returns the path written."""
        dest = target or self.path
        same = os.path.abspath(dest) == os.path.abspath(self.path)
        if not same:
            self._check_format(dest)
        if same and not force and self.changed_on_disk():
            raise ExternalChangeError(f"{self.path}: changed on disk since it was opened")
        try:
            data = self.encoded()
        except UnicodeEncodeError as exc:
            raise SaveError(self._unencodable(exc)) from exc
        if same and not self.backup_done and Path(self.path).exists():
            atomic_write(self.backup_path, self.original_bytes)
            self.backup_done = True
        try:  # the same compare-and-swap as `check --fix`: check and rename are one step
            atomic_write(dest, data, expected=self.stamp if same and not force else None,
                         readonly_ok=force)
        except ChangedOnDiskError as exc:
            raise ExternalChangeError(str(exc)) from None
        if not same:
            from tqkit.readers import reader_for

            self.path = dest
            self.reader = reader_for(dest)
            self.dismissals.move_to(dest)
            self.backup_done = True  # a new file: nothing to back up
        self.base_doc = self.reader.read(self.path, data, self.base_doc.encoding if self.encoding else None,
                                         self.target_lang)
        self.fingerprint = Fingerprint.of(self.path)
        self.stamp = _stamp(self.path)
        if self.base_doc.text != self.text:  # the writer normalised line endings in new text
            self.text = self.base_doc.text
            self.generation += 1
            self.items = []
            self.alignment = None
            self.undo_stack.clear()
            self.redo_stack.clear()
        self.saved_text = self.text
        return dest

    def reload(self) -> None:
        """Re-read the file from disk, dropping unsaved changes (the undo history goes too)."""
        from tqkit.readers import read_path

        self.base_doc = read_path(self.path, self.encoding, self.target_lang)
        self.original_bytes = Path(self.path).read_bytes()
        self.fingerprint = Fingerprint.of(self.path)
        self.stamp = _stamp(self.path)
        self.text = self.saved_text = self.base_doc.text
        self.generation += 1
        self.items = []
        self.alignment = None
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.backup_done = False
        self.dismissals.load()
