"""The engine split (issue 9): one process-pool helper for check and fix, and suppressions
with TQ901 run as a registered post-pass, not as code in ``Engine.check``."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from click.testing import CliRunner

import tqkit.engine
from tqkit.checks.meta import suppressions
from tqkit.cli import cli
from tqkit.config import Settings
from tqkit.document import Document
from tqkit.engine import Engine
from tqkit.findings import Severity, Span
from tqkit.parallel import map_files
from tqkit.registry import post_passes
from tqkit.ruleoptions import MTOptions, RuleOptions, SourceOptions

UNUSED = "<!-- tqkit: ignore TQ201 -->\nA clean paragraph about the budget.\n"


def _square(n: int) -> int:
    return n * n


def test_map_files_keeps_order_serially_and_in_a_pool() -> None:
    items = list(range(40))
    assert list(map_files(_square, items, 1)) == [n * n for n in items]
    warmed: list[bool] = []
    assert list(map_files(_square, items, 2, warm=lambda: warmed.append(True))) == [n * n for n in items]
    assert warmed == [True]


def test_suppressions_are_a_registered_post_pass() -> None:
    assert suppressions in post_passes()
    tree = ast.parse(inspect.getsource(tqkit.engine))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {m for m in imported if m and (m.startswith("tqkit.checks") or m == "tqkit.suppress")}
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert not any(s.startswith("TQ") for s in strings)  # no rule code in the engine


def test_unused_suppression_reported_and_silenced_by_code_or_name() -> None:
    found, _ = Engine(Settings(target_lang="en")).check(Document("a.md", UNUSED, "en"))
    assert [f.rule for f in found] == ["TQ901"]
    for selector in ("TQ901", "TQ9", "unused-suppression"):
        settings = Settings(target_lang="en", per_file_ignores=(("*.md", (selector,)),))
        found, _ = Engine(settings).check(Document("a.md", UNUSED, "en"))
        assert found == [], selector


def test_severity_override_reaches_post_pass_findings() -> None:
    settings = Settings(target_lang="en", severity=(("TQ901", Severity.ERROR),))
    found, _ = Engine(settings).check(Document("a.md", UNUSED, "en"))
    assert [(f.rule, f.severity) for f in found] == [("TQ901", Severity.ERROR)]


def test_fix_and_diff_in_parallel_match_serial(tmp_path: Path) -> None:
    texts = {f"{i}.txt": f"Paragraph {i}: the the committee met.\n" for i in range(4)}
    outputs = []
    for jobs in ("1", "2"):
        for name, text in texts.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        res = CliRunner().invoke(cli, ["check", "--diff", "--select", "TQ201", "-j", jobs, str(tmp_path)])
        outputs.append((res.exit_code, res.stdout))
    assert outputs[0] == outputs[1] and outputs[0][0] == 1
    assert outputs[0][1].count("+++ b/") == 4
    res = CliRunner().invoke(cli, ["check", "--fix", "--select", "TQ201", "-j", "2", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert all("the the" not in (tmp_path / n).read_text(encoding="utf-8") for n in texts)


def test_rule_options_are_typed_per_family() -> None:
    opts = RuleOptions.from_mapping({"roundtrip_via": "bg", "models_dir": "/m", "source_lang": "ru"})
    assert opts == RuleOptions(MTOptions(models_dir="/m", roundtrip_via="bg"), SourceOptions("ru"))
    with pytest.raises(ValueError, match="roundtrip_vai"):
        RuleOptions.from_mapping({"roundtrip_vai": "bg"})
    hash(opts)  # frozen: it keys the engine cache


def test_rules_leave_the_document_alone() -> None:
    text = "Russian peacemakers arrived in Kiev. The the talks were held.\n\nRussian peacekeepers left.\n"
    doc = Document("a.txt", text, "auto", code_spans=(Span(0, 3),), reader_state=("the reader's",))
    before = dict(vars(doc))
    source = Document("<source>", "Российские миротворцы прибыли в Киев.\n\nМиротворцы ушли.\n", "und")
    findings, _ = Engine(Settings(extend_select=("TQ5",))).check(doc, source)
    assert "TQ201" in {f.rule for f in findings}
    # only derived views were added (computed once, on first use); no field changed
    assert {k: v for k, v in vars(doc).items() if k in before} == before
    assert doc.target_lang == "auto"  # the engine checked an English copy of it
