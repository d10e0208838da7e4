"""TQ310-TQ358: grammar that machine translation leaves behind in English news copy.

Verb forms after an auxiliary ("did not commented", "will also met", "has became"), the
present with *since* and a point in time ("are held since 1992"), "one of the" with a singular
noun, quantity words after decimals ("2.5 thousand", "1,5 million") and a currency said twice
("EUR 3 million euros").

Every detector is literal-led: a cheap regular expression over ``Document.folded`` finds the
few candidate anchors, and only there are words looked up. Word forms come from lemminflect's
inflection lexicon (it ships its data; nothing is downloaded); its tables are loaded the first
time a candidate needs them, so a clean article never pays for them. A small list of irregular
verbs (``glossaries/english-irregular-verbs.tsv``, generated from lemminflect) is the first
filter.

One module per family: ``verbforms`` (TQ310-TQ312), ``tense`` (TQ313, TQ317), ``order`` (TQ318,
TQ334), ``nouns`` (TQ314), ``numerals`` (TQ319), ``quantities`` (TQ315, TQ316), ``agreement``
(TQ325, TQ326), ``articles`` (TQ327, TQ328), ``degree`` (TQ329), ``determiners`` (TQ330, TQ331), ``demonstratives`` (TQ332),
``subjects`` (TQ333), ``objects`` (TQ339), ``clauses`` (TQ340-TQ342), ``frames`` (TQ347-TQ349), ``results`` (TQ350, TQ357), ``complements``
(TQ351), ``adverbs`` (TQ352, TQ353),
``durations`` (TQ354, TQ355, TQ358), ``compounds`` (TQ356); ``_words`` holds the shared word knowledge and
``_anchors`` the anchor scan TQ350-TQ357 share.
Importing this package registers every rule.
"""

from __future__ import annotations

from tqkit.checks.mtgrammar.adverbs import TimelyAsAdverb, ToBeforePlaceAdverb
from tqkit.checks.mtgrammar.agreement import PronounVerbAgreement, SubjectVerbNumber
from tqkit.checks.mtgrammar.articles import ArticleWithPlural, BareNounBeforeOf
from tqkit.checks.mtgrammar.attraction import SingularSubjectPluralVerb
from tqkit.checks.mtgrammar.clauses import AdverbBeforeObject, AlsoWithoutSubject, BeWithBareVerb
from tqkit.checks.mtgrammar.complements import InfinitiveAfterClauseVerb
from tqkit.checks.mtgrammar.compounds import MeasureCompound
from tqkit.checks.mtgrammar.degree import DoubleComparative
from tqkit.checks.mtgrammar.demonstratives import DemonstrativeNumber
from tqkit.checks.mtgrammar.determiners import OneOfWithoutDeterminer, SuperlativeWithoutThe
from tqkit.checks.mtgrammar.durations import PresentWithRecentYears, SinceWithDuration, TimeOfDayPreposition
from tqkit.checks.mtgrammar.frames import BrokenExistential, ExplainedPersonalPassive, NeedlessArticle
from tqkit.checks.mtgrammar.nouns import OneOfSingular
from tqkit.checks.mtgrammar.numerals import SingularAfterNumber
from tqkit.checks.mtgrammar.objects import BareCountNoun
from tqkit.checks.mtgrammar.order import FrontedAdverbialInversion, ImpersonalPassive
from tqkit.checks.mtgrammar.quantities import DecimalQuantity, DoubledUnit
from tqkit.checks.mtgrammar.reporting import SourceWithoutBy
from tqkit.checks.mtgrammar.results import PastAfterBe, ResultInPresentPassive
from tqkit.checks.mtgrammar.subjects import BareSubjectNoun
from tqkit.checks.mtgrammar.tense import PerfectWithPastTime, PresentWithSince
from tqkit.checks.mtgrammar.verbforms import PastAfterPerfect, VerbFormAfterDo, VerbFormAfterModal

__all__ = [
    "AdverbBeforeObject",
    "AlsoWithoutSubject",
    "ArticleWithPlural",
    "BareCountNoun",
    "BareNounBeforeOf",
    "BareSubjectNoun",
    "BeWithBareVerb",
    "BrokenExistential",
    "DecimalQuantity",
    "DemonstrativeNumber",
    "DoubleComparative",
    "DoubledUnit",
    "ExplainedPersonalPassive",
    "FrontedAdverbialInversion",
    "ImpersonalPassive",
    "InfinitiveAfterClauseVerb",
    "MeasureCompound",
    "NeedlessArticle",
    "OneOfSingular",
    "OneOfWithoutDeterminer",
    "PastAfterBe",
    "PastAfterPerfect",
    "PerfectWithPastTime",
    "PresentWithRecentYears",
    "PresentWithSince",
    "PronounVerbAgreement",
    "ResultInPresentPassive",
    "SinceWithDuration",
    "SingularAfterNumber",
    "SingularSubjectPluralVerb",
    "SourceWithoutBy",
    "SubjectVerbNumber",
    "SuperlativeWithoutThe",
    "TimeOfDayPreposition",
    "TimelyAsAdverb",
    "ToBeforePlaceAdverb",
    "VerbFormAfterDo",
    "VerbFormAfterModal",
]
