"""`--format html`: one self-contained page. Structure tests always run; the browser tests open
the report in headless Chromium (the Debian `chromium` package; skipped when it is missing):
a screenshot shows the highlight colour, and Chromium's network log shows the page fetches
nothing (a control page that does fetch shows the log would catch it)."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import struct
import subprocess
import threading
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.report.html_report import COLORS

ROOT = Path(__file__).resolve().parent.parent
STORY = (
    "# Talks\n\nThey will defend theirs own interests in the the capital <script>alert(1)</script>.\n\n"
    "Kelbajar was shelled. Later Kalbajar was evacuated.\n"
)


def report(tmp_path: Path, text: str = STORY, name: str = "story.md") -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", str(tmp_path / name), "--format", "html"])
    assert res.exit_code == 1, res.output
    return res.stdout


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark += 1
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark -= 1

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def test_report_is_self_contained_and_marks_the_findings(tmp_path: Path) -> None:
    page = report(tmp_path)
    p = Collect()
    p.feed(page)
    tags = [t for t, _ in p.tags]
    assert "script" not in tags, "the checked text is escaped, and the page has no script"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for tag, attrs in p.tags:
        for key in ("src", "href", "action", "srcset"):
            value = attrs.get(key)
            if value is not None:
                assert value.startswith(("#", "data:")), f"<{tag} {key}={value}> would fetch"
    assert "url(" not in page and "@import" not in page
    assert "default-src 'none'" in page  # a CSP forbids fetching anything, should a change add it
    assert "theirs own" in p.marks and "the the" in p.marks
    # each mark links to its finding, which has the message and the fixes
    for _, attrs in (t for t in p.tags if t[0] == "mark"):
        assert attrs["title"] and attrs["class"] in COLORS
    assert re.search(r'<li id="f-0-\d+">.*TQ303.*their own', page)
    # the per-rule summary
    assert re.search(r"<td class=\"code\">TQ303</td><td>possessive-error</td>", page)


def test_overlapping_and_empty_findings_render() -> None:
    import io

    from tqkit.findings import Category, Finding, Severity, Span
    from tqkit.report import emit
    from tqkit.results import FileResult

    text = "The minister statedThe talks would resume.\n"

    def f(rule: str, a: int, b: int, sev: Severity) -> Finding:
        return Finding(rule, "x", Span(a, b), sev, Category.OTHER, f"message {rule}", path="a.txt")

    findings = [
        f("TQ302", 13, 22, Severity.WARNING),
        f("TQ404", 4, 16, Severity.INFO),
        f("TQ201", 30, 30, Severity.ERROR),
    ]
    out = io.StringIO()
    emit("html", [FileResult("a.txt", findings, text, 7)], out)
    page = out.getvalue()
    p = Collect()
    p.feed(page)
    marks = [a for t, a in p.tags if t == "mark"]
    # [4,13) info only, [13,16) both (shown as the more severe), [16,22) warning, and the point
    assert [m["class"] for m in marks] == ["info", "warning", "warning", "error point"]
    assert "message TQ404" in (marks[1]["title"] or "") and "message TQ302" in (marks[1]["title"] or "")
    assert p.marks[:3] == [text[4:13], text[13:16], text[16:22]] == ["minister ", "sta", "tedThe"]
    # the text survives intact between the marks
    body = re.sub(r"<[^>]+>", "", page.split('<div class="text">', 1)[1].split("</div>", 1)[0])
    assert body == text


# -- in a browser ----------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--hide-scrollbars",
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """A local web server for the pages (so every fetch a page makes is visible)."""
    site = tmp_path / "site"
    site.mkdir()
    hits: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):  # type: ignore[no-untyped-def]
            super().__init__(*a, directory=str(site), **kw)

        def log_message(self, *args: object) -> None:
            hits.append(self.path)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", site, hits
    httpd.shutdown()


def chromium(url: str, tmp_path: Path, tag: str, size: str = "1000,1400") -> tuple[Path, list[dict]]:
    """Screenshot a page; return the PNG and the page's own requests from Chromium's net log."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    shot, log = tmp_path / f"{tag}.png", tmp_path / f"{tag}-net.json"
    subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / ('profile-' + tag)}",
            f"--window-size={size}",
            f"--screenshot={shot}",
            f"--log-net-log={log}",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.is_file(), "chromium wrote no screenshot"
    data = json.loads(log.read_text(encoding="utf-8"))
    names = {v: k for k, v in data["constants"]["logEventTypes"].items()}
    origin = re.match(r"https?://[^/]+", url).group(0)  # type: ignore[union-attr]
    page_requests = [
        e["params"]
        for e in data["events"]
        if names.get(e["type"]) == "URL_REQUEST_START_JOB" and e.get("params", {}).get("initiator") == origin
    ]
    return shot, page_requests


def png_pixels(path: Path) -> tuple[int, int, bytes, int]:
    """Decode an 8-bit RGB(A) PNG: (width, height, raw pixel bytes, bytes per pixel)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and ctype in (2, 6) and interlace == 0
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    out = bytearray(height * stride)
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev, strict=True))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out[y * stride : (y + 1) * stride] = line
        prev = line
    return width, height, bytes(out), bpp


def count_colour(path: Path, hex_colour: str) -> int:
    want = bytes.fromhex(hex_colour.lstrip("#"))
    _, _, px, bpp = png_pixels(path)
    return sum(1 for i in range(0, len(px), bpp) if px[i : i + 3] == want)


def test_browser_shows_highlights_and_the_page_fetches_nothing(tmp_path: Path, server) -> None:  # type: ignore[no-untyped-def]
    base, site, hits = server
    (site / "report.html").write_text(report(tmp_path), encoding="utf-8")
    shot, requests = chromium(f"{base}/report.html", tmp_path, "report")
    assert requests == [], f"the report fetched {[r.get('url') for r in requests]}"
    assert hits == ["/report.html"], hits
    warning = count_colour(shot, COLORS["warning"])  # the marks' colour (badges use another)
    assert warning > 300, f"only {warning} pixels of the warning highlight"
    # control: a page that fetches is caught by the same measurement, and has no highlight
    (site / "control.html").write_text(
        '<!DOCTYPE html><p>plain <img src="/probe.png"> <img src="http://localhost:9/x.png"></p>', encoding="utf-8"
    )
    shot, requests = chromium(f"{base}/control.html", tmp_path, "control")
    urls = {r["url"] for r in requests}
    assert f"{base}/probe.png" in urls and "http://localhost:9/x.png" in urls
    assert count_colour(shot, COLORS["warning"]) == 0
