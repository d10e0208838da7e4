"""What a new user hit on the command line (issue 14, items 1, 2, 4, 6, 7): each test failed
before the fix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli

GLUED = "Officials saidRussia would respond.\n"  # TQ302: only an unsafe fix
SAFE = "They defend theirs own interests in the the capital.\n"  # TQ303, TQ201: safe fixes


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args), input=input, env=env)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture(autouse=True)
def _no_colour_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)


# 1. --diff exits 1 only when the diff is not empty


def test_diff_with_only_unsafe_fixes_prints_nothing_and_exits_0(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GLUED, encoding="utf-8")
    code, out, _ = run("check", str(p), "--diff")
    assert (code, out) == (0, "")
    code, out, _ = run("check", str(p), "--diff", "--unsafe-fixes")
    assert code == 1 and "+Officials said Russia would respond." in out


def test_diff_exits_1_with_a_diff_and_2_on_bad_input(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(SAFE, encoding="utf-8")
    assert run("check", str(p), "--diff")[0] == 1
    assert run("check", str(tmp_path / "missing.txt"), "--diff")[0] == 2


# 2. score: different line counts are refused, not scored as one paragraph


def test_score_refuses_line_counts_that_differ(tmp_path: Path) -> None:
    hyp, ref = tmp_path / "hyp.txt", tmp_path / "ref.txt"
    hyp.write_text("".join(f"Line {i} of the story.\n" for i in range(300)), encoding="utf-8")
    ref.write_text("".join(f"Line {i} of the text.\n" for i in range(299)), encoding="utf-8")
    code, out, err = run("score", str(hyp), "--ref", str(ref))
    assert code == 2 and out == ""
    assert "300 lines" in err and "299 lines" in err
    # asked for explicitly, paragraphs still work
    code, out, _ = run("score", str(hyp), "--ref", str(ref), "--align", "paragraphs")
    assert code == 0 and "1 segment aligned by paragraphs" in out


# 4. NO_COLOR and FORCE_COLOR


def test_force_color_and_no_color(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(SAFE, encoding="utf-8")
    _, out, _ = run("check", str(p), env={"FORCE_COLOR": "1"})
    assert "\x1b[" in out
    _, out, _ = run("check", str(p), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in out
    _, out, _ = run("check", str(p), "--no-color", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in out


# 6. the context snippet uses the terminal's width


def test_snippet_width_follows_the_terminal(tmp_path: Path) -> None:
    line = (
        "In the morning the delegation from the capital met the local council members and "
        "then they defend theirs own interests before the long drive back to the border posts."
    )
    p = tmp_path / "a.txt"
    p.write_text(line + "\n", encoding="utf-8")
    _, wide, _ = run("check", str(p), "--select", "TQ303", env={"COLUMNS": "200"})
    assert f" | {line}" in wide  # the whole 170-character line
    _, narrow, _ = run("check", str(p), "--select", "TQ303", env={"COLUMNS": "80"})
    shown = next(x for x in narrow.splitlines() if "theirs own" in x and " | " in x)
    assert "…" in shown and len(shown) < 100


# 7. the rest of the list


def test_statistics_prints_only_the_table(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(SAFE, encoding="utf-8")
    code, out, _ = run("check", str(p), "--statistics")
    assert code == 1
    assert out.splitlines() == ["     1  TQ201  doubled-word", "     1  TQ303  possessive-error"]


def test_unsafe_fixes_without_fix_or_diff_warns(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GLUED, encoding="utf-8")
    _, _, err = run("check", str(p), "--unsafe-fixes")
    assert "--unsafe-fixes does nothing without --fix or --diff" in err


def test_fix_on_stdin_prints_the_fixed_text() -> None:
    code, out, err = run("check", "-", "--fix", input=SAFE)
    assert out == "They defend their own interests in the capital.\n"
    assert code == 0 and "Fixed 2 findings" in err


def test_fix_summary_says_how_many_were_fixed(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(SAFE + GLUED, encoding="utf-8")
    code, out, _ = run("check", str(p), "--fix")
    assert code == 1
    assert "Fixed 2 findings. Found 1 finding left in 1 file" in out
    assert "All clear" not in out


def test_stdin_filename_picks_the_format_the_config_and_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "tqkit.toml").write_text('ignore = ["TQ201"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = "# Talks\n\n```\nthe the code\n```\n\nThey defend theirs own interests in the the capital.\n"
    code, out, _ = run("check", "-", "--stdin-filename", "desk/story.md", "--format", "json", input=text)
    found = json.loads(out)["findings"]
    assert code == 1
    assert [f["rule"] for f in found] == ["TQ303"]  # TQ201 ignored by desk/tqkit.toml
    assert found[0]["path"] == "desk/story.md" and found[0]["line"] == 7
    # without it: plain text, the config of the working directory, path "-"
    code, out, _ = run("check", "-", "--format", "json", input=text)
    assert {f["rule"] for f in json.loads(out)["findings"]} >= {"TQ201", "TQ303"}
    # --fix on standard input uses it too
    code, out, _ = run("check", "-", "--fix", "--stdin-filename", "desk/story.md", input=text)
    assert "their own interests in the the capital" in out and "the the code" in out


def test_concise_format_is_one_line_per_finding(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(SAFE, encoding="utf-8")
    code, out, _ = run("check", str(p), "--format", "concise")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{p}:1:13: TQ303 “theirs own” is not English")
    assert lines[1] == f"{p}:1:{SAFE.index('the the') + 1}: TQ201 “the” is written twice in a row."
    assert all(re.fullmatch(rf"{re.escape(str(p))}:\d+:\d+: TQ\d{{3}} \S.*", line) for line in lines)


def test_short_version_flag() -> None:
    code, out, _ = run("-V")
    assert code == 0 and out.startswith("tqkit, version ")


def test_rule_prints_plain_text_not_markdown() -> None:
    code, out, _ = run("rule", "TQ303")
    assert code == 0
    assert "**" not in out and "`" not in out
    assert "What it does." in out


def test_check_help_names_every_walked_suffix() -> None:
    _, out, _ = run("check", "--help")
    assert ".markdown" in " ".join(out.split())


def test_empty_directory_warns_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, err = run("check", str(tmp_path / "empty"))
    assert code == 0
    assert "warning" in err and "no files to check" in err
    # next to a real file, the file is still checked
    p = tmp_path / "a.txt"
    p.write_text(SAFE, encoding="utf-8")
    code, out, err = run("check", str(tmp_path / "empty"), str(p))
    assert code == 1 and "TQ303" in out


# 3. an unsafe fix must not break the sentence's grammar


def test_term_fix_keeps_the_grammatical_number() -> None:
    from tqkit.api import check_text

    text = "The Russian peacemakers have not yet arrived in the town.\n"
    f = next(f for f in check_text(text, target_lang="en") if f.rule == "TQ401")
    fixed = text[: f.span.start] + f.fixes[0].edits[0].replacement + text[f.span.end :]
    assert fixed == "The Russian peacekeepers have not yet arrived in the town.\n"
    assert "“Russian peacekeepers”" in f.message  # the message and the fix agree


def test_number_heuristic() -> None:
    from tqkit.checks.terms_scan import _english_number

    assert _english_number("Russian peacekeepers") == "plural"
    assert _english_number("Russian peacekeeping contingent") == "singular"
    assert _english_number("seven areas adjacent to it") is None  # the head is not last
    assert _english_number("OSCE") is None and _english_number("the process") == "singular"


# 8. a foreign phrase is one finding


def test_foreign_phrase_is_one_finding() -> None:
    from tqkit.api import check_text

    text = "A комендантский час was declared in the town on Monday, and Москва said nothing.\n"
    found = [f for f in check_text(text, target_lang="en") if f.rule == "TQ101"]
    assert [text[f.span.start : f.span.end] for f in found] == ["комендантский час", "Москва"]
    assert "a phrase left untranslated" in found[0].message
