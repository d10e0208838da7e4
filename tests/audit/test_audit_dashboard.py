"""The dashboard opened in headless Chromium: a screenshot shows every chart, the DOM holds each
chart's SVG, the worst articles link to their highlighted text, and the page makes no network
request (a Content-Security-Policy of default-src 'none', checked against Chromium's net log)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from audit_helpers import write_jsonl
from click.testing import CliRunner

from tqkit.audit.run import AuditConfig, run_audit
from tqkit.cli import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
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


def chromium(url: str, profile: Path, *extra: str) -> str:
    proc = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *extra, url], capture_output=True, text=True, timeout=90
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def page_requests(net_log: Path) -> list[tuple[str, str]]:
    """(initiator, url) of every URL request in a Chromium net log. Chromium's own background
    requests have no origin ("not an origin"); a page's requests carry the page's origin."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        (e["params"].get("initiator", ""), e["params"]["url"])
        for e in log["events"]
        if e["type"] == start and "url" in e.get("params", {})
    ]


def colour_bands(png: Path) -> int:
    """Vertical bands of saturated colour (the charts' bars and lines; text is grey)."""
    import matplotlib.image as mpimg

    img = mpimg.imread(str(png))[:, :, :3]
    saturation = img.max(axis=2) - img.min(axis=2)
    rows = (saturation > 0.25).sum(axis=1) >= 3
    bands, gap, inside = 0, 0, False
    for coloured in rows:
        if coloured:
            if not inside:
                bands += 1
            inside, gap = True, 0
        else:
            gap += 1
            if gap > 40:
                inside = False
    return bands


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory, articles: list[dict[str, Any]]) -> Path:
    tmp = tmp_path_factory.mktemp("dash")
    archive = write_jsonl(tmp / "archive.jsonl", articles)
    run_audit(AuditConfig([str(archive)], str(tmp / "out"), partition_size=8, progress=False))
    res = CliRunner().invoke(cli, ["audit", "--report", str(tmp / "out")], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return tmp / "out" / "dashboard" / "index.html"


def test_dashboard_in_headless_chromium(dashboard: Path, tmp_path: Path) -> None:
    html = dashboard.read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<script" not in html

    shot, net = tmp_path / "shot.png", tmp_path / "net.json"
    dom = chromium(
        dashboard.as_uri(),
        tmp_path / "profile",
        "--dump-dom",
        "--window-size=1000,7000",
        f"--screenshot={shot}",
        f"--log-net-log={net}",
    )
    charts = re.findall(r'<figure class="chart" id="([\w-]+)">(.*?)</figure>', dom, re.S)
    ids = [c for c, _ in charts]
    assert ids[:3] == ["chart-by-month", "chart-by-family", "chart-by-source-lang"]
    assert "chart-meta-desk" in ids and ids[-1] == "chart-terms-by-status"
    for chart_id, body in charts:
        assert "<svg" in body and body.count("<path") >= 10, chart_id

    bands = colour_bands(shot)  # every chart is drawn, one below the other
    assert len(charts) <= bands <= len(charts) + 2, bands
    from_page = [(i, u) for i, u in page_requests(net) if i != "not an origin"]
    assert from_page == [], from_page


def test_net_log_check_sees_a_request(tmp_path: Path) -> None:
    """The check has teeth: a page loading an image over HTTP is caught."""
    page = tmp_path / "leaky.html"
    page.write_text('<html><body><img src="http://127.0.0.1:9/x.png"></body></html>', encoding="utf-8")
    net = tmp_path / "net.json"
    chromium(page.as_uri(), tmp_path / "p", "--dump-dom", f"--log-net-log={net}")
    assert ("null", "http://127.0.0.1:9/x.png") in page_requests(net)


def test_worst_articles_link_to_highlighted_text(dashboard: Path) -> None:
    html = dashboard.read_text(encoding="utf-8")
    links = re.findall(r'<a href="(articles/\d+\.html)">([^<]+)</a>', html)
    assert links
    page = (dashboard.parent / links[0][0]).read_text(encoding="utf-8")
    assert f"<h1>{links[0][1]}</h1>" in page
    marks = re.findall(r'<mark id="(f\d+)"', page)
    assert marks and all(f'href="#{m}"' in page for m in marks)
    assert "default-src 'none'" in page
