"""Bad input: one clear line naming the file (and row), bad rows in the errors table while the
audit goes on, exit 2 only when nothing could be audited."""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

import pytest
from audit_helpers import read_table, write_jsonl, write_parquet
from click.testing import CliRunner

from tqkit.cli import cli


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["audit", *args], catch_exceptions=False)


def one_line(text: str) -> str:
    lines = [x for x in text.splitlines() if x.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_missing_text_column_parquet_and_jsonl(tmp_path: Path) -> None:
    pq_file = write_parquet(tmp_path / "a.parquet", [{"id": "x", "body": "Some text."}])
    res = run(str(pq_file), "-o", str(tmp_path / "o1"), "--no-progress")
    assert res.exit_code == 2
    line = one_line(res.stderr)
    assert str(pq_file) in line and "no `text` column" in line and "body" in line

    jl = write_jsonl(tmp_path / "b.jsonl", [{"id": "x", "body": "Some text."}])
    res = run(str(jl), "-o", str(tmp_path / "o2"), "--no-progress")
    assert res.exit_code == 2
    assert f"{jl}: no `text` column" in one_line(res.stderr)


def test_bad_rows_listed_and_audit_goes_on(tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    path = tmp_path / "mixed.jsonl"
    write_jsonl(path, articles[:3])
    big = "word " * (10 * 1024 * 1024)  # a 50 MB article
    with path.open("ab") as fh:
        fh.write(b'{"id": "bad-utf8", "text": "caf\xe9 au lait"}\n')
        fh.write(json.dumps({"id": "huge", "text": big}).encode("utf-8") + b"\n")
        fh.write(b'{"id": "broken", "text": \n')
        fh.write(json.dumps(articles[3]).encode("utf-8") + b"\n")
    del big
    out = tmp_path / "out"
    res = run(str(path), "-o", str(out), "--no-progress", "--partition-size", "2")
    assert res.exit_code == 0, res.output
    assert "3 article(s) could not be audited" in res.stderr
    errors = read_table(out, "errors")
    assert [(e["row"], e["error"].split(": ", 1)[0]) for e in errors] == [
        (4, f"{path}:4"),
        (5, f"{path}:5"),
        (6, f"{path}:6"),
    ]
    assert "not valid UTF-8" in errors[0]["error"]
    assert "article too large (52,428,8" in errors[1]["error"]
    assert "malformed JSON" in errors[2]["error"]
    audited = [a["article_id"] for a in read_table(out, "articles")]
    assert audited == [a["id"] for a in articles[:4]]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == 4 and summary["row_errors"] == 3


def test_parquet_binary_text_with_invalid_utf8(tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [a["text"].encode("utf-8") for a in articles[:2]] + [b"bad \xff bytes"]
    table = pa.table({"id": ["a", "b", "c"], "text": pa.array(texts, type=pa.binary())})
    pq.write_table(table, tmp_path / "bin.parquet")
    out = tmp_path / "out"
    res = run(str(tmp_path / "bin.parquet"), "-o", str(out), "--no-progress")
    assert res.exit_code == 0
    (err,) = read_table(out, "errors")
    assert err["error"].startswith(f"{tmp_path / 'bin.parquet'}:3: not valid UTF-8")
    assert [a["article_id"] for a in read_table(out, "articles")] == ["a", "b"]


def test_nothing_audited_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "1", "text": "caf\xe9"}\n')
    res = run(str(path), "-o", str(tmp_path / "out"), "--no-progress")
    assert res.exit_code == 2
    res = run(str(tmp_path / "nothing-here"), "-o", str(tmp_path / "out2"), "--no-progress")
    assert res.exit_code == 2
    assert "no such file or directory" in one_line(res.stderr)


def test_unreachable_scheduler(tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", articles[:2])
    res = run(str(archive), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9", "--connect-timeout", "1")
    assert res.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in one_line(res.stderr)


def test_full_disk(tmp_path: Path, articles: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    import tqkit.audit.run as audit_run

    def full(path: Any, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(audit_run, "atomic_write", full)
    archive = write_jsonl(tmp_path / "a.jsonl", articles[:2])
    res = run(str(archive), "-o", str(tmp_path / "out"), "--no-progress")
    assert res.exit_code == 2
    assert "cannot write: no space left on device" in one_line(res.stderr)


def test_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import tqkit.commands.audit as command

    monkeypatch.setattr(command, "missing_extra", lambda: "pyarrow")
    res = run("x.jsonl", "-o", "out")
    assert res.exit_code == 2
    assert "pip install 'tqkit[audit]'" in one_line(res.stderr)


def test_report_of_a_non_audit_dir(tmp_path: Path) -> None:
    res = run("--report", str(tmp_path))
    assert res.exit_code == 2
    assert "not an audit output directory" in one_line(res.stderr)


def test_broken_config_is_one_line(tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    (tmp_path / "tqkit.toml").write_text("select = [\n", encoding="utf-8")
    archive = write_jsonl(tmp_path / "a.jsonl", articles[:1])
    res = run(str(archive), "-o", str(tmp_path / "out"))
    assert res.exit_code == 2
    assert "tqkit.toml" in one_line(res.stderr)


class _Stream:
    """A stderr stand-in that says whether it is a terminal."""

    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> int:
        self.text += s
        return len(s)

    def flush(self) -> None:
        pass


def test_progress_bar_on_a_terminal_plain_lines_otherwise(tmp_path: Path, articles: list[dict[str, Any]]) -> None:
    from tqkit.audit.run import AuditConfig, run_audit

    archive = write_jsonl(tmp_path / "a.jsonl", articles[:4])
    tty, log = _Stream(True), _Stream(False)
    run_audit(AuditConfig([str(archive)], str(tmp_path / "o1"), partition_size=2), stderr=tty)
    run_audit(AuditConfig([str(archive)], str(tmp_path / "o2"), partition_size=2), stderr=log)
    assert "\r" in tty.text and "[" + "#" * 24 + "] 4/4 articles (100%)" in tty.text
    assert "\r" not in log.text and "\x1b" not in log.text
    assert log.text.splitlines()[-1].startswith("audit: 4 articles, 2 partitions")


def test_unwritable_output_is_one_line(
    tmp_path: Path, articles: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """tqkit.atomic's own failure (here: no temporary file can be created) is one line too."""
    import tqkit.atomic as atomic

    def no_space(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", no_space)
    archive = write_jsonl(tmp_path / "a.jsonl", articles[:1])
    res = run(str(archive), "-o", str(tmp_path / "out"), "--no-progress")
    assert res.exit_code == 2
    line = one_line(res.stderr)
    assert str(tmp_path / "out") in line and "No space left on device" in line
