"""`--only-terms --glossary NEW --since-glossary OLD`: only the terminology findings a glossary
change affects (new ones, and ones the change resolved)."""

from __future__ import annotations

from pathlib import Path

from audit_helpers import ROOT, read_table, write_jsonl
from click.testing import CliRunner

from tqkit.cli import cli

MINI = ROOT / "tests" / "glossary" / "fixtures" / "mini.yaml"


def test_only_terms_reports_what_the_glossary_change_affects(tmp_path: Path) -> None:
    old = MINI.read_text(encoding="utf-8")
    # the new glossary deprecates "Minsk Group" and no longer forbids "peacemaker"
    new = old.replace("{term: Minsk Group, status: admitted,", "{term: Minsk Group, status: deprecated,")
    new = new.replace(
        "{term: peacemaker, status: forbidden, pos: noun}", "{term: peacemaker, status: admitted, pos: noun}"
    )
    assert new != old
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    rows = [
        {"id": "a", "text": "The Minsk Group met in Vienna. The peacemaker left the town on Monday."},
        {"id": "b", "text": "Fighting resumed in Mountainous Karabakh on Tuesday, officials said."},
        {"id": "c", "text": "The weather was mild and the market opened late."},
    ]
    archive = write_jsonl(tmp_path / "a.jsonl", rows)
    out = tmp_path / "out"
    res = CliRunner().invoke(
        cli,
        [
            "audit",
            str(archive),
            "-o",
            str(out),
            "--only-terms",
            "--glossary",
            str(tmp_path / "new.yaml"),
            "--since-glossary",
            str(tmp_path / "old.yaml"),
            "--no-progress",
        ],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    found = read_table(out, "findings")
    assert all(f["rule"].startswith("TQ4") for f in found)
    got = {(f["article_id"], f["text"], f["change"]) for f in found}
    assert ("a", "Minsk Group", "new") in got
    assert ("a", "peacemaker", "resolved") in got
    assert not any(f["article_id"] == "b" for f in found)  # forbidden before and after: unchanged
    assert len(read_table(out, "articles")) == 3
    arts = {a["article_id"]: a for a in read_table(out, "articles")}
    assert set(arts["a"]) >= {"TQ401"} and not any(c.startswith(("TQ1", "TQ2")) for c in arts["a"])

    res = CliRunner().invoke(cli, ["audit", str(archive), "-o", str(out), "--only-terms"])
    assert res.exit_code == 2 and "--since-glossary" in res.stderr
