"""HTML: one self-contained page. Each file's text with its findings highlighted in place
(``<mark>``: the message on hover, a link to the finding's details on click), the findings with
their fixes, and a per-rule summary. No scripts, no external resources (a Content-Security-Policy
forbids any fetch), so it works offline, as an e-mail attachment and with JavaScript off."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING, TextIO

from tqkit import __version__
from tqkit.report import Located, locate, summary

if TYPE_CHECKING:
    from tqkit.results import FileResult

# Highlight colours, by severity (the screenshot test looks for these exact pixels).
COLORS = {"error": "#ff8a80", "warning": "#ffd54f", "info": "#90caf9"}
# Severity badges: a different shade, so the highlight colour on screen is the marks' alone.
BADGES = {"error": "#ff5252", "warning": "#ffca28", "info": "#64b5f6"}

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:72rem;
 padding:1rem 1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.15rem;margin:2rem 0 .5rem;word-break:break-all}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:left}
td.n{text-align:right}
.text{white-space:pre-wrap;word-wrap:break-word;font:15px/1.7 Georgia,"Times New Roman",serif;
 border:1px solid #ddd;padding:1rem;background:#fcfcfc}
mark{padding:1px 0;border-radius:2px;color:inherit}
mark a{color:inherit;text-decoration:none}
mark.error{background:%(error)s}mark.warning{background:%(warning)s}mark.info{background:%(info)s}
mark.point::after{content:"\\2038";font-weight:bold}
ol.findings{padding-left:1.5rem}ol.findings li{margin:.4rem 0}
ol.findings li:target{outline:2px solid #555}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:bold}
.sev{font-size:.8rem;text-transform:uppercase;padding:0 .3rem;border-radius:2px}
.sev.error{background:%(b_error)s}.sev.warning{background:%(b_warning)s}.sev.info{background:%(b_info)s}
.fixes{margin:.2rem 0 0 0;padding-left:1.2rem;color:#333}.unsafe{color:#8a4b00}
.quote{font-family:Georgia,serif;background:#f3f3f3;padding:0 .2rem}
.err{color:#b00020}.muted{color:#666}
"""
for _sev in COLORS:
    CSS = CSS.replace(f"%({_sev})s", COLORS[_sev]).replace(f"%(b_{_sev})s", BADGES[_sev])


def _marked_text(text: str, locs: Sequence[Located], file_no: int) -> str:
    """The text with a ``<mark>`` over each stretch covered by findings (overlaps split into
    stretches; each stretch links to the most severe of its findings)."""
    bounds = {0, len(text)}
    for loc in locs:
        bounds.update((loc.finding.span.start, loc.finding.span.end))
    points: dict[int, list[int]] = {}
    for i, loc in enumerate(locs):
        if loc.finding.span.start == loc.finding.span.end:
            points.setdefault(loc.finding.span.start, []).append(i)
    cuts = sorted(bounds)
    starts: dict[int, list[int]] = {}
    for i, loc in enumerate(locs):
        if loc.finding.span.start < loc.finding.span.end:
            starts.setdefault(loc.finding.span.start, []).append(i)
    out: list[str] = []
    first_seen: set[int] = set()
    active: set[int] = set()  # findings covering the current stretch (a sweep, left to right)
    for a, b in zip(cuts, [*cuts[1:], None], strict=False):
        for i in points.get(a, []):
            out.append(_mark(locs, [i], file_no, "", first_seen, point=True))
        if b is None:
            break
        active = {i for i in active if locs[i].finding.span.end > a}
        active.update(starts.get(a, []))
        piece = text[a:b]
        out.append(_mark(locs, sorted(active), file_no, piece, first_seen) if active else escape(piece))
    return "".join(out)


