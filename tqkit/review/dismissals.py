"""Dismissed findings, remembered per article in a sidecar file next to it
(``.NAME.tqkit-review.json``), so a dismissal survives quitting without saving."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from tqkit.atomic import atomic_write
from tqkit.findings import Finding

CONTEXT_CHARS = 24
SIDECAR_VERSION = 1
SIDECAR_SUFFIX = ".tqkit-review.json"


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
    return p.with_name(f".{p.name}{SIDECAR_SUFFIX}")


class DismissStore:
    """Dismissed findings of one article, kept in its sidecar file (written atomically on each
    change, so a dismissal survives quitting without saving the article)."""

    def __init__(self, article: str | Path) -> None:
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
        payload = {
            "version": SIDECAR_VERSION,
            "file": self.path.name[1:].removesuffix(SIDECAR_SUFFIX),
            "dismissed": [d.to_json() for d in self.items],
        }
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
