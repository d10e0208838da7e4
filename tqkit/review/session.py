"""The review session: the article being cleaned, its findings, undo/redo, dismissals and safe
saving. Pure Python (no Textual): the review app drives it, and the language server reuses its
parts (:mod:`tqkit.review.edits`).

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

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqkit.atomic import atomic_write
from tqkit.document import Document
from tqkit.errors import ChangedOnDiskError, ExternalChangeError, SaveError
from tqkit.findings import Edit, Finding, Span, apply_edits
from tqkit.readers import read_path, reader_for

from .dismissals import Dismissal, DismissStore
from .edits import diff_edits, inverse_edits, map_finding, map_span, safe_fix_edits
from .files import (
    Fingerprint,
    changed_since,
    check_format,
    quick_changed_since,
    take_stamp,
    unencodable_message,
)
from .source import SourceAlignment, SourceExcerpt, align_with_source, source_excerpt

Checker = Callable[[Document, "Document | None"], list[Finding]]

PLAIN_READERS = ("text", "markdown")
STALE = "the text changed under this finding; wait for the re-check"


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
    """One step of the undo history: edits (with their inverse) or a dismissal."""

    label: str
    edits: tuple[Edit, ...] = ()
    inverse: tuple[Edit, ...] = ()
    dismissal: Dismissal | None = None


def default_checker(path: str, glossaries: Sequence[str] | None, source: str | None) -> Checker:
    """The engine as ``tqkit check`` builds it for ``path`` (config found upward from it)."""
    # the engine loads in the checking worker, after the app's first paint
    from tqkit.config import RunOptions
    from tqkit.discover import settings_for
    from tqkit.engine import engine_for

    options = RunOptions(
        glossaries=tuple(str(Path(g).resolve()) for g in glossaries) if glossaries else None, source=source
    )
    settings = settings_for(path, options)
    engine = engine_for(settings, options)

    def check(doc: Document, src: Document | None) -> list[Finding]:
        findings, _ = engine.check(doc, src)
        return findings

    return check


@dataclass
class ReviewSession:
    """One article under review: its text, findings, undo history, dismissals and file state."""

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
        self.reader = reader_for(self.path)
        self.base_doc: Document = read_path(self.path, self.encoding, self.target_lang)
        self.original_bytes = Path(self.path).read_bytes()
        self.fingerprint = Fingerprint.of(self.path)
        self.stamp = take_stamp(self.path)
        self.text = self.base_doc.text
        self.saved_text = self.text
        self.source_doc: Document | None = None
        if self.source_path:
            source_doc = read_path(self.source_path, None, self.target_lang)
            self.source_doc = replace(source_doc, target_lang=source_doc.source_lang or "und")
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

    def span_text(self, item: Item) -> str:
        return self.text[item.finding.span.start : item.finding.span.end]

    # -- checking --------------------------------------------------------------------------

    def document_for(self, text: str) -> Document:
        """A Document of ``text`` read the way the file's reader reads it (masks included)."""
        if self.reader.name in PLAIN_READERS:
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

    def set_findings(
        self, generation: int, text: str, findings: Iterable[Finding], alignment: SourceAlignment | None = None
    ) -> bool:
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
        self.text = apply_edits(self.text, edits)
        self.generation += 1
        kept: list[Item] = []
        for item in self.items:
            cover = map_span(item.cover, edits)
            moved = map_finding(item.finding, edits)
            if cover is not None and moved is not None:
                kept.append(Item(moved, cover, item.expected, item.dismissed))
        self.items = kept
        if self.alignment is not None:
            self.alignment = self.alignment.mapped(edits)

    def _record(self, change: Change) -> Change:
        self.undo_stack.append(change)
        self.redo_stack.clear()
        return change

    def edit(self, edits: Sequence[Edit], label: str) -> Change:
        edits = tuple(sorted(edits, key=lambda e: (e.start, e.end)))
        change = Change(label, edits, inverse_edits(self.text, edits))
        self._apply(edits)
        return self._record(change)

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
            raise ValueError(STALE)
        fix = f.fixes[index]
        return self.edit(fix.edits, f"{f.rule}: {fix.title}")

    def replace_span(self, item: Item, replacement: str) -> Change:
        if not self.is_current(item):
            raise ValueError(STALE)
        return self.edit([Edit(item.finding.span, replacement)], f"edit “{self.span_text(item)}”")

    def _safe_fixes(self) -> tuple[int, tuple[Edit, ...]]:
        return safe_fix_edits(i.finding for i in self.visible() if self.is_current(i))

    def accept_all_safe(self) -> Change | None:
        count, edits = self._safe_fixes()
        if not edits:
            return None
        return self.edit(edits, f"accept {count} safe fix{'es' * (count != 1)}")

    def safe_fix_count(self) -> int:
        return self._safe_fixes()[0]

    def dismiss(self, item: Item) -> Change:
        d = Dismissal.of(item.finding, self.text)
        self.dismissals.add(d)
        self._refresh_dismissed()
        return self._record(Change(f"dismiss {item.finding.rule}", dismissal=d))

    def _refresh_dismissed(self) -> None:
        for item in self.items:
            item.dismissed = self.dismissals.is_dismissed(item.finding, self.text)

    def _replay(self, change: Change, *, forward: bool) -> None:
        if change.dismissal is None:
            self._apply(change.edits if forward else change.inverse)
            return
        if forward:
            self.dismissals.add(change.dismissal)
        else:
            self.dismissals.remove(change.dismissal)
        self._refresh_dismissed()

    def undo(self) -> Change | None:
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        self._replay(change, forward=False)
        self.redo_stack.append(change)
        return change

    def redo(self) -> Change | None:
        if not self.redo_stack:
            return None
        change = self.redo_stack.pop()
        self._replay(change, forward=True)
        self.undo_stack.append(change)
        return change

    # -- source alignment ------------------------------------------------------------------

    def source_excerpt(self, offset: int) -> SourceExcerpt | None:
        """What the source pane shows for a finding at ``offset``: the source paragraph(s)
        aligned with its paragraph, the source sentence(s) aligned with its sentence marked.
        ``None`` without a source document."""
        if self.source_doc is None:
            return None
        return source_excerpt(self.source_doc, self.alignment, offset)

    # -- saving ----------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        return changed_since(self.path, self.fingerprint)

    def quick_changed_on_disk(self) -> bool:
        """Cheap poll: stat only (hash only when mtime or size moved)."""
        return quick_changed_since(self.path, self.fingerprint)

    def encoded(self) -> bytes:
        return self.reader.write(self.base_doc, diff_edits(self.base_doc.text, self.text))

    @property
    def backup_path(self) -> Path:
        return Path(self.path + ".bak")

    def _forget_history(self) -> None:
        """After a reload or a normalising save: the findings and undo steps index old text."""
        self.generation += 1
        self.items = []
        self.alignment = None
        self.undo_stack.clear()
        self.redo_stack.clear()

    def _encode_for_save(self) -> bytes:
        try:
            return self.encoded()
        except UnicodeEncodeError as exc:
            encoding = self.base_doc.encoding or exc.encoding
            raise SaveError(unencodable_message(self.path, self.text, encoding, exc)) from exc

    def save(self, target: str | None = None, *, force: bool = False) -> str:
        """Write the article atomically; returns the path written."""
        dest = target or self.path
        same = os.path.abspath(dest) == os.path.abspath(self.path)
        if not same:
            check_format(self.reader, self.path, dest)
        if same and not force and self.changed_on_disk():
            raise ExternalChangeError(f"{self.path}: changed on disk since it was opened")
        data = self._encode_for_save()
        if same and not self.backup_done and Path(self.path).exists():
            atomic_write(self.backup_path, self.original_bytes)
            self.backup_done = True
        try:  # the same compare-and-swap as `check --fix`: check and rename are one step
            atomic_write(dest, data, expected=self.stamp if same and not force else None, readonly_ok=force)
        except ChangedOnDiskError as exc:
            raise ExternalChangeError(str(exc)) from None
        if not same:
            self.path = dest
            self.reader = reader_for(dest)
            self.dismissals.move_to(dest)
            self.backup_done = True  # a new file: nothing to back up
        self._saved(data)
        return dest

    def _saved(self, data: bytes) -> None:
        self.base_doc = self.reader.read(
            self.path, data, self.base_doc.encoding if self.encoding else None, self.target_lang
        )
        self.fingerprint = Fingerprint.of(self.path)
        self.stamp = take_stamp(self.path)
        if self.base_doc.text != self.text:  # the writer normalised line endings in new text
            self.text = self.base_doc.text
            self._forget_history()
        self.saved_text = self.text

    def reload(self) -> None:
        """Re-read the file from disk, dropping unsaved changes (the undo history goes too)."""
        self.base_doc = read_path(self.path, self.encoding, self.target_lang)
        self.original_bytes = Path(self.path).read_bytes()
        self.fingerprint = Fingerprint.of(self.path)
        self.stamp = take_stamp(self.path)
        self.text = self.saved_text = self.base_doc.text
        self._forget_history()
        self.backup_done = False
        self.dismissals.load()
