"""A run killed mid-way resumes where it stopped: finished partitions are not redone (counted
from the manifest and the files' identity), and the tables equal those of an uninterrupted run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from audit_helpers import read_table, write_jsonl

from tqkit.audit.run import TABLES, AuditConfig, read_manifest, run_audit
from tqkit.errors import AuditError


def _stat(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


@pytest.mark.slow
def test_killed_run_resumes_without_redoing_partitions(tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    archive = write_jsonl(tmp_path / "archive.jsonl", articles)  # 24 articles: 12 partitions of 2
    out = tmp_path / "out"
    env = {**os.environ, "TQKIT_AUDIT_TEST_DELAY": "0.4"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tqkit",
            "audit",
            str(archive),
            "--output",
            str(out),
            "--partition-size",
            "2",
            "--jobs",
            "1",
            "--no-progress",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(read_manifest(out)) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.wait()
    first = read_manifest(out)
    assert 3 <= len(first) < 12, "the run should be killed mid-way"
    before = {(t, i): _stat(out / t / f"part-{i:05d}.parquet") for t in TABLES for i in first}
    # what a kill can leave behind: a torn manifest line and a temporary file
    with (out / "manifest.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"part": 11, "attem')
    (out / "findings" / ".part-00011.parquet.x.tqkit-tmp").write_bytes(b"half")

    outcome = run_audit(AuditConfig([str(archive)], str(out), partition_size=2, resume=True, progress=False))
    assert outcome.skipped == len(first)
    assert outcome.done == 12 - len(first)  # only the unfinished partitions ran
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    parts = [e["part"] for e in lines]
    assert sorted(parts) == list(range(12))  # each partition once: none redone
    assert {e["part"] for e in lines if e["attempt"] == 2} == set(range(12)) - set(first)
    assert {(t, i): _stat(out / t / f"part-{i:05d}.parquet") for t in TABLES for i in first} == before
    assert not list(out.glob("*/*.tqkit-tmp"))

    clean = tmp_path / "clean"
    run_audit(AuditConfig([str(archive)], str(clean), partition_size=2, progress=False))
    for table in TABLES:
        assert read_table(out, table) == read_table(clean, table)
    assert json.loads((out / "summary.json").read_text()) == json.loads((clean / "summary.json").read_text())

    # resuming again does nothing; resuming with other inputs is refused
    again = run_audit(AuditConfig([str(archive)], str(out), partition_size=2, resume=True, progress=False))
    assert (again.done, again.skipped) == (0, 12)
    with pytest.raises(AuditError, match="cannot resume"):
        run_audit(AuditConfig([str(archive)], str(out), partition_size=3, resume=True, progress=False))
