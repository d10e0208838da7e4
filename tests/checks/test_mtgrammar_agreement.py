"""MT grammar TQ325-TQ334 (agreement, articles, degree words, determiners, word order): what each detector finds in MT
news copy, what it must leave alone in professional copy, and what its fixes do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqkit.api import check_text
from tqkit.findings import apply_edits

# Constructed MT sentences (our own words, after the patterns of English editions of Armenian,
# Azerbaijani, Bulgarian, Russian, Ukrainian and Turkish agencies).
FIRES = [
    ("TQ325", "The deputies said they was not informed about the vote.", "they was"),
    ("TQ325", "We is open to dialogue, the foreign minister said.", "We is"),
    ("TQ325", "The prosecutor said she don't see grounds for an appeal.", "she don't"),
    ("TQ325", "According to the ministry, it are temporary measures.", "it are"),
    ("TQ325", "The ambassador said he have met the families of the hostages.", "he have"),
    ("TQ326", "The sides has agreed to resume the negotiations.", "sides has"),
    ("TQ326", "Officials said that the roads was closed because of snow.", "roads was"),
    ("TQ326", "These decisions is binding for all ministries.", "decisions is"),
    ("TQ326", "Both parties does not want early elections.", "parties does"),
    ("TQ326", "There was several explosions in the city overnight.", "There was several explosions"),
    (
        "TQ326",
        "The delegation said the flag of the Republic of Armenia were raised.",
        "flag of the Republic of Armenia were",
    ),
    ("TQ327", "A rally was held in centre of the capital on Sunday.", "in centre of"),
    ("TQ327", "The issue will be discussed at next meeting of the commission.", "at next meeting of"),
    ("TQ327", "The document was signed with participation of the foreign ministers.", "with participation of"),
    ("TQ327", "The prices will rise at beginning of the year.", "at beginning of"),
    ("TQ327", "Two houses were damaged as result of the shelling.", "as result of"),
    ("TQ327", "The delegation arrived at invitation of the parliament.", "at invitation of"),
    ("TQ327", "Volume of trade between the two countries grew by 8 percent.", "Volume of"),
    ("TQ327", "Main goal of the visit is to sign the treaty.", "Main goal of"),
    ("TQ328", "A talks between the foreign ministers will take place in Geneva.", "A talks"),
    ("TQ328", "The government adopted an amendments to the budget.", "an amendments"),
    ("TQ328", "The company signed a new contracts with the suppliers.", "a new contracts"),
    ("TQ329", "Azerbaijan is one of the most biggest exporters in the region.", "most biggest"),
    ("TQ329", "Ties between the countries became more stronger than ever.", "more stronger"),
    ("TQ329", "It was the least cheapest offer.", "least cheapest"),
    ("TQ330", "Agriculture is one of most important sectors of the economy.", "one of most"),
    ("TQ330", "Ganja is one of oldest cities of the country.", "one of oldest"),
    ("TQ330", "Transport is one of key areas of cooperation.", "one of key"),
    ("TQ331", "China is largest trading partner of the country.", "largest trading partner"),
    ("TQ331", "The year became most difficult period for exporters.", "most difficult period"),
    ("TQ331", "Most difficult situation is in the north of the region.", "Most difficult situation"),
    ("TQ331", "Both meetings were held at same time.", "at same"),
    ("TQ332", "These decision was adopted at the session.", "These decision"),
    ("TQ332", "This villages were left without gas.", "This villages"),
    ("TQ333", "Turkish delegation arrived in Baku on Tuesday.", "Turkish delegation"),
    ("TQ333", "Ukrainian army repelled the attack, the general staff said.", "Ukrainian army"),
    ("TQ333", "New government will be formed by the end of May.", "New government"),
    ("TQ334", "It was discussed the prospects of cooperation in energy.", "It was discussed"),
    ("TQ334", "It was stressed the need to reopen the border.", "It was stressed"),
]

# Professional news copy that must stay silent (our own sentences in the style of agency copy,
# built around the words each detector keys on), and a few lines of MLQE-PE post-edits (CC0)
# that were false alarms while the detectors were built.
QUIET = {
    "TQ325": [
        "The deputies said they were not informed about the vote.",
        "Did he have any contact with the suspects?",
        "Would they do it again? Few think so.",
        "If it were not for the rain, the harvest would be larger.",
        "Let it do its work, the governor said of the commission.",
        "Those who do not know it are weak.",
        "World War I was a turning point for the region.",
        "What I tell you is what the minister told me.",
        'The word "they" is plural.',
        "Other data about it have not been found.",
    ],
    "TQ326": [
        "The cost of the repairs is not yet known.",
        "One of the countries has withdrawn its ambassador.",
        "What the government plans is a new tax on fuel.",
        "All the ministry needs is more time.",
        "The news was welcomed in Yerevan.",
        "The last two years has been hard for farmers.",
        "The series is broadcast on Sundays.",
        "The United States is the largest donor.",
        "Economics is not an exact science, he said.",
        "Their whereabouts is unknown.",
        "The difference between categories is a matter of degree.",
        "Living outside the ethical considerations is not more natural.",
        "Reducing these minor discrepancies was a major part of the work.",
        "The headquarters is in Baku.",
        "There's new possibilities here.",
        "There was 20 minutes left in the game.",
        "There is news from the front.",
        "The government of Ukraine have said so.",
        "The opening of the Olympic Games were delayed by rain.",
        "The ministry and the office of the Chancellor have declined to comment.",
    ],
    "TQ327": [
        "The mayor spoke in front of the town hall on behalf of the residents.",
        "In case of rain, the concert will move indoors.",
        "Talks are due to resume at the end of the month.",
        "The plan was adopted as part of the reform.",
        "He was arrested on suspicion of fraud.",
        "A march was held in memory of the victims.",
        "The rebels acted in violation of the ceasefire.",
        "He served as head of the delegation.",
        "The village came under control of the army.",
        "The region is in urgent need of aid.",
        "The firm was at risk of bankruptcy.",
        "In autumn of that year the war ended.",
        "Villagers were in danger of losing their homes.",
        "They want to take care of the children.",
        "Interest rates are in excess of 20 percent.",
        "Explosion at plant of chemicals maker",
        "Protesters came from outside of the city.",
        "Construction of the bridge began in May.",
        "Lack of funding is the main problem.",
        "Number of cases:",
    ],
    "TQ328": [
        "Talks between the foreign ministers will take place in Geneva.",
        "A sales tax was introduced in May.",
        "A series of attacks hit the city.",
        "A human rights group condemned the arrests.",
        "The company opened a new headquarters in Baku.",
        "It is a means of pressure on the government.",
        "A few hours later the talks resumed.",
        "She works as a sports journalist.",
        "Over a hundred people were evacuated.",
        "A liberal refrains from judging.",
    ],
    "TQ329": [
        "Azerbaijan is one of the biggest exporters in the region.",
        "More older people voted this time.",
        "One more bigger problem remains.",
        "Most other countries agreed.",
        "The most senior officials attended.",
        "There were thirteen more larger and smaller changes.",
        "Prices rose more sharply than expected.",
        "The most important thing is peace.",
        "Leaving now is the least worst option.",
    ],
    "TQ330": [
        "Agriculture is one of the most important sectors of the economy.",
        "One of them was detained.",
        "It is one of many reasons.",
        "He was one of 40 passengers.",
        "It is one of Europe's oldest cities.",
        "One of those injured is a child.",
        "Someone of his stature should know better.",
        "He was one of countless victims of the regime.",
        "It was one of last year's best films.",
        "She is one of fifteen candidates.",
    ],
    "TQ331": [
        "China is the largest trading partner of the country.",
        "The village was hardest hit by the floods.",
        "The town is best known for its monastery.",
        "It is most important that the talks go on.",
        "Turnout was highest in the capital.",
        "It is best practice to publish the budget.",
        "Most residents left the village.",
        "Most important, nobody was hurt.",
        "It was much the same as last year.",
        "Same-sex couples may now register.",
        "He said the very same thing.",
    ],
    "TQ332": [
        "This decision was adopted at the session.",
        "These computer systems were hacked.",
        "This shows that the reform works.",
        "These species are endangered.",
        "This data is published monthly.",
        "These days the border is quiet.",
        "Those present voted for the motion.",
        "This means higher prices.",
        "These youth are unemployed.",
    ],
    "TQ333": [
        "The Turkish delegation arrived in Baku on Tuesday.",
        "Ukrainian troops repelled the attack.",
        "Turkish police detained three suspects.",
        "Russian foreign minister Sergei Lavrov said the talks would go on.",
        "Each delegation has one vote.",
        "Denmark's parliament has approved the law.",
        "He met St. Petersburg governor Alexander Beglov.",
        "Nine government soldiers died in the attack.",
        "Russian army shells village",
    ],
    "TQ334": [
        "It was noted that the talks were constructive.",
        "It was held the next day in the capital.",
        "It was decided to postpone the vote.",
        "It was signed by both presidents.",
        "It was opened to visitors in 1990.",
        "It is considered a weak economy.",
        "Officials said it was discussed at length.",
        "It was built a century ago.",
        "It was built the hard way.",
        "It was declared a success.",
        "It was signed two years ago.",
    ],
}


@pytest.mark.parametrize(("code", "text", "flagged"), FIRES)
def test_detector_fires_with_a_precise_span(code: str, text: str, flagged: str) -> None:
    findings = [f for f in check_text(text, select=[code]) if f.rule == code]
    assert findings, f"{code} should fire on {text!r}"
    assert text[findings[0].span.start : findings[0].span.end] == flagged


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, ts in QUIET.items() for t in ts])
def test_detector_quiet_on_professional_copy(code: str, text: str) -> None:
    findings = [f for f in check_text(text, select=[code]) if f.rule == code]
    assert not findings, f"{code} fired on {text!r}: {[f.message for f in findings]}"


FIXES = [
    ("TQ325", "The deputies said they was not informed.", "The deputies said they were not informed.", True),
    ("TQ325", "She don't agree, the lawyer said.", "She doesn't agree, the lawyer said.", False),
    ("TQ326", "The sides has agreed.", "The sides have agreed.", False),
    ("TQ327", "A rally was held in centre of the capital.", "A rally was held in the centre of the capital.", False),
    ("TQ327", "Number of victims rose to 40.", "The number of victims rose to 40.", False),
    ("TQ328", "A talks between them lasted an hour.", "Talks between them lasted an hour.", False),
    ("TQ328", "They adopted an amendments to the code.", "They adopted amendments to the code.", False),
    ("TQ329", "It is the most biggest port.", "It is the biggest port.", True),
    ("TQ329", "Most biggest ports are in the south.", "Biggest ports are in the south.", True),
    ("TQ330", "It is one of most important projects.", "It is one of the most important projects.", True),
    ("TQ331", "It is largest port.", "It is the largest port.", False),
    ("TQ331", "They met at same time.", "They met at the same time.", True),
    ("TQ332", "These decision was final.", "This decision was final.", False),
    ("TQ333", "Azerbaijani delegation arrived.", "The Azerbaijani delegation arrived.", False),
    ("TQ333", "New government was formed.", "The new government was formed.", False),
]


@pytest.mark.parametrize(("code", "text", "fixed", "safe"), FIXES)
def test_fix(code: str, text: str, fixed: str, safe: bool) -> None:
    findings = [f for f in check_text(text, select=[code]) if f.rule == code]
    assert findings
    fix = findings[0].fixes[0]
    assert fix.safe is safe
    assert apply_edits(text, fix.edits) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "It is a coded rule only when one of\nthe slots is an open class.",
        "Did\nhe have any contact with them?",
        "He said the\nRussian army shelled nothing.",
        "They said that\nNumber of victims rose.",
        "Asked about it\nIt was discussed the issues.",
    ],
)
def test_a_line_break_inside_a_sentence_is_a_space(text: str) -> None:
    codes = [f"TQ{n}" for n in range(325, 335)]
    assert not [f for f in check_text(text, select=codes) if f.rule in codes]


def test_a_blank_line_opens_a_sentence() -> None:
    findings = check_text("Results\n\nRussian army shelled the village.", select=["TQ333"])
    assert [f.rule for f in findings] == ["TQ333"]


def test_messages_name_the_words_and_the_remedy() -> None:
    (f,) = [f for f in check_text("The deputies said they was not informed.", select=["TQ325"])]
    assert "they was" in f.message and "they were" in f.message
    (f,) = [f for f in check_text("A rally was held in centre of the capital.", select=["TQ327"])]
    assert "centre" in f.message and "the" in f.message


def test_article_idioms_file_has_a_source_per_row() -> None:
    from tqkit.checks.mtgrammar.articles import article_idioms

    idioms, nouns, openings, counts = article_idioms()
    assert "in front" in idioms and "on behalf" in idioms and "as part" in idioms
    assert "part" in nouns and "number" in openings and "participation" in counts


def test_broken_article_idioms_file_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tqkit import datafiles
    from tqkit.checks.mtgrammar import articles
    from tqkit.errors import ResourceError

    bad = tmp_path / "article-idioms.tsv"
    monkeypatch.setattr(datafiles, "bundled_glossary_dir", lambda: tmp_path)
    for n, text in ((1, "idiom\tin front\n"), (2, "# kinds\nadverb\tin front\tsource\n")):
        bad.write_text(text, encoding="utf-8")
        articles.article_idioms.cache_clear()
        try:
            with pytest.raises(ResourceError, match=rf"article-idioms.tsv:{n}: expected idiom\|noun"):
                articles.article_idioms()
        finally:
            articles.article_idioms.cache_clear()
