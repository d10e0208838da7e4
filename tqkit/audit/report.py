"""``tqkit audit --report DIR``: a self-contained HTML dashboard of an audit output directory.

``DIR/dashboard/index.html`` holds every chart as inline SVG (matplotlib, Agg backend, text as
paths: no fonts, no scripts, no external resources) and a Content-Security-Policy of
``default-src 'none'``, so opening it makes no network request. The worst articles get a page
each under ``DIR/dashboard/articles/`` with their findings highlighted and linked by anchor.

Only partitions listed in the manifest are read, one file at a time: memory follows the number
of distinct months, languages and metadata values, not the archive.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from tqkit.atomic import atomic_write
from tqkit.audit.charts import COLOURS, bar_chart, line_chart
from tqkit.audit.work import RESERVED
from tqkit.errors import ReportError

FAMILIES = {
    "TQ1": "untranslated text",
    "TQ2": "repetition",
    "TQ3": "calques and grammar",
    "TQ4": "terminology",
    "TQ5": "source-target",
    "TQ6": "names",
    "TQ9": "meta",
}
MAX_METADATA_VALUES = 40  # a metadata column with more distinct values is not charted
MAX_METADATA_CHARTS = 6
WORST = 25
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
MONTH_RE = re.compile(r"^(\d{4})-?(\d{2})")


class _Agg:
    """Words, findings and penalty points per group."""

    def __init__(self) -> None:
        self.words: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()
        self.penalty: Counter[str] = Counter()
        self.articles: Counter[str] = Counter()

    def add(self, key: str, words: int, findings: int, penalty: int) -> None:
        self.words[key] += words
        self.findings[key] += findings
        self.penalty[key] += penalty
        self.articles[key] += 1

    def rates(self, keys: list[str]) -> tuple[list[float], list[float]]:
        per = [self.findings[k] * 1000 / self.words[k] if self.words[k] else 0.0 for k in keys]
        pen = [self.penalty[k] * 1000 / self.words[k] if self.words[k] else 0.0 for k in keys]
        return per, pen


def _manifest(out: Path) -> list[int]:
    from tqkit.audit.run import read_manifest

    if not (out / "manifest.jsonl").is_file():
        raise ReportError(
            f"{out}: not an audit output directory (no manifest.jsonl); run `tqkit audit INPUTS --output DIR` first"
        )
    return sorted(read_manifest(out))


def _month(date: str | None) -> str | None:
    if not date:
        return None
    m = MONTH_RE.match(date.strip())
    return f"{m.group(1)}-{m.group(2)}" if m else None


def _term_statuses(glossaries: list[str] | None) -> dict[str, str]:
    """Folded English term -> status, from the audit's glossaries (bundled by default)."""
    from tqkit.resources import Resources
    from tqkit.text.fold import fold

    try:
        glossary = Resources(glossaries).glossary
    except Exception:
        return {}
    out: dict[str, str] = {}
    if glossary is None:
        return out
    for concept in glossary:
        for term in concept.terms_in("en"):
            out.setdefault(fold(term.text), term.status)
    return out


def _figure(chart_id: str, title: str, svg: str, note: str = "") -> str:
    note_html = f"<p class=note>{html.escape(note)}</p>" if note else ""
    return f'<figure class=chart id="{chart_id}"><figcaption>{html.escape(title)}</figcaption>{svg}{note_html}</figure>'


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


