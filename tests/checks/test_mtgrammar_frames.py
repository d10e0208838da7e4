"""Article before a title and a name, broken existential "there", personal passive of "explain"
(TQ347-TQ349): what each detector finds in constructed MT sentences (our own words), what it
leaves alone in professional copy, its fixes, and its silence on the professional English
bundled with the tests."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from tqkit.api import check_text
from tqkit.findings import apply_edits

if TYPE_CHECKING:
    from conftest import RuleCases

CODES = ("TQ347", "TQ348", "TQ349")

FIRES = [
    ("TQ347", "The Prime Minister Ivanov opened the session.", "The Prime Minister Ivanov"),
    ("TQ347", "Flowers were laid by the President Tokayev on Monday.", "the President Tokayev"),
    ("TQ347", "The district akim Serik Abenov toured the plant.", "The district akim Serik Abenov"),
    ("TQ347", "The Deputy Prime Minister Petrova chaired the commission.", "The Deputy Prime Minister Petrova"),
    ("TQ347", "Reforms have split the Armenian society, he said.", "the Armenian society"),
    ("TQ347", "The pact is a pillar of the regional stability.", "the regional stability"),
    ("TQ347", "The Ukrainian statehood is under threat.", "The Ukrainian statehood"),
    ("TQ348", "A lorry hit the barrier, there were injured, the road is shut.", "there were injured"),
    ("TQ348", "Officials are checking is there are any victims.", "is there are"),
    ("TQ348", "The bus overturned and there were wounded among the passengers.", "there were wounded"),
    ("TQ348", "In the operation, there were detained 7 members of the gang.", "there were detained"),
    ("TQ349", "She was explained that the border was closed.", "She was explained"),
    ("TQ349", "The workers said they were explained the new rules.", "they were explained"),
    ("TQ349", "He has been explained about the penalty.", "He has been explained"),
    ("TQ349", "After the vote he was suggested to step down.", "he was suggested"),
    ("TQ349", "She was proposed to head the new agency.", "She was proposed"),
    ("TQ349", "We were answered that no tickets were left.", "We were answered"),
]

QUIET = {
    "TQ347": [
        "Prime Minister Ivanov opened the session.",
        "The Prime Minister, Boris Johnson, opened the session.",
        "The mob ousted the president Askar Akayev.",
        "The former President Donald Trump spoke on Monday.",
        "The US President Joe Biden spoke on Monday.",
        "The President Biden administration has said little.",
        "The President's office declined to comment.",
        "The President of Georgia arrived.",
        "The President on Monday signed the law.",
        "The President Hotel was evacuated.",
        "Other mayors met the Mayor Smith's deputy.",
        "Reforms have split Armenian society, he said.",
        "The Armenian society of engineers met.",
        "The regional stability fund was cut.",
        "The Minoan culture flourished on Crete.",
        "The Royal Society met on Monday.",
        "The Armenian history that he taught was partial.",
    ],
    "TQ348": [
        "The people who lived there were injured.",
        "There were injured civilians waiting in the corridor.",
        "There were no injuries, police said.",
        "Is there a plan? There are two.",
        "Nobody there was injured.",
        "Three soldiers stationed there were killed 5 km from the border.",
        "The question is whether there are other victims.",
        "Five people were injured, and there were no deaths.",
    ],
    "TQ349": [
        "It was explained that the border was closed.",
        "The rules were explained to them.",
        "He explained that the border was closed.",
        "The delay, he was told, was explained by the weather.",
        "This, she said, is explained by the weather.",
        "Their absence was explained that way.",
        "She was proposed to by her colleague on the bridge.",
        "He was suggested to the board as a candidate.",
        "Our prayers were answered that night.",
    ],
}


@pytest.mark.parametrize(("code", "text", "span"), FIRES)
def test_fires_with_precise_span(rule_cases: RuleCases, code: str, text: str, span: str) -> None:
    rule_cases.fires_once_at(code, text, span)


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, ts in QUIET.items() for t in ts])
def test_quiet_on_professional_copy(rule_cases: RuleCases, code: str, text: str) -> None:
    rule_cases.quiet(code, text)


@pytest.mark.parametrize(
    ("code", "text", "fixed"),
    [
        ("TQ347", "The Prime Minister Ivanov said so.", "Prime Minister Ivanov said so."),
        ("TQ347", "It was signed by the President Tokayev.", "It was signed by President Tokayev."),
        ("TQ347", "The Bulgarian society is tired.", "Bulgarian society is tired."),
        ("TQ349", "He was explained about the fine.", "He was told about the fine."),
        ("TQ349", "They were answered that it was shut.", "They were told that it was shut."),
    ],
)
def test_fix_is_unsafe(code: str, text: str, fixed: str) -> None:
    (finding,) = check_text(text, select=[code])
    fix = finding.fixes[0]
    assert (apply_edits(text, fix.edits), fix.safe) == (fixed, False)


def test_broken_existential_and_suggested_offer_no_fix() -> None:
    for code, text, _span in FIRES:
        if code == "TQ348" or " suggested " in text or " proposed " in text:
            assert all(not f.fixes for f in check_text(text, select=[code]))


def test_professional_english_stays_silent(quality_mtgrammar: ModuleType) -> None:
    """MQM TED human references and the original English of MLQE-PE en-de: no alarm at all."""
    words, alarms = quality_mtgrammar.professional_alarms(CODES)
    assert words > 30_000
    assert alarms == []
