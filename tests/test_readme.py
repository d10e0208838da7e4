"""README.md stays true: every rule is documented, every command shown runs, and the quick start
is exactly `make run` and `make test`.

Commands are the lines starting with ``$ tqkit `` inside fenced blocks:

* ```` ```console ```` blocks run verbatim from the repository root;
* ```` ```text ```` blocks use the reader's own files (``story.en.txt``...): they run, in README
  order, in a scratch directory holding copies of ``corpora/`` and ``glossaries/`` plus small
  stand-in files; the ones needing a terminal or an MT model are only parsed (``--help``
  appended, so an unknown sub-command or option still fails).

A command exits 0 or 1 unless a trailing ``# exit N`` comment says otherwise. Lines after a
command (up to the next ``$`` line) are output the command must print.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

FENCE_RE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
EXIT_RE = re.compile(r"#\s*exit\s+(\d+)\s*$")
SHELL_META = {"|", ">", ">>", "<", "&&", ";", "2>", "&"}


@dataclass
class Command:
    lang: str
    line: str
    argv: list[str]
    expected: set[int]
    output: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"[{self.lang}] {self.line}"


def readme_text() -> str:
    return README.read_text(encoding="utf-8")


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE_RE.finditer(text)]


def readme_commands() -> list[Command]:
    out: list[Command] = []
    for lang, body in fenced_blocks(readme_text()):
        if lang not in ("console", "text"):
            continue
        current: Command | None = None
        for raw in body.splitlines():
            if raw.startswith("$ "):
                current = None
                if raw.startswith("$ tqkit "):
                    m = EXIT_RE.search(raw)
                    expected = {int(m.group(1))} if m else {0, 1}
                    argv = shlex.split(raw[2:], comments=True)
                    assert argv[0] == "tqkit"
                    current = Command(lang, raw, argv[1:], expected)
                    out.append(current)
            elif current is not None and raw.strip() and raw.strip() != "...":
                current.output.append(raw.rstrip())
    return out


def needs_terminal_or_model(argv: list[str]) -> bool:
    """Commands the test only parses: the review app, offline MT, interactive prompts."""
    if argv[0] in ("review", "roundtrip"):
        return True
    if argv[:2] in (["models", "install"], ["models", "remove"]):
        return True
    if "--roundtrip-via" in argv or any("TQ501" in a for a in argv):
        return True
    return argv[:2] == ["glossary", "add"] and "--id" not in argv


def write_stand_ins(work: Path) -> None:
    """The files the ``text`` blocks name, written for the test (an invented news item)."""
    shutil.copytree(ROOT / "corpora", work / "corpora")
    shutil.copytree(ROOT / "glossaries", work / "glossaries")
    for p in work.rglob("*"):
        if p.is_file():
            p.chmod(0o644)
    shutil.copyfile(ROOT / "glossaries" / "nagorno-karabakh.yaml", work / "mine.yaml")
    (work / "story.bg.txt").write_text(
        "Бишкекският протокол беше подписан на 5 май 1994 година в Бишкек.\n\n"
        "Примирието влезе в сила на 12 май. Тяхната логика се основава на собствения им интерес "
        "и никой от големите батковци няма да позволи това.\n",
        encoding="utf-8",
    )
    (work / "story.en.txt").write_text(
        "The Bishkek Protocol was signed in Bishkek on 5 May 1995.\n\n"
        "The ceasefire took effect on 12 May. Their logic is based on theirs own interest, and "
        "none of the big Batkovs will allow it.\n",
        encoding="utf-8",
    )
    (work / "mt.txt").write_text(
        "The Bishkek Armistice Protocol was signed on 5 May 1994.\n"
        "The fighting the fighting stopped.\n"
        "Big Batkovs will not allow it.\n",
        encoding="utf-8",
    )
    (work / "human.txt").write_text(
        "The Bishkek Protocol was signed on 5 May 1994.\nThe fighting stopped.\nThe big shots will not allow it.\n",
        encoding="utf-8",
    )
    (work / "mt-b.txt").write_text(
        "The Bishkek Protocol was signed on May 5, 1994.\n"
        "Fighting the fighting stopped.\n"
        "The big shots will not let it happen.\n",
        encoding="utf-8",
    )
    (work / "terms.csv").write_text(
        "id,en,bg,ru\nnk-sarsang-reservoir,Sarsang Reservoir,язовир Сарсанг,Сарсангское водохранилище\n",
        encoding="utf-8",
    )


def run(runner: CliRunner, argv: list[str]) -> tuple[int, str, str]:
    result = runner.invoke(cli, argv, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check_output(cmd: Command, stdout: str) -> None:
    lines = {line.rstrip() for line in stdout.splitlines()}
    missing = [line for line in cmd.output if line not in lines]
    assert not missing, f"{cmd}: README shows output the command does not print: {missing[:3]}"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TQKIT_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("TQKIT_CACHE_DIR", "")  # no glossary cache written anywhere
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


# -- (a) rules ---------------------------------------------------------------------------------


def test_every_rule_is_documented() -> None:
    text = readme_text()
    for rule in all_rules():
        assert re.search(rf"\b{rule.code}\b", text), f"{rule.code} is not in README.md"
        assert rule.name in text, f"{rule.code} {rule.name}: the rule name is not in README.md"


def test_rules_table_has_every_rule_once_with_its_severity() -> None:
    rows = {}
    for line in readme_text().splitlines():
        m = re.match(r"\|\s*(TQ\d{3})\s*\|\s*([\w-]+)\s*\|\s*(\w+)\s*\|", line)
        if m:
            assert m.group(1) not in rows, f"{m.group(1)} listed twice in the rules table"
            rows[m.group(1)] = (m.group(2), m.group(3))
    registered = {r.code: (r.name, r.severity.name.lower()) for r in all_rules()}
    assert set(rows) == set(registered)
    for code, (name, severity) in registered.items():
        assert rows[code] == (name, severity.lower()), code
    opt_in = [r.code for r in all_rules() if not r.enabled_by_default]
    for code in opt_in:
        row = next(line for line in readme_text().splitlines() if line.startswith(f"| {code} "))
        assert "Opt-in" in row, f"{code} is opt-in but not marked so in README.md"


def test_rules_table_is_generated_from_the_registry() -> None:
    """The table between the ``rules`` markers is `tqkit rules --format markdown` (the rules'
    docstrings); change a description in the docstring, then `make readme-rules`."""
    from readme_rules import generated_table, readme_table

    current, fresh = readme_table(readme_text()), generated_table()
    if current != fresh:
        old, new = set(current.splitlines()), set(fresh.splitlines())
        changed = sorted(line.split("|")[1].strip() for line in old ^ new if line.startswith("| TQ"))
        pytest.fail(
            "README rules table is stale: run `make readme-rules` "
            f"(rows that differ: {', '.join(dict.fromkeys(changed)) or 'the header'})"
        )


# -- (c) quick start ---------------------------------------------------------------------------


def test_quick_start_is_make_run_and_make_test() -> None:
    text = readme_text()
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = fenced_blocks(section)
    assert len(blocks) == 1, "the quick start has exactly one code block"
    lines = [line.strip() for line in blocks[0][1].splitlines() if line.strip()]
    assert lines == ["make run", "make test"]


# -- (b) commands ------------------------------------------------------------------------------


def test_readme_has_commands_of_every_kind() -> None:
    cmds = readme_commands()
    assert len([c for c in cmds if c.lang == "console"]) >= 20
    shown = {c.argv[0] for c in cmds}
    for sub in ("check", "rules", "rule", "glossary", "review", "score", "langs", "models", "roundtrip", "align"):
        assert sub in shown, f"README shows no `tqkit {sub}` command"
    for cmd in cmds:
        assert not SHELL_META & set(cmd.argv), f"{cmd}: shell syntax cannot be run by the test"


def test_console_commands_run_from_the_repository_root(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    watched = [*ROOT.joinpath("glossaries").iterdir(), *ROOT.joinpath("corpora").rglob("*")]
    before = {p: p.stat().st_mtime_ns for p in watched if p.is_file()}
    runner = CliRunner()
    for cmd in (c for c in readme_commands() if c.lang == "console"):
        assert not needs_terminal_or_model(cmd.argv), f"{cmd}: put it in a ```text block"
        code, stdout, stderr = run(runner, cmd.argv)
        assert code in cmd.expected, f"{cmd}: exit {code}, expected {cmd.expected}; {stderr.strip()}"
        if code == 2:
            assert stderr.strip(), f"{cmd}: exit 2 without a message"
        check_output(cmd, stdout)
    after = {p: p.stat().st_mtime_ns for p in before}
    assert before == after, "a console command changed a file of the repository"


def test_text_commands_run_on_stand_in_files(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = env / "work"
    work.mkdir()
    write_stand_ins(work)
    monkeypatch.chdir(work)
    bundled = ROOT / "glossaries"
    before = {p: p.stat().st_mtime_ns for p in bundled.iterdir()}
    runner = CliRunner()
    ran = 0
    for cmd in (c for c in readme_commands() if c.lang == "text"):
        if needs_terminal_or_model(cmd.argv):
            code, _, stderr = run(runner, [*cmd.argv, "--help"])
            assert code == 0, f"{cmd}: does not parse: {stderr.strip()}"
            continue
        code, stdout, stderr = run(runner, cmd.argv)
        assert code in cmd.expected, f"{cmd}: exit {code}, expected {cmd.expected}; {stderr.strip()}"
        check_output(cmd, stdout)
        ran += 1
    assert ran >= 10
    assert {p: p.stat().st_mtime_ns for p in bundled.iterdir()} == before, "the bundled glossary changed"
    # the editing examples did their work on the copies
    assert "nk-murovdag" in (work / "mine.yaml").read_text(encoding="utf-8")
    assert (work / "merged.yaml").is_file() and (work / "nk.tbx").is_file()
    assert "their own" in (work / "story.en.txt").read_text(encoding="utf-8")


def test_review_and_mt_commands_fail_cleanly_without_a_terminal_or_model(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a reader sees when running those `text` examples as they are, in CI."""
    work = env / "work"
    work.mkdir()
    write_stand_ins(work)
    monkeypatch.chdir(work)
    runner = CliRunner()
    code, _, stderr = run(runner, ["review", "story.en.txt"])
    assert code == 2 and "interactive terminal" in stderr
    code, _, stderr = run(runner, ["roundtrip", "story.en.txt", "--via", "bg"])
    assert code == 2 and "install" in stderr
