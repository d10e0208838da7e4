"""The detail pane: the current finding's rule, message and suggestions (each fix as before
and after lines), and the rule's documentation on request."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tqkit.document import Document
from tqkit.findings import Fix
from tqkit.review.excerpts import fix_preview
from tqkit.review.session import Item, ReviewSession

from .styles import SEVERITY_STYLE

COMPACT_HEIGHT = 32  # below this screen height only the first suggestion shows its lines
MAX_SUGGESTIONS = 9


def rule_doc(code: str) -> str:
    """The rule's documentation as plain text, one line per paragraph (the pane wraps it once,
    to its own width)."""
    # the registry and the check command load on the first `d`, not before the first paint
    from tqkit.commands.rules import plain_text
    from tqkit.registry import get_rule

    try:
        rule = get_rule(code)
    except KeyError:
        return f"{code}: no documentation."
    doc = plain_text(rule.doc() or rule.summary() or f"{code}: no documentation.")
    return "\n\n".join(" ".join(par.split()) for par in doc.split("\n\n"))


def fix_lines(n: int, fix: Fix, text: str, stale: bool) -> list[Content]:
    """Suggestion ``n``: its title, then the line as it is and as the fix leaves it."""
    preview = fix_preview(text, fix)
    old_parts: list[Content] = [Content(preview.before)]
    new_parts: list[Content] = [Content(preview.before)]
    for same, old, new in preview.changes:
        if same:
            old_parts.append(Content(same))
            new_parts.append(Content(same))
        old_parts.append(Content.styled(old, "strike bold $error"))
        new_parts.append(Content.styled(new, "bold $success"))
    old_parts.append(Content(preview.after))
    new_parts.append(Content(preview.after))
    safe = " safe" if fix.safe else ""
    title = Content.assemble(
        (f" {n} ", "bold reverse $accent"),
        " ",
        (fix.title, "bold"),
        (safe, "$success"),
        (" (stale)" if stale else "", "$warning"),
    )
    return [
        title,
        Content.assemble(("   − ", "$error"), *old_parts),
        Content.assemble(("   + ", "$success"), *new_parts),
    ]


def placeholder(session: ReviewSession, shown: int, checking: bool) -> str:
    """What the pane says when no finding is selected."""
    if checking or session.stale:
        return "Checking…"
    if not session.items:
        return "No findings. Press ? for help, q to quit."
    if not shown:
        return "No findings match the filter (f to change it)."
    return "Press n for the first finding."


class DetailPane(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static(id="detail-text")

    def show_nothing(self, message: str) -> None:
        self.query_one("#detail-text", Static).update(Content(message))

    def show(self, session: ReviewSession, item: Item, *, compact: bool, docs: bool) -> None:
        f = item.finding
        line, col = Document(session.path, session.text).position(min(f.span.start, len(session.text)))
        head = Content.assemble(
            (f" {f.severity.label.upper()} ", f"bold reverse {SEVERITY_STYLE[f.severity]}"),
            " ",
            (f"{f.rule} {f.name}", "bold"),
            (f"  {f.category.value}  line {line}:{col}", "$text-muted"),
            ("  (dismissed)" if item.dismissed else "", "italic $text-muted"),
        )
        parts: list[Content] = [head, Content(f.message)]
        stale = not session.is_current(item)
        if f.fixes:
            parts.append(Content.styled("Suggestions (enter/a: 1, or press its number):", "bold"))
            # on a short screen only the first suggestion shows its before/after lines, so
            # every suggestion's title fits
            for n, fix in enumerate(f.fixes[:MAX_SUGGESTIONS], 1):
                lines = fix_lines(n, fix, session.text, stale)
                parts.extend(lines[:1] if compact and n > 1 else lines)
        else:
            parts.append(Content.styled("No suggested fix: e edits the text, x dismisses.", "$text-muted"))
        if stale:
            parts.append(Content.styled("The text changed here; re-checking before fixes apply.", "italic $warning"))
        if docs:
            parts.append(Content.styled("Rule documentation (d hides):", "bold"))
            parts.append(Content(rule_doc(f.rule)))
        else:
            parts.append(Content.styled("d: rule documentation  g: glossary  e: edit  x: dismiss", "$text-muted"))
        self.query_one("#detail-text", Static).update(Content("\n").join(parts))
        self.scroll_home(animate=False)
