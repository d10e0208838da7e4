"""Every rule declares whether its findings carry a fix (as ruff's ``FixAvailability``), and
its own examples agree: a rule declaring NONE never offers a fix on them, ALWAYS always does."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tqkit.api import check_text
from tqkit.cli import cli
from tqkit.registry import FixAvailability, Rule, all_rules

RULES = all_rules()
DECIDED = [r for r in RULES if r.fix_availability is not FixAvailability.SOMETIMES and not r.needs_model]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_declares_its_fix_availability(rule: type[Rule]) -> None:
    assert "fix_availability" in vars(rule), f"{rule.code} does not declare fix_availability"
    assert isinstance(rule.fix_availability, FixAvailability)


@pytest.mark.parametrize("rule", DECIDED, ids=lambda r: r.code)
def test_fires_examples_agree_with_the_declared_availability(rule: type[Rule]) -> None:
    cases = [(t, None) for t in rule.fires] + [(t, s) for s, t in rule.fires_with_source]
    found = [
        f
        for text, source in cases
        for f in check_text(text, select=[rule.code], source=source, target_lang=rule.example_lang)
        if f.rule == rule.code
    ]
    assert found, f"{rule.code}: its examples gave no finding"
    with_fix = [bool(f.fixes) for f in found]
    if rule.fix_availability is FixAvailability.NONE:
        assert not any(with_fix), f"{rule.code} declares no fix but offered one"
    else:
        assert all(with_fix), f"{rule.code} declares a fix always but one finding had none"


def test_rules_listing_shows_fix_availability() -> None:
    res = CliRunner().invoke(cli, ["rules", "--format", "json"])
    rows = {r["code"]: r for r in json.loads(res.stdout)}
    assert rows["TQ201"]["fix_availability"] == "always"
    assert rows["TQ204"]["fix_availability"] == "none"
    assert rows["TQ301"]["fix_availability"] == "sometimes"
    res = CliRunner().invoke(cli, ["rules"])
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("TQ201"))
    assert "fix: always" in line