class _Scan:
    """The sums the dashboard charts, read one partition at a time."""

    def __init__(self) -> None:
        self.by_month, self.by_lang = _Agg(), _Agg()
        self.by_meta: dict[str, _Agg] = defaultdict(_Agg)
        self.dropped: set[str] = set()
        self.by_rule: Counter[str] = Counter()
        self.words_total = self.articles_total = 0
        self.worst: list[dict[str, Any]] = []

    def add_articles(self, table: Any) -> None:
        meta_cols = [
            c
            for c in table.column_names
            if c not in RESERVED and c != "article_id" and not re.fullmatch(r"TQ\d+", c) and c not in self.dropped
        ]
        rule_cols = [c for c in table.column_names if re.fullmatch(r"TQ\d+", c)]
        cols = table.to_pydict()
        for i in range(table.num_rows):
            w, n, p = cols["words"][i], cols["findings"][i], cols["penalty"][i]
            self.words_total += w
            self.articles_total += 1
            month = _month(cols["date"][i])
            if month:
                self.by_month.add(month, w, n, p)
            self.by_lang.add(cols["source_lang"][i] or "(unknown)", w, n, p)
            for c in meta_cols:
                v = cols[c][i]
                if v is not None:
                    self.by_meta[c].add(str(v)[:60], w, n, p)
            for c in rule_cols:
                self.by_rule[c] += cols[c][i]
        for c in list(self.by_meta):
            if len(self.by_meta[c].words) > MAX_METADATA_VALUES:
                self.dropped.add(c)
                del self.by_meta[c]

    def add_worst(self, rows: list[dict[str, Any]], index: int) -> None:
        for row in rows:
            row["_part"] = index
            self.worst.append(row)
        self.worst.sort(key=lambda r: (-(r["score"] if r["words"] >= 50 else r["score"] / 10), r["article_id"]))
        del self.worst[WORST:]


def _month_chart(by_month: _Agg) -> str:
    months = sorted(by_month.words)
    if months:
        per, pen = by_month.rates(months)
        return _figure(
            "chart-by-month",
            "Findings per 1,000 words by month",
            line_chart(
                months,
                {"findings": per, "MQM penalty points": pen},
                "Findings and penalty per 1,000 words, by month",
                COLOURS[0],
            ),
        )
    return _figure(
        "chart-by-month",
        "Findings per 1,000 words by month",
        bar_chart(["(no dates)"], [0.0], "No article has a date", "", COLOURS[0]),
        "No article has a date column.",
    )


def _family_chart(by_rule: Counter[str], words_total: int) -> str:
    families: Counter[str] = Counter()
    for code, n in by_rule.items():
        families[code[:3]] += n
    fam_keys = sorted(families)
    fam_labels = [f"{k}xx {FAMILIES.get(k, '')}".strip() for k in fam_keys]
    fam_values = [families[k] * 1000 / words_total if words_total else 0.0 for k in fam_keys]
    return _figure(
        "chart-by-family",
        "Findings per 1,000 words by rule family",
        bar_chart(
            fam_labels or ["(none)"],
            fam_values or [0.0],
            "By rule family",
            "findings per 1,000 words",
            COLOURS[1],
            horizontal=True,
        ),
    )


def _group_charts(scan: _Scan) -> list[str]:
    """By source language, then by each (small) metadata column."""
    by_lang = scan.by_lang
    langs = sorted(by_lang.words, key=lambda k: -by_lang.words[k])[:30]
    per, _ = by_lang.rates(langs)
    charts = [
        _figure(
            "chart-by-source-lang",
            "Findings per 1,000 words by source language",
            bar_chart(langs or ["(none)"], per or [0.0], "By source language", "findings per 1,000 words", COLOURS[2]),
        )
    ]
    for j, col in enumerate(sorted(scan.by_meta)[:MAX_METADATA_CHARTS]):
        agg = scan.by_meta[col]
        keys = sorted(agg.words, key=lambda k: -agg.words[k])
        per, _ = agg.rates(keys)
        safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", col)
        charts.append(
            _figure(
                f"chart-meta-{safe_id}",
                f"Findings per 1,000 words by {col}",
                bar_chart(keys, per, f"By {col}", "findings per 1,000 words", COLOURS[(4 + j) % len(COLOURS)]),
            )
        )
    return charts


def _status_chart(status_counts: Counter[str]) -> str:
    statuses = sorted(status_counts, key=lambda s: -status_counts[s])
    return _figure(
        "chart-terms-by-status",
        "Glossary terms found, by status",
        bar_chart(
            statuses or ["(no terminology findings)"],
            [float(status_counts[s]) for s in statuses] or [0.0],
            "Terminology findings by the term's glossary status",
            "findings",
            COLOURS[3],
        ),
    )


