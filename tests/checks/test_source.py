"""TQ5xx source-target rules on sentences and on the constructed bilingual fixtures."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tqkit.api import check_text
from tqkit.document import Document, Segment
from tqkit.findings import Span
from tqkit.registry import CheckContext
from tqkit.resources import Resources

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual"


def _fixture_texts(name: str) -> tuple[str, str]:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    src = [" ".join(p) for g in data["groups"] for p in g["src"]]
    tgt = [" ".join(p) for g in data["groups"] for p in g["tgt"]]
    return "\n\n".join(src) + "\n", "\n\n".join(tgt) + "\n"


def test_changed_year_is_reported_at_the_number_with_the_source_sentence() -> None:
    src = "Войната в Босна продължи от 1992 до 1994 година."
    tgt = "The war in Bosnia lasted from 1992 to 1996."
    found = check_text(tgt, select=["TQ502"], source=src)
    assert len(found) == 1
    f = found[0]
    assert tgt[f.start : f.end] == "1996"
    assert "1994" in f.message and src in f.message
    assert f.data["source"] == src


def test_reordered_dates_are_not_reported() -> None:
    assert not check_text("The vote is on September 27.", select=["TQ502"], source="Гласуването е на 27 септември.")
    assert not check_text("The vote is on 27 September.", select=["TQ502"], source="Голосование пройдёт 27.09.")


def test_name_missing_romanises_the_source_name() -> None:
    found = check_text(
        "The minister said the budget was ready.",
        select=["TQ503"],
        source="Министърът Петър Иванов заяви, че бюджетът е готов.",
    )
    assert len(found) == 1 and "Petar Ivanov" in found[0].message


def test_copied_sentence_is_reported() -> None:
    src = "Правителството одобри бюджета. Министърът на финансите е доволен от резултата."
    tgt = "The government approved the budget. Министърът на финансите е доволен от резултата."
    found = check_text(tgt, select=["TQ504"], source=src)
    assert len(found) == 1
    assert tgt[found[0].start : found[0].end].startswith("Министърът")
    assert found[0].data["copied"] is True


def test_fixture_gaps_are_reported_and_nothing_else() -> None:
    src, tgt = _fixture_texts("bg_en_budget.json")
    found = check_text(tgt, select=["TQ5"], source=src)
    by_rule = {f.rule: f for f in found}
    assert set(by_rule) == {"TQ505", "TQ506"}, [f.message for f in found]
    assert "Заседанието" in by_rule["TQ505"].message
    assert tgt[by_rule["TQ506"].start : by_rule["TQ506"].end].startswith("Gabrovo, a town")


def test_source_in_the_target_language_is_reported() -> None:
    text = "The council adopted the budget on Thursday after a long debate.\n"
    found = check_text(text, select=["TQ507"], source=text)
    assert len(found) == 1


def test_segments_with_their_own_source_are_checked_without_a_source_document() -> None:
    from tqkit.checks.source import NumberMismatch

    text = "The war lasted from 1992 to 1996."
    doc = Document(
        "x.xlf",
        text,
        given_segments=(Segment("u1", Span(0, len(text)), source="Войната продължи от 1992 до 1994 година."),),
    )
    found = list(NumberMismatch().check(doc, CheckContext(Resources())))
    assert [text[f.start : f.end] for f in found] == ["1996"]


def test_module_imports_cleanly() -> None:
    assert importlib.util.find_spec("tqkit.checks.source") is not None


def test_a_place_written_like_a_name_is_not_a_missing_person() -> None:
    """Issue 14: "Ближнего Востока" rendered "Middle East" is no missing name; people still are."""
    from tqkit.api import check_text

    def tq503(src: str, tgt: str) -> list[str]:
        return [f.rule for f in check_text(tgt, source=src, select=["TQ503"])]

    assert not tq503("Министр обсудил ситуацию Ближнего Востока.", "The minister discussed the Middle East.")
    assert not tq503("В Нагорный Карабах прибыли наблюдатели.", "Observers arrived in Nagorno-Karabakh.")
    assert tq503("Дмитрий Песков заявил об этом.", "The spokesman said this.")
    assert tq503("Юрий Гагарин полетел в космос.", "He flew into space.")
