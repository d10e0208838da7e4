"""A real dask.distributed LocalCluster (two worker processes) audits a generated archive; its
findings are identical, row for row, to `tqkit check --jobs 1` on the same articles, and to the
local executor's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from audit_helpers import read_table, write_jsonl, write_texts
from click.testing import CliRunner

from tqkit.audit.run import AuditConfig, run_audit
from tqkit.cli import cli

KEYS = ("rule", "severity", "category", "start", "end", "line", "col", "message")


def check_rows(directory: Path) -> list[tuple[Any, ...]]:
    result = CliRunner().invoke(
        cli, ["check", str(directory), "--jobs", "1", "--format", "json", "--exit-zero"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["findings"], "the archive should give findings"
    return [(Path(f["path"]).stem, *(f["column"] if k == "col" else f[k] for k in KEYS)) for f in data["findings"]]


def audit_rows(out: Path) -> list[tuple[Any, ...]]:
    return [(r["article_id"], *(r[k] for k in KEYS)) for r in read_table(out, "findings")]


@pytest.mark.slow
def test_local_cluster_matches_check_jobs_1(tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    from distributed import LocalCluster

    texts = write_texts(tmp_path / "texts", articles)
    archive = write_jsonl(tmp_path / "archive.jsonl", articles)
    expected = check_rows(texts)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcome = run_audit(
            AuditConfig(
                [str(archive)],
                str(tmp_path / "dask"),
                partition_size=5,
                scheduler=cluster.scheduler_address,
                progress=False,
            )
        )
    assert outcome.done == 5 and outcome.skipped == 0
    got = audit_rows(tmp_path / "dask")
    assert got == expected  # row for row, in the same order
    assert outcome.summary["findings"] == len(expected)

    # the default local executor gives the same tables
    run_audit(AuditConfig([str(archive)], str(tmp_path / "local"), partition_size=5, jobs=1, progress=False))
    assert read_table(tmp_path / "local", "findings") == read_table(tmp_path / "dask", "findings")
    assert read_table(tmp_path / "local", "articles") == read_table(tmp_path / "dask", "articles")


def test_text_files_and_metadata_columns(tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    """A directory of text files audits like `tqkit check` (ids are the paths); JSON Lines
    metadata lands in both tables; the per-article score uses the MQM weights."""
    texts = write_texts(tmp_path / "texts", articles[:6])
    out = tmp_path / "out"
    run_audit(AuditConfig([str(texts)], str(out), partition_size=4, progress=False))
    rows = [(Path(r["article_id"]).stem, *(r[k] for k in KEYS)) for r in read_table(out, "findings")]
    assert rows == check_rows(texts)

    archive = write_jsonl(tmp_path / "a.jsonl", articles[:6])
    run_audit(AuditConfig([str(archive)], str(tmp_path / "j"), partition_size=4, progress=False))
    arts = read_table(tmp_path / "j", "articles")
    assert [a["article_id"] for a in arts] == [a["id"] for a in articles[:6]]
    assert {a["desk"] for a in arts} == {"world", "politics", "culture"}
    weights = {"info": 1, "warning": 5, "error": 10}
    findings = read_table(tmp_path / "j", "findings")
    for a in arts:
        mine = [f for f in findings if f["article_id"] == a["article_id"]]
        assert a["findings"] == len(mine)
        assert a["penalty"] == sum(weights[f["severity"]] for f in mine)
        assert a["score"] == pytest.approx(a["penalty"] * 1000 / a["words"], abs=1e-3)
        assert sum(a[c] for c in a if c.startswith("TQ")) == len(mine)
        assert all(f["desk"] == a["desk"] and f["date"] == a["date"] for f in mine)
    summary = json.loads((tmp_path / "j" / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == 6
    assert summary["findings"] == len(findings)
    assert summary["mqm_weights"]["major"] == {"tqkit_severity": "warning", "weight": 5}
