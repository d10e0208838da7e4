"""Present passive for a finished result, infinitive after clause verbs, place adverbs, "timely",
durations, measure compounds, past after "be", parts of a dated day (TQ350-TQ358) and the widened TQ328, TQ332, TQ333
and TQ339: what each detector finds in constructed MT sentences (our own words), what it leaves alone
in professional copy, its fixes, and its silence on the professional English bundled with the
tests."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqkit.api import check_text
from tqkit.findings import apply_edits

if TYPE_CHECKING:
    from conftest import RuleCases

CODES = ("TQ350", "TQ351", "TQ352", "TQ353", "TQ354", "TQ355", "TQ356", "TQ357", "TQ358")

FIRES = [
    ("TQ350", "The water main on the square is already replaced.", "is already replaced"),
    ("TQ350", "Two barns are almost completely burned, the rescuers said.", "are almost completely burned"),
    ("TQ350", "He assured residents that all necessary steps are taken.", "are taken"),
    ("TQ350", "The gang members are already detained.", "are already detained"),
    ("TQ350", "The budget for next year is already drafted.", "is already drafted"),
    ("TQ350", "The mayor said all conditions are created for investors.", "are created"),
    ("TQ351", "The mayor suggested to close the market on Sundays.", "suggested to close"),
    ("TQ351", "The union insists to raise wages.", "insists to raise"),
    ("TQ351", "The villagers demanded to punish the guilty officials.", "demanded to punish"),
    ("TQ351", "We request to repair the bridge before winter.", "request to repair"),
    ("TQ351", "The ministry advised to limit travel.", "advised to limit"),
    ("TQ352", "After the match the fans went to home.", "went to home"),
    ("TQ352", "Many graduates move to abroad every year.", "move to abroad"),
    ("TQ352", "He came back to here in 2010.", "came back to here"),
    ("TQ353", "Rescuers timely extinguished the fire.", "timely extinguished"),
    ("TQ353", "Schools must timely report cases of flu.", "timely report"),
    ("TQ354", "The shop has been closed since two months.", "since two months"),
    ("TQ354", "Since a long time the sides have not talked.", "Since a long time"),
    ("TQ355", "Over the last decade there are fewer farms.", "there are"),
    ("TQ356", "The city opened a 200 beds hospital.", "200 beds hospital"),
    ("TQ356", "Workers laid two kilometer pipe this week.", "two kilometer pipe"),
    ("TQ357", "The agreement was signed and the decision was took unanimously.", "was took"),
    ("TQ357", "The visitors were went home early.", "were went"),
    ("TQ358", "The shop was robbed in the night of Friday.", "in the night of Friday"),
    ("TQ358", "Shots were heard at late evening or at night.", "at late evening"),
    ("TQ333", "Representative of the mayor's office said the work had begun.", "Representative"),
    ("TQ333", "Akim also thanked the builders.", "Akim"),
    ("TQ333", "Georgian Foreign Ministry said the talks were useful.", "Georgian Foreign Ministry"),
    ("TQ332", "Residents complained about these shooting.", "these shooting"),
    (
        "TQ328",
        "Police carried out a large-scale special operations codenamed Storm.",
        "a large-scale special operations",
    ),
]

QUIET = {
    "TQ333": [
        "Riverside Municipal Council is the elected body of the town.",
        "The Armenian National Assembly will meet on Monday.",
    ],
    "TQ350": [
        "The water main on the square has already been replaced.",
        "The museum is fully equipped for disabled visitors.",
        "Tickets are already sold out.",
        "The road will reopen when it is fully repaired.",
        "If the houses are completely destroyed, the state pays.",
        "Officials must make sure that all necessary steps are taken.",
        "The village is completely surrounded by forest.",
        "The house, which is partly built of stone, dates from 1820.",
        "The team is already prepared for the final.",
        "The budget is fully drafted by the ministry each spring.",
        "We must make sure all conditions are created for investors.",
    ],
    "TQ351": [
        "The mayor suggested closing the market on Sundays.",
        "The union insists on raising wages.",
        "The villagers demanded to know who was responsible.",
        "The villagers were demanded to pay a fine.",
        "Their demands to punish the officials went unheard.",
        "He was advised to rest.",
        "She suggested to him that they leave.",
        "The company requested to delay the hearing.",
        "It is recommended to drink water.",
    ],
    "TQ352": [
        "After the match the fans went home.",
        "She returned to home rule advocacy.",
        "The team moved to home games in May.",
        "From here to there is a long way.",
        "Charity begins at home.",
    ],
    "TQ353": [
        "The timely response saved lives.",
        "Payment was made in a timely manner.",
        "He stressed the need for timely action.",
    ],
    "TQ354": [
        "The shop has been closed for two months.",
        "It was the first time since two years ago.",
        "The shop has been closed since May.",
        "Since 2010, prices have doubled.",
    ],
    "TQ355": [
        "Over the last decade there have been fewer farms.",
        "In recent years there were many protests.",
        "There are fewer farms than in recent years.",
    ],
    "TQ356": [
        "The city opened a 200-bed hospital.",
        "Workers laid two kilometres of pipe this week.",
        "For 20 years farmers have grown cotton here.",
        "The boy, 12 years old, was unhurt.",
        "He will be back in two years time.",
        "A 10 mile stretch was closed.",
        "The plant produced 5 tons more than last year.",
    ],
    "TQ358": [
        "The shop was robbed on the night of Friday.",
        "Shots were heard in the evening.",
        "It happened in the morning of life.",
        "Shots were heard late in the evening.",
    ],
    "TQ357": [
        "The decision was taken unanimously.",
        "They were broke after the war.",
        "It was a bit late.",
        "The bridge was built in 1990.",
        "Were they went? No.",
    ],
}
# "Were they went?" is a question: the first word is "were" and "they" follows; quiet because the
# word after "were" is not a simple past.


@pytest.mark.parametrize(("code", "text", "span"), FIRES)
def test_fires_with_precise_span(rule_cases: RuleCases, code: str, text: str, span: str) -> None:
    rule_cases.fires_once_at(code, text, span)


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, ts in QUIET.items() for t in ts])
def test_quiet_on_professional_copy(rule_cases: RuleCases, code: str, text: str) -> None:
    rule_cases.quiet(code, text)


@pytest.mark.parametrize(
    ("code", "text", "fixed", "safe"),
    [
        ("TQ350", "The road is already repaired.", "The road has already been repaired.", False),
        ("TQ350", "Houses are completely destroyed.", "Houses have been completely destroyed.", False),
        ("TQ351", "They suggested to hold talks.", "They suggested holding talks.", False),
        ("TQ351", "They insisted to hold talks.", "They insisted on holding talks.", False),
        ("TQ352", "He will go to there soon.", "He will go there soon.", True),
        ("TQ352", "They returned to home.", "They returned home.", True),
        ("TQ353", "Police timely prevented it.", "Police promptly prevented it.", False),
        ("TQ354", "He works here since five years.", "He works here for five years.", False),
        ("TQ355", "In recent years, there is a shortage.", "In recent years, there has been a shortage.", False),
        ("TQ356", "They built a 5 kilometres road.", "They built a 5-kilometre road.", False),
        ("TQ356", "They built a 5 kilometers road.", "They built a 5-kilometer road.", False),
        ("TQ357", "The talks were took place.", "The talks were taken place.", False),
        ("TQ333", "Spokesman of the army said so.", "The spokesman of the army said so.", False),
        ("TQ358", "In the morning of 5 May it rained.", "On the morning of 5 May it rained.", True),
        ("TQ358", "It rained at late evening.", "It rained late in the evening.", False),
    ],
)
def test_fix(rule_cases: RuleCases, code: str, text: str, fixed: str, safe: bool) -> None:
    assert rule_cases.first_fix(code, text) == (fixed, safe)


def test_demand_and_request_offer_no_fix() -> None:
    for text in ("The villagers demanded to punish them.", "We request to repair the bridge."):
        (finding,) = check_text(text, select=["TQ351"])
        assert finding.fixes == ()


_WORDS = st.sampled_from(
    "the road is are already completely repaired destroyed suggested demanded to hold cancel went home "
    "there timely inform since five years in recent there a 5 kilometres pipeline was took , . Head of "
    "Spokesman said these shooting".split()
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_spans_and_fixes_stay_inside_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for f in check_text(text, select=[*CODES, "TQ333", "TQ332"]):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end].strip() == text[f.start : f.end]
        for fix in f.fixes:
            apply_edits(text, fix.edits)  # never overlapping, never outside


def test_shared_anchor_scan_follows_the_document_and_new_words() -> None:
    from tqkit.checks.mtgrammar._anchors import anchor_offsets, register_anchors

    register_anchors(["zebra"])
    first = "a zebra and a zebra"
    assert anchor_offsets(first, ["zebra"]) == [2, 14]
    second = "no stripes here, one zebra"
    assert anchor_offsets(second, ["zebra"]) == [21]
    register_anchors(["stripes"])  # a word added after the scan: the text is scanned again
    assert anchor_offsets(second, ["stripes", "zebra"]) == [3, 21]
    # rules read the scan of the document they check, one after another
    texts = ["The road is already repaired.", "We went to home.", "The road is already repaired."]
    assert [[f.rule for f in check_text(t, select=list(CODES))] for t in texts] == [["TQ350"], ["TQ352"], ["TQ350"]]


def test_professional_english_stays_silent(quality_mtgrammar: ModuleType) -> None:
    """MQM TED human references and the original English of MLQE-PE en-de: no alarm at all."""
    words, alarms = quality_mtgrammar.professional_alarms(CODES)
    assert words > 30_000
    assert alarms == []
