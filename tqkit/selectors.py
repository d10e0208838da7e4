"""Rule selectors: the one way a rule is named in ``select``/``ignore``, ``per-file-ignores``,
severity keys and inline suppressions.

A selector is a rule code or a prefix of one (``TQ301``, ``TQ30``, ``TQ3``; any case), a rule
name (``unused-suppression``), or ``ALL``. Severity keys take codes and prefixes only
(:func:`code_matches`). The bottom layer: selectors are strings, so the registry, the config,
the engine and the suppressions all use these functions without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ALL", "code_matches", "matches", "matches_any"]

ALL = "ALL"


def code_matches(prefix: str, code: str) -> bool:
    """True when ``prefix`` is ``code`` or a prefix of it (``TQ3``, ``tq30``)."""
    p = prefix.strip().upper()
    return bool(p) and code.upper().startswith(p)


def matches(selector: str, code: str, name: str | None = None) -> bool:
    """True when ``selector`` names the rule with ``code`` and ``name``: ``ALL``, the code or a
    prefix of it, or the name."""
    sel = selector.strip()
    if not sel:
        return False
    if sel.upper() == ALL:
        return True
    return code_matches(sel, code) or (name is not None and sel == name)


def matches_any(selectors: Iterable[str], code: str, name: str | None = None) -> bool:
    """True when any of ``selectors`` names the rule."""
    return any(matches(s, code, name) for s in selectors)
