"""Inline suppressions, in Markdown and plain text alike.

``<!-- tqkit: ignore TQ201 TQ3 -->``  silences those rules (codes, prefixes or names, as :mod:`tqkit.selectors`
reads them; none = all rules)
in the next paragraph. ``<!-- tqkit: off -->`` ... ``<!-- tqkit: on -->`` silences every rule in
between (to the end of the file when ``on`` never comes). A suppression that silences nothing
is reported by TQ901.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tqkit.document import Document
from tqkit.findings import Finding, Span
from tqkit.selectors import matches_any

DIRECTIVE_RE = re.compile(r"<!--\s*tqkit:\s*(?P<verb>ignore|off|on)\b(?P<args>[^>]*?)\s*-->", re.I)
_CODE_RE = re.compile(r"[A-Za-z][\w-]*")


@dataclass
class Suppression:
    comment: Span
    region: Span
    codes: tuple[str, ...]  # empty: every rule
    kind: str  # "ignore" | "off"
    used: bool = field(default=False)

    def covers(self, finding: Finding) -> bool:
        if not (self.region.start <= finding.span.start < max(self.region.end, self.region.start + 1)):
            return False
        if not self.codes:
            return True
        return matches_any(self.codes, finding.rule, finding.name)


def find_suppressions(doc: Document) -> list[Suppression]:
    text = doc.text
    if "tqkit" not in text:
        return []
    out: list[Suppression] = []
    off_start: Span | None = None
    segments = doc.segments
    code = doc.code_spans
    for m in DIRECTIVE_RE.finditer(text):
        if any(c.start <= m.start() < c.end for c in code):
            continue  # an example inside a code block, not a directive
        verb = m.group("verb").lower()
        comment = Span(m.start(), m.end())
        if verb == "ignore":
            codes = tuple(c.group() for c in _CODE_RE.finditer(m.group("args")))
            nxt = next((s for s in segments if s.span.start >= comment.end), None)
            region = nxt.span if nxt else Span(comment.end, comment.end)
            out.append(Suppression(comment, region, codes, "ignore"))
        elif verb == "off":
            if off_start is None:
                off_start = comment
        elif verb == "on" and off_start is not None:
            out.append(Suppression(off_start, Span(off_start.end, comment.start), (), "off"))
            off_start = None
    if off_start is not None:
        out.append(Suppression(off_start, Span(off_start.end, len(text)), (), "off"))
    return out


def apply_suppressions(findings: Iterable[Finding], suppressions: list[Suppression]) -> list[Finding]:
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for s in suppressions:
            if s.covers(f):
                s.used = True
                hit = True
        if not hit:
            kept.append(f)
    return kept
