"""Issue 9: the options `tqkit check` and `tqkit audit` (and the glossary and rules commands)
share are declared once, in ``tqkit/commands/options.py``, and behave the same."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from tqkit.cli import cli
from tqkit.commands.audit import audit
from tqkit.commands.check import check
from tqkit.commands.glossary import lint
from tqkit.commands.rules import rules

SHARED = ("--select", "--extend-select", "--ignore", "--glossary", "--target-lang", "--encoding", "--config", "--jobs")


def _option(command: click.Command, flag: str) -> click.Option:
    found = [p for p in command.params if isinstance(p, click.Option) and flag in p.opts]
    assert len(found) == 1, f"{command.name} has no {flag}"
    return found[0]


def _shape(opt: click.Option) -> tuple[object, ...]:
    return (opt.name, tuple(opt.opts), opt.multiple, opt.is_flag, type(opt.type).__name__, opt.callback is not None)


@pytest.mark.parametrize("flag", SHARED)
def test_check_and_audit_declare_the_shared_options_alike(flag: str) -> None:
    ours, theirs = _option(check, flag), _option(audit, flag)
    assert _shape(ours) == _shape(theirs)
    if flag in ("--select", "--extend-select", "--ignore", "--glossary", "--config"):
        assert ours.help == theirs.help


def test_rules_and_glossary_lint_reuse_them() -> None:
    assert _shape(_option(rules, "--target-lang")) == _shape(_option(check, "--target-lang"))
    assert _shape(_option(lint, "--glossary")) == _shape(_option(check, "--glossary"))
    assert _option(lint, "--no-color").help == _option(check, "--no-color").help


@pytest.mark.parametrize("command", ["check", "audit", "rules"])
def test_an_unknown_language_is_one_line_and_exit_2(command: str) -> None:
    args = {"check": ["check", "x.txt"], "audit": ["audit", "x.txt", "-o", "out"], "rules": ["rules"]}[command]
    result = CliRunner().invoke(cli, [*args, "--target-lang", "xx"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqkit: --target-lang: unknown language code 'xx'")


@pytest.mark.parametrize("command", ["check", "audit"])
def test_an_unknown_rule_is_one_line_and_exit_2(command: str) -> None:
    args = {"check": ["check", "x.txt"], "audit": ["audit", "x.txt", "-o", "out"]}[command]
    result = CliRunner().invoke(cli, [*args, "--select", "TQ201,TQ999"])
    if command == "audit" and "extra" in result.output:
        pytest.skip("the audit extra is not installed")
    assert result.exit_code == 2
    assert result.output.strip() == "tqkit: unknown rule selector 'TQ999' (see `tqkit rules`)"