def _worst_pages(out: Path, dash: Path, worst: list[dict[str, Any]]) -> list[str]:
    """Write a page per worst article; their rows of the index table."""
    (dash / "articles").mkdir(parents=True, exist_ok=True)
    worst_rows = []
    for rank, row in enumerate(worst, 1):
        page = f"articles/{rank:03d}.html"
        findings = _article_findings(out, row["_part"], row["article_id"])
        atomic_write(dash / page, _article_page(row, findings).encode("utf-8"))
        worst_rows.append(
            f'<tr><td>{rank}</td><td><a href="{page}">{html.escape(str(row["article_id"]))}</a></td>'
            f"<td>{row['score']:.1f}</td><td>{row['findings']}</td><td>{row['words']:,}</td>"
            f"<td>{html.escape(row.get('date') or '')}</td><td>{html.escape(row.get('source_lang') or '')}</td></tr>"
        )
    return worst_rows


def build_report(out: Path) -> Path:
    """Write the dashboard; returns the path of its index.html."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pyarrow.parquet as pq

    plt.rcParams.update({"svg.fonttype": "path", "svg.hashsalt": "tqkit", "font.size": 9})
    parts = _manifest(out)
    summary = _read_json(out / "summary.json")
    run: dict[str, Any] = _read_json(out / "run.json").get("fingerprint", {})

    scan = _Scan()
    for index in parts:
        name = f"part-{index:05d}.parquet"
        scan.add_articles(pq.read_table(out / "articles" / name))
        scan.add_worst(pq.read_table(out / "worst" / name).to_pylist(), index)

    charts = [_month_chart(scan.by_month), _family_chart(scan.by_rule, scan.words_total), *_group_charts(scan)]
    term_counts, status_counts = _term_findings(out, parts, _term_statuses(run.get("glossaries")))
    charts.append(_status_chart(status_counts))

    dash = out / "dashboard"
    worst_rows = _worst_pages(out, dash, scan.worst)
    term_rows = "".join(
        f"<tr><td>{html.escape(t)}</td><td>{html.escape(s)}</td><td>{n:,}</td></tr>"
        for (t, s), n in term_counts.most_common(30)
    )
    index_path = dash / "index.html"
    page = _index_page(scan, summary, charts, worst_rows, term_rows)
    atomic_write(index_path, page.encode("utf-8"))
    return index_path


def _index_page(scan: _Scan, head: dict[str, Any], charts: list[str], worst_rows: list[str], term_rows: str) -> str:
    articles_total, words_total = scan.articles_total, scan.words_total
    total_findings = sum(scan.by_rule.values())
    return f"""<!doctype html>
