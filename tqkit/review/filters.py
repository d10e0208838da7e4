"""Which findings the review shows, and in what order: filter by rule, category and lowest
severity, show or hide dismissed findings, group by rule, category or severity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from tqkit.findings import Finding, Severity

from .session import Item

ANY = "*"
GROUPS = ("none", "rule", "category", "severity")
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _rule_label(f: Finding) -> str:
    return f"{f.rule} {f.name}"


def _category_label(f: Finding) -> str:
    return f.category.value


def _severity_label(f: Finding) -> str:
    return f.severity.label


_LABELS: dict[str, Callable[[Finding], str]] = {
    "rule": _rule_label,
    "category": _category_label,
    "severity": _severity_label,
}

_ORDER: dict[str, Callable[[Finding], tuple[object, ...]]] = {
    "rule": lambda f: (f.rule, f.span.start),
    "category": lambda f: (f.category.value, f.span.start),
    "severity": lambda f: (SEVERITY_ORDER[f.severity], f.span.start),
}


@dataclass
class Filters:
    rule: str = ANY
    category: str = ANY
    severity: str = "info"
    group: str = "none"
    show_dismissed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Filters:
        return cls(
            str(values.get("rule", ANY)),
            str(values.get("category", ANY)),
            str(values.get("severity", "info")),
            str(values.get("group", "none")),
            bool(values.get("show_dismissed", False)),
        )

    def keep(self, item: Item) -> bool:
        f = item.finding
        if item.dismissed and not self.show_dismissed:
            return False
        if self.rule != ANY and f.rule != self.rule:
            return False
        if self.category != ANY and f.category.value != self.category:
            return False
        return f.severity >= Severity.parse(self.severity)

    @property
    def active(self) -> bool:
        return (self.rule, self.category, self.severity, self.show_dismissed) != (ANY, ANY, "info", False)

    def arrange(self, items: Iterable[Item]) -> list[Item]:
        """The items this filter keeps, in document order or grouped."""
        kept = [i for i in items if self.keep(i)]
        order = _ORDER.get(self.group)
        if order is not None:
            kept.sort(key=lambda i: order(i.finding))
        return kept

    def group_label(self, item: Item) -> str:
        """The heading of the item's group ("" when not grouping)."""
        label = _LABELS.get(self.group)
        return label(item.finding) if label is not None else ""


def group_counts(filters: Filters, items: Iterable[Item]) -> dict[str, int]:
    """How many of ``items`` each group heading has."""
    counts: dict[str, int] = {}
    for item in items:
        label = filters.group_label(item)
        counts[label] = counts.get(label, 0) + 1
    return counts
