"""Articles outside fixed frames and clause grammar (TQ339-TQ342): what each detector finds in
constructed MT sentences (our own words), what it leaves alone in professional copy, its fixes,
and its silence on the professional English bundled with the tests."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from tqkit.api import check_text

if TYPE_CHECKING:
    from conftest import RuleCases

CODES = ("TQ339", "TQ340", "TQ341", "TQ342", "TQ343", "TQ344")

FIRES = [
    ("TQ339", "Border guards detained member of a smuggling ring near the river.", "member"),
    ("TQ339", "The suspect jumped into police vehicle and drove off.", "police vehicle"),
    ("TQ339", "The governor cut red ribbon at the new clinic.", "red ribbon"),
    ("TQ339", "Investigators hope to find person responsible for the fire.", "person"),
    ("TQ339", "The minister congratulated Kazakh president on his victory.", "Kazakh president"),
    ("TQ339", "He spent a decade as school teacher in the mountains.", "school teacher"),
    ("TQ339", "The farmer is member of the village council.", "member"),
    ("TQ339", "Police also detained Georgian citizen at the border.", "Georgian citizen"),
    ("TQ340", "Rebels shelled also the eastern district overnight.", "shelled also"),
    ("TQ340", "The agency reported already three new cases.", "reported already"),
    ("TQ341", "Voters will be participate in the referendum.", "be participate"),
    ("TQ341", "Such methods should not be dominate in schools.", "be dominate"),
    ("TQ342", "No reason was given. Also not clear who gave the order.", "Also not"),
    ("TQ342", "Also were detained two accomplices of the suspect.", "Also were"),
    ("TQ343", "It is reported TASS with reference to the regional governor.", "It is reported TASS"),
    ("TQ343", "The road is closed, as reported Azertac, citing the police.", "as reported Azertac"),
    ("TQ343", "The vote was postponed, as writes Kommersant.", "as writes Kommersant"),
    ("TQ339", "The president received akim of the region on Monday.", "akim"),
    ("TQ339", "Wooden bridge was washed away by the flood.", "Wooden bridge"),
    ("TQ339", "There was collision on the motorway near the airport.", "collision"),
    ("TQ339", "Woman was injured when the roof fell in.", "Woman"),
    ("TQ339", "Air defence shot down enemy drone over the lake.", "enemy drone"),
    ("TQ339", "The shell hit apartment building in the centre.", "apartment building"),
    ("TQ339", "The blast damaged high-rise building near the port.", "high-rise building"),
    ("TQ314", "The stadium is one of the largest building in the country.", "one of the largest building"),
    ("TQ344", "The risk of flooding in the valley were high all week.", "risk of flooding in the valley were"),
    ("TQ344", "Police says the driver fled.", "Police says"),
    ("TQ344", "Rain fell all day, and police has closed the road.", "police has"),
]

QUIET = {
    "TQ339": [
        "Border guards detained a member of a smuggling ring.",
        "She was appointed minister in May and elected mayor a year later.",
        "He served as ambassador to Japan and as president of the club.",
        "The prime minister met president Tokayev in Astana.",
        "The arrested member of the gang was released on bail.",
        "A recently passed bill restricts the use of drones.",
        "The almost abandoned village was shelled again.",
        "Rescuers went from house to house.",
        "The delegation landed at Tbilisi airport on Monday.",
        "Protesters gathered in Freedom Square.",
        "He is the most decorated soldier in the army.",
        "It was a landmark decision for the court.",
        "Police drove the suspects away in a police vehicle.",
        "Emergency crews raced to police headquarters.",
        "Investment in state building and civil society grew.",
        "He has a high-speed internet connection at home.",
        "The leaders held a face to face meeting.",
        "They agreed step by step.",
        "The state- owned bank failed.",
        "Meeting the minister was not easy.",
        "The army shot down a drone over the lake.",
        "The real accused person was never found.",
        "Train said the plan was dead. Critics of Train disagreed.",
        "The church has a tracery or paired lancet window.",
    ],
    "TQ340": [
        "Rebels also shelled the eastern district overnight.",
        "The town is also the seat of the regional court.",
        "The talks also the minister said were useful.",
        "The agency reported that already three cases were known.",
        "He has already a majority in parliament.",
    ],
    "TQ341": [
        "Voters will participate in the referendum.",
        "All ballots must be present at the count.",
        "The museum will be open on Sunday.",
        "Treasures can be found in the old town.",
        "The work must be complete by June.",
        "Let it be known that the vote is secret.",
    ],
    "TQ343": [
        "It is reported by TASS, citing the governor.",
        "The road is closed, as reported on Tuesday.",
        "It was reported Ivanov had resigned.",
        "As announced earlier, the road is closed.",
        "TASS reported, citing the governor, that the road was closed.",
    ],
    "TQ344": [
        "The risk of flooding in the valley was high all week.",
        "The bulk of the damage were repaired.",
        "The staff of the embassy have left.",
        "The head of the delegation and his deputy were present.",
        "The roofs of the houses were damaged.",
        "Traffic police officers were on duty.",
        "A spokesman for the police says the road is open.",
        "Police say the driver fled.",
    ],
    "TQ342": [
        "Also, two accomplices were detained.",
        "Also on the agenda is the new budget.",
        "Also present were the mayor and two deputies.",
        "Two accomplices were also detained.",
        "Also worth noting is the rise in prices.",
    ],
}


@pytest.mark.parametrize(("code", "text", "span"), FIRES)
def test_fires_with_precise_span(rule_cases: RuleCases, code: str, text: str, span: str) -> None:
    rule_cases.fires_once_at(code, text, span)


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, ts in QUIET.items() for t in ts])
def test_quiet_on_professional_copy(rule_cases: RuleCases, code: str, text: str) -> None:
    rule_cases.quiet(code, text)


@pytest.mark.parametrize(
    ("code", "text", "fixed", "safe"),
    [
        ("TQ339", "Police detained member of the gang.", "Police detained the member of the gang.", False),
        ("TQ339", "He got into police vehicle.", "He got into the police vehicle.", False),
        ("TQ340", "Rebels shelled also the district.", "Rebels also shelled the district.", False),
        ("TQ340", "They signed already two deals.", "They already signed two deals.", False),
        ("TQ343", "It is reported TASS.", "It is reported by TASS.", False),
        ("TQ344", "The cost of fuel were high.", "The cost of fuel was high.", False),
        ("TQ344", "Police says so.", "Police say so.", False),
    ],
)
def test_fix(rule_cases: RuleCases, code: str, text: str, fixed: str, safe: bool) -> None:
    assert rule_cases.first_fix(code, text) == (fixed, safe)


def test_rules_without_a_fix_offer_none() -> None:
    for code, text, _span in FIRES:
        if code in ("TQ341", "TQ342") or (code == "TQ343" and " writes " in text):
            assert all(not f.fixes for f in check_text(text, select=[code]))


def test_professional_english_stays_silent(quality_mtgrammar: ModuleType) -> None:
    """MQM TED human references and the original English of MLQE-PE en-de: no alarm at all."""
    words, alarms = quality_mtgrammar.professional_alarms(CODES)
    assert words > 30_000
    assert alarms == []