<html lang=en><head><meta charset=utf-8>
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name=viewport content="width=device-width, initial-scale=1">
<title>tqkit audit dashboard</title>
<style>{STYLE}</style></head><body>
<h1>tqkit audit</h1>
<p class=lead>{articles_total:,} articles, {words_total:,} words, {total_findings:,} findings
({total_findings * 1000 / words_total if words_total else 0:.2f} per 1,000 words); MQM penalty
{head.get("score_per_1000_words", 0)} points per 1,000 words (minor 1 = info, major 5 = warning,
critical 10 = error). {head.get("row_errors", 0):,} rows could not be audited.</p>
{"".join(charts)}
<section id=worst><h2>Worst articles (penalty points per 1,000 words)</h2>
<table><thead><tr><th>#</th><th>article</th><th>score</th><th>findings</th><th>words</th><th>date</th><th>source</th></tr></thead>
<tbody>{"".join(worst_rows) or "<tr><td colspan=7>No findings.</td></tr>"}</tbody></table></section>
<section id=terms><h2>Glossary terms found</h2>
<table><thead><tr><th>term</th><th>status</th><th>findings</th></tr></thead>
<tbody>{term_rows or "<tr><td colspan=3>No terminology findings.</td></tr>"}</tbody></table></section>
</body></html>
"""


def _term_findings(
    out: Path, parts: list[int], statuses: dict[str, str]
) -> tuple[Counter[tuple[str, str]], Counter[str]]:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from tqkit.text.fold import fold

    terms: Counter[tuple[str, str]] = Counter()
    by_status: Counter[str] = Counter()
    for index in parts:
        t = pq.read_table(out / "findings" / f"part-{index:05d}.parquet", columns=["rule", "text"])
        t = t.filter(pc.starts_with(t["rule"], "TQ4"))
        for text in t["text"].to_pylist():
            key = fold(text or "")
            status = statuses.get(key, "not in glossary")
            by_status[status] += 1
            if len(terms) < 10_000 or (key, status) in terms:
                terms[(key, status)] += 1
    return terms, by_status


def _article_findings(out: Path, part: int, article_id: str) -> list[dict[str, Any]]:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    t = pq.read_table(
        out / "findings" / f"part-{part:05d}.parquet",
        columns=["article_id", "rule", "name", "severity", "start", "end", "line", "col", "message", "fix"],
    )
    return list(t.filter(pc.equal(t["article_id"], article_id)).to_pylist())


def _article_page(row: dict[str, Any], findings: list[dict[str, Any]]) -> str:
    """The article's text with each finding marked (overlaps: the first one wins) and a list
    of findings linking to their marks."""
    text = row.get("text") or ""
    parts: list[str] = []
    pos = 0
    marked: dict[int, int] = {}
    for i, f in enumerate(sorted(findings, key=lambda f: (f["start"], f["end"]))):
        if f["start"] < pos or f["end"] > len(text):
            continue
        parts.append(html.escape(text[pos : f["start"]]))
        title = f"{f['rule']} {f['severity']}: {f['message']}"
        parts.append(
            f'<mark id="f{i}" class="{html.escape(f["severity"])}" title="{html.escape(title)}">'
            f"{html.escape(text[f['start'] : f['end']]) or '&#8203;'}</mark>"
        )
        marked[i] = 1
        pos = f["end"]
    parts.append(html.escape(text[pos:]))
    items = []
    for i, f in enumerate(sorted(findings, key=lambda f: (f["start"], f["end"]))):
        where = f"{f['line']}:{f['col']}"
        link = f'<a href="#f{i}">{where}</a>' if i in marked else where
        fix = f" → {html.escape(f['fix'])}" if f.get("fix") else ""
        items.append(
            f"<li>{link} <b>{html.escape(f['rule'])}</b> {html.escape(f['severity'])}: "
            f"{html.escape(f['message'])}{fix}</li>"
        )
    title = html.escape(str(row["article_id"]))
    return f"""<!doctype html>
<html lang=en><head><meta charset=utf-8>
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{title}: tqkit audit</title><style>{STYLE}</style></head><body>
<p><a href="../index.html#worst">← dashboard</a></p>
<h1>{title}</h1>
<p class=lead>{row["words"]:,} words, {row["findings"]} findings, {row["score"]:.1f} penalty points per
1,000 words. {html.escape(row.get("date") or "")} {html.escape(row.get("source_lang") or "")}</p>
<ol class=findings>{"".join(items)}</ol>
<pre class=article>{"".join(parts)}</pre>
</body></html>
"""


STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1a1a1a;background:#fff}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em}
.lead{color:#333}
figure.chart{display:block;margin:1.5em 0;padding:0.5em;border:1px solid #ddd}
figure.chart svg{max-width:100%;height:auto;display:block}
figcaption{font-weight:600;margin-bottom:0.3em}
.note{color:#555;font-size:0.9em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:0.25em 0.5em;text-align:left}
a{color:#1a1a1a}
pre.article{white-space:pre-wrap;font:15px/1.6 Georgia,serif;border-top:1px solid #ddd;padding-top:1em}
mark{background:#fde68a}mark.error{background:#fca5a5}mark.info{background:#e0e7ff}
"""