def _mark(
    locs: Sequence[Located], covering: list[int], file_no: int, piece: str, first_seen: set[int], point: bool = False
) -> str:
    top = max(covering, key=lambda i: (int(locs[i].finding.severity), -i))
    f = locs[top].finding
    title = "\n".join(
        f"{locs[i].finding.rule} {locs[i].finding.severity.label}: {locs[i].finding.message}"
        + (f"\nFix: {locs[i].finding.fixes[0].title}" if locs[i].finding.fixes else "")
        for i in covering
    )
    ids = ""
    new = [i for i in covering if i not in first_seen]
    if new:
        first_seen.update(new)
        ids = f' id="m-{file_no}-{new[0]}"'
    cls = f"{f.severity.label} point" if point else f.severity.label
    return (
        f'<mark class="{cls}"{ids} title="{escape(title)}" data-rule="{f.rule}">'
        f'<a href="#f-{file_no}-{top}">{escape(piece)}</a></mark>'
    )


def _rule_table(located: list[tuple[FileResult, list[Located]]], w: Callable[[str], object]) -> None:
    """Findings per rule, most frequent first (nothing when there are none)."""
    by_rule = Counter(
        (loc.finding.rule, loc.finding.name, loc.finding.severity.label) for _, locs in located for loc in locs
    )
    if not by_rule:
        return
    w(
        '<h2 id="summary">Findings per rule</h2>\n<table class="summary">\n'
        "<tr><th>Rule</th><th>Name</th><th>Severity</th><th>Findings</th></tr>\n"
    )
    for (rule, name, sev), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        w(
            f'<tr><td class="code">{rule}</td><td>{escape(name)}</td>'
            f'<td><span class="sev {sev}">{sev}</span></td><td class="n">{n}</td></tr>\n'
        )
    w("</table>\n")


def _finding_item(file_no: int, i: int, loc: Located, w: Callable[[str], object]) -> None:
    f = loc.finding
    w(
        f'<li id="f-{file_no}-{i}"><a href="#m-{file_no}-{i}">{loc.line}:{loc.column}</a> '
        f'<span class="code">{f.rule}</span> <span class="sev {f.severity.label}">{f.severity.label}</span> '
        f'<span class="quote">{escape(loc.text)}</span> {escape(f.message)}'
    )
    if f.fixes:
        w('<ul class="fixes">')
        for fix in f.fixes:
            tag = "" if fix.safe else ' <span class="unsafe">(unsafe: review it)</span>'
            w(f"<li>{escape(fix.title)}{tag}</li>")
        w("</ul>")
    w("</li>\n")


def _file_section(file_no: int, r: FileResult, locs: list[Located], w: Callable[[str], object]) -> None:
    """A file's text with its findings marked, and the list of findings."""
    w(f'<section class="file" id="file-{file_no}">\n<h2>{escape(r.path)}</h2>\n')
    if r.error:
        w(f'<p class="err">{escape(r.error)}</p>\n</section>\n')
        return
    if not locs:
        w('<p class="muted">No findings.</p>\n')
    w(f'<div class="text">{_marked_text(r.text or "", locs, file_no)}</div>\n')
    if locs:
        w('<ol class="findings">\n')
        for i, loc in enumerate(locs):
            _finding_item(file_no, i, loc, w)
        w("</ol>\n")
    w("</section>\n")


def emit(results: Sequence[FileResult], stream: TextIO, *, color: bool = False, **options: object) -> None:
    located = locate(results)
    s = summary(results)
    w = stream.write
    w(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f'<meta name="generator" content="tqkit {escape(__version__)}">\n'
        f"<title>tqkit report: {s['findings']} finding{'s' * (s['findings'] != 1)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
    )
    w(
        f"<h1>tqkit report</h1>\n<p>{s['findings']} finding{'s' * (s['findings'] != 1)} in {s['files']} "
        f"file{'s' * (s['files'] != 1)} ({s['words']:,} words)."
    )
    if s["errors"]:
        w(f' <span class="err">{s["errors"]} file{"s" * (s["errors"] != 1)} could not be read.</span>')
    w("</p>\n")
    _rule_table(located, w)
    for file_no, (r, locs) in enumerate(located):
        _file_section(file_no, r, locs, w)
    notes = sorted({n for r in results for n in r.notes})
    for note in notes:
        w(f'<p class="muted">Note: {escape(note)}</p>\n')
    w(f'<p class="muted">Generated by tqkit {escape(__version__)}.</p>\n</body>\n</html>\n')
