"""``tqkit align`` and ``tqkit check --source`` across formats (end to end through the CLI)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

SRC = (
    "Войната в Босна продължи от 1992 до 1994 година.\n\n"
    "Министърът Петър Иванов заяви, че бюджетът е готов. Той ще бъде гласуван на 27 септември.\n"
)
TGT = (
    "The war in Bosnia lasted from 1992 to 1996.\n\n"
    "Minister Petar Ivanov said the budget was ready. It will be voted on September 27.\n"
)


def _tqkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tqkit", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def _docx(paragraphs: list[str]) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _write_target(tmp: Path, fmt: str) -> Path:
    paras = [p for p in TGT.split("\n\n") if p.strip()]
    srcs = [p for p in SRC.split("\n\n") if p.strip()]
    path = tmp / f"target.{fmt}"
    if fmt == "txt":
        path.write_text(TGT, encoding="utf-8")
    elif fmt == "md":
        path.write_text("# Title\n\n" + TGT, encoding="utf-8")
    elif fmt == "html":
        path.write_text(
            "<html><body>" + "".join(f"<p>{p.strip()}</p>\n" for p in paras) + "</body></html>\n", encoding="utf-8"
        )
    elif fmt == "docx":
        path.write_bytes(_docx([p.strip() for p in paras]))
    elif fmt == "xlf":
        units = "".join(
            f'<trans-unit id="{k}"><source>{s.strip()}</source><target>{t.strip()}</target></trans-unit>\n'
            for k, (s, t) in enumerate(zip(srcs, paras, strict=True), 1)
        )
        path.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="bg" '
            f'target-language="en"><body>\n{units}</body></file></xliff>\n',
            encoding="utf-8",
        )
    elif fmt == "po":
        entries = "".join(f'msgid "{s.strip()}"\nmsgstr "{t.strip()}"\n\n' for s, t in zip(srcs, paras, strict=True))
        path.write_text(entries, encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "xlf", "po"])
def test_check_with_source_works_for_every_target_format(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "source.txt").write_text(SRC, encoding="utf-8")
    target = _write_target(tmp_path, fmt)
    res = _tqkit(
        "check",
        str(target),
        "--source",
        str(tmp_path / "source.txt"),
        "--select",
        "TQ5",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert res.returncode == 1, res.stderr
    findings = json.loads(res.stdout)["findings"]
    rules = [f["rule"] for f in findings]
    assert rules == ["TQ502"], findings  # one changed year; the name and the date are fine
    assert "1996" in findings[0]["message"] and "1994" in findings[0]["message"]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_source_may_be_any_format(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "target.txt").write_text(TGT, encoding="utf-8")
    src = tmp_path / f"source.{fmt}"
    paras = [p.strip() for p in SRC.split("\n\n") if p.strip()]
    if fmt == "html":
        src.write_text("".join(f"<p>{p}</p>" for p in paras), encoding="utf-8")
    else:
        src.write_bytes(_docx(paras))
    res = _tqkit("check", str(tmp_path / "target.txt"), "--source", str(src), "--select", "TQ502", cwd=tmp_path)
    assert res.returncode == 1 and "1996" in res.stdout, res.stdout + res.stderr


@pytest.mark.slow
def test_wrong_language_source_is_reported(tmp_path: Path) -> None:
    (tmp_path / "target.txt").write_text(TGT, encoding="utf-8")
    res = _tqkit("check", "target.txt", "--source", "target.txt", "--select", "TQ507", cwd=tmp_path)
    assert res.returncode == 1 and "TQ507" in res.stdout


@pytest.mark.slow
def test_unreadable_source_exits_2(tmp_path: Path) -> None:
    (tmp_path / "target.txt").write_text(TGT, encoding="utf-8")
    (tmp_path / "bad.xlf").write_text("<xliff><file>", encoding="utf-8")
    res = _tqkit("check", "target.txt", "--source", "bad.xlf", cwd=tmp_path)
    assert res.returncode == 2 and "bad.xlf:1: malformed XLIFF" in res.stderr


@pytest.mark.slow
def test_align_command_text_and_json(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(SRC, encoding="utf-8")
    (tmp_path / "t.txt").write_text(TGT, encoding="utf-8")
    res = _tqkit("align", "s.txt", "t.txt", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "[1-1] p1.s1 -> p1.s1" in res.stdout and "Petar Ivanov" in res.stdout
    res = _tqkit("align", "s.txt", "t.txt", "--format", "json", "--level", "paragraph", cwd=tmp_path)
    data = json.loads(res.stdout)
    assert [b["kind"] for b in data["beads"]] == ["1-1", "1-1"]
    assert data["beads"][1]["target"]["line"] == 3
    res = _tqkit("align", "missing.txt", "t.txt", cwd=tmp_path)
    assert res.returncode == 2 and res.stderr.strip() == "tqkit: missing.txt: no such file"
