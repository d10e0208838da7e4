"""A typo in ``registry.RULE_MODULES`` stops tqkit at start-up instead of silently dropping a
rule family (issue 9); every listed module exists."""

from __future__ import annotations

import importlib.util

import pytest

from tqkit import registry


def test_every_rule_module_exists() -> None:
    missing = [m for m in registry.RULE_MODULES if importlib.util.find_spec(m) is None]
    assert not missing


def test_a_misspelt_rule_module_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "RULE_MODULES", (*registry.RULE_MODULES, "tqkit.checks.grammer"))
    monkeypatch.setattr(registry, "_LOADED", False)
    with pytest.raises(ImportError, match=r"RULE_MODULES names 'tqkit.checks.grammer'"):
        registry.all_rules()


def test_pack_loader_learns_the_rule_codes() -> None:
    from tqkit.packs import load

    codes = {r.code for r in registry.all_rules()}
    assert load._rule_codes is not None and codes <= load._rule_codes
