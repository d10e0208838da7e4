"""TQ301 inside quotation marks: a phrase quoted on its own is the writer quoting a term."""

from __future__ import annotations

from tqkit.api import check_text
from tqkit.checks.calques import scare_quoted
from tqkit.findings import Severity, Span


def _tq301(text: str) -> list[tuple[str, Severity]]:
    return [(text[f.span.start : f.span.end], f.severity) for f in check_text(text, select=["TQ301"])]


def test_a_term_quoted_on_its_own_is_an_info_note() -> None:
    found = _tq301("Officials said a “critical infrastructure object” was hit.")
    assert found == [("critical infrastructure object", Severity.INFO)]


def test_a_calque_inside_a_quoted_sentence_of_edited_copy_is_an_info_note() -> None:
    # wire copy quotes a translated statement verbatim; the editor does not rewrite a quotation
    found = _tq301("“A critical infrastructure object was hit in the night by the enemy,” he said.")
    assert found == [("critical infrastructure object", Severity.INFO)]


def test_a_calque_inside_a_quoted_sentence_of_translated_copy_stays_a_warning() -> None:
    # the same renderings in the article's own sentences: the whole text reads translated
    text = (
        "Shelling killed three peaceful residents, and Russian peacemakers left the region.\n\n"
        "“A critical infrastructure object was hit in the night by the enemy,” he said."
    )
    found = _tq301(text)
    assert ("critical infrastructure object", Severity.WARNING) in found
    assert all(severity == Severity.WARNING for _, severity in found)


def test_one_rendering_outside_is_not_enough_to_keep_the_quoted_one_a_warning() -> None:
    text = (
        "Russian peacemakers left the region.\n\n"
        "“A critical infrastructure object was hit in the night by the enemy,” he said."
    )
    found = dict(_tq301(text))
    assert found == {"peacemakers": Severity.WARNING, "critical infrastructure object": Severity.INFO}


def test_unquoted_stays_a_warning() -> None:
    assert _tq301("A critical infrastructure object was hit.") == [("critical infrastructure object", Severity.WARNING)]


def test_scare_quoted_bounds() -> None:
    text = 'a "big thing" and "one, two. three big thing four"'
    assert scare_quoted(text, Span(3, 12))
    assert not scare_quoted(text, Span(text.index("big thing four"), text.index("big thing four") + 9))
    assert not scare_quoted("no quotes here", Span(3, 9))
