"""Which findings the review shows, and in what order."""

from __future__ import annotations

from tqkit.findings import Category, Finding, Severity, Span
from tqkit.review.filters import ANY, Filters, group_counts
from tqkit.review.session import Item


def _item(rule: str, start: int, severity: Severity, category: Category, dismissed: bool = False) -> Item:
    f = Finding(rule, rule.lower(), Span(start, start + 1), severity, category, "m")
    return Item(f, f.span, "x", dismissed)


ITEMS = [
    _item("TQ303", 0, Severity.WARNING, Category.GRAMMAR),
    _item("TQ102", 5, Severity.ERROR, Category.UNTRANSLATED),
    _item("TQ201", 9, Severity.INFO, Category.GRAMMAR, dismissed=True),
    _item("TQ303", 12, Severity.WARNING, Category.GRAMMAR),
]


def test_default_filter_hides_dismissed_in_document_order() -> None:
    f = Filters()
    assert not f.active
    assert [i.finding.span.start for i in f.arrange(ITEMS)] == [0, 5, 12]


def test_filter_and_group() -> None:
    f = Filters(severity="warning", group="severity", show_dismissed=True)
    assert f.active
    shown = f.arrange(ITEMS)
    assert [i.finding.rule for i in shown] == ["TQ102", "TQ303", "TQ303"]
    assert group_counts(f, shown) == {"error": 1, "warning": 2}
    by_rule = Filters(rule="TQ303", group="rule")
    assert [by_rule.group_label(i) for i in by_rule.arrange(ITEMS)] == ["TQ303 tq303"] * 2
    assert Filters(category=Category.UNTRANSLATED.value).arrange(ITEMS) == [ITEMS[1]]


def test_round_trip_through_the_dialog_values() -> None:
    f = Filters(rule="TQ102", category=ANY, severity="error", group="rule", show_dismissed=True)
    assert Filters.from_dict(f.as_dict()) == f
    assert Filters.from_dict({}) == Filters()
