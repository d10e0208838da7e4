"""One selector (issue 9): a rule is named the same way by select/ignore, per-file-ignores,
severity keys and inline suppressions: its code or a prefix of it, its name, or ALL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.registry import all_rules, select_rules
from tqkit.selectors import code_matches, matches, matches_any


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("TQ901", True),
        ("tq9", True),
        ("TQ90", True),
        (" TQ901 ", True),
        ("unused-suppression", True),
        ("ALL", True),
        ("all", True),
        ("TQ902", False),
        ("TQ1", False),
        ("unused", False),
        ("", False),
        ("Unused-Suppression", False),
    ],
)
def test_matches(selector: str, expected: bool) -> None:
    assert matches(selector, "TQ901", "unused-suppression") is expected


def test_codes_only_and_any() -> None:
    assert code_matches("tq3", "TQ301") and not code_matches("", "TQ301") and not code_matches("TQ31", "TQ301")
    assert not matches("unused-suppression", "TQ901")  # no name given: codes only
    assert matches_any(["TQ1", "unused-suppression"], "TQ901", "unused-suppression")
    assert not matches_any([], "TQ901", "unused-suppression")


def test_registry_selects_by_the_same_rule() -> None:
    by_name = {r.code for r in select_rules(["unused-suppression"])}
    by_code = {r.code for r in select_rules(["TQ901"])}
    assert by_name == by_code == {"TQ901"}
    assert {r.code for r in select_rules(["TQ9"])} == {r.code for r in all_rules() if r.code.startswith("TQ9")}


UNUSED = "<!-- tqkit: ignore TQ201 -->\nThe talks went well.\n"


def _rules_found(tmp_path: Path, config: str) -> list[str]:
    tmp_path = tmp_path / str(len(list(tmp_path.iterdir())))  # a fresh directory: configs are cached
    tmp_path.mkdir()
    (tmp_path / "tqkit.toml").write_text(config, encoding="utf-8")
    path = tmp_path / "a.md"
    path.write_text(UNUSED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return [f["rule"] for f in json.loads(result.output)["findings"]]


@pytest.mark.parametrize("selector", ["TQ901", "TQ9", "unused-suppression", "ALL"])
def test_per_file_ignore_silences_tq901_by_code_prefix_or_name(tmp_path: Path, selector: str) -> None:
    assert _rules_found(tmp_path, "") == ["TQ901"]
    assert _rules_found(tmp_path, f'[per-file-ignores]\n"*.md" = ["{selector}"]\n') == []


def test_suppression_comment_names_a_rule_by_name(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("<!-- tqkit: ignore doubled-word -->\nTalks in the the capital.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == []
