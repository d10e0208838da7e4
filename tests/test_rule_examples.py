"""Every rule carries examples that must fire and examples that must not; this test runs them
all (the rule's own documentation is thereby tested too)."""

from __future__ import annotations

import pytest

from tqkit.api import check_text
from tqkit.registry import Rule, all_rules

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_documentation_and_examples(rule: type[Rule]) -> None:
    doc = rule.doc()
    assert doc, f"{rule.code} has no docstring"
    for section in ("What it does", "Why it matters", "Example", "Fix safety"):
        assert section in doc, f"{rule.code} docstring lacks the “{section}” section"
    if rule.needs_model:
        pytest.skip(f"{rule.code} needs an MT model; its examples run in tests/mt")
    fires = len(rule.fires) + len(rule.fires_with_source)
    quiet = len(rule.quiet) + len(rule.quiet_with_source)
    assert fires >= 1, f"{rule.code} has no example that must fire"
    assert quiet >= 1, f"{rule.code} has no example that must stay quiet"


LANG = {rule.code: rule.example_lang for rule in RULES}


def _cases() -> list[tuple[str, str, str | None, bool]]:
    out = []
    for rule in RULES:
        if rule.needs_model:
            continue
        out += [(rule.code, ex, None, True) for ex in rule.fires]
        out += [(rule.code, ex, None, False) for ex in rule.quiet]
        out += [(rule.code, tgt, src, True) for src, tgt in rule.fires_with_source]
        out += [(rule.code, tgt, src, False) for src, tgt in rule.quiet_with_source]
    return out


@pytest.mark.parametrize(
    ("code", "text", "source", "must_fire"),
    _cases(),
    ids=lambda v: v if isinstance(v, str) and v.startswith("TQ") else "",
)
def test_rule_example(code: str, text: str, source: str | None, must_fire: bool) -> None:
    findings = [f for f in check_text(text, select=[code], source=source, target_lang=LANG[code]) if f.rule == code]
    if must_fire:
        assert findings, f"{code} should fire on: {text!r}"
        for f in findings:
            assert f.message and f.span.end > f.span.start
    else:
        assert not findings, f"{code} should stay quiet on {text!r} but said: {[f.message for f in findings]}"
