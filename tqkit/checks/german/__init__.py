"""TQ701-TQ708: what machine translation into German gets wrong and raters mark.

Studied on the MLQE-PE en-de post-editing data (English Wikipedia sentences, NMT into German,
professional post-edits: what post-editors changed) and on German style references (Duden on
quotation marks, the apostrophe, the comma in lists and number formats). Every rule runs only on
German copy (``--target-lang de`` or detected) and is literal-led: a cheap regular expression
finds the few candidates, and only there are words looked up.

``quotes`` (TQ701: English quotation marks), ``punct`` (TQ702: the English possessive
apostrophe, TQ703: the serial comma before "und"/"oder", TQ708: "EU Kommission" for "EU-Kommission"), ``numbers`` (TQ704: "in 2010",
TQ705: English decimal point and thousands comma, TQ706: the currency sign before the amount,
TQ707: the English date order). Importing this package registers every rule.
"""

from __future__ import annotations

from tqkit.checks.german.numbers import CurrencyBeforeAmount, EnglishDateOrder, EnglishNumberFormat, InYear
from tqkit.checks.german.punct import AbbreviationCompoundApart, EnglishPossessive, SerialComma
from tqkit.checks.german.quotes import EnglishQuotes

__all__ = [
    "AbbreviationCompoundApart",
    "CurrencyBeforeAmount",
    "EnglishDateOrder",
    "EnglishNumberFormat",
    "EnglishPossessive",
    "EnglishQuotes",
    "InYear",
    "SerialComma",
]
