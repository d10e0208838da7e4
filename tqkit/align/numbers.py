"""Numbers, dates and amounts of a sentence as comparable keys, in English, Bulgarian and
Russian: "27 September", "September 27", "27.09" and "27 септември" all give ``n:27`` and
``m:9``; "1,500", "1 500" and "1.500" give ``n:1500``; "2.5 million" and "2,5 млн." give
``n:2500000``; "five" and "пет" give ``n:5`` (number words only ever *cover* a number, they are
never reported as missing, because translators spell small numbers either way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tqkit.document import MASK

# -- words -------------------------------------------------------------------------------------

_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_EN_MONTH_ABBR = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# stems of Bulgarian and Russian month names (all cases)
_SLAVIC_MONTHS = (
    ("януар", "январ"),
    ("февруар", "феврал"),
    ("март",),
    ("април", "апрел"),
    ("май", "мая", "мае"),
    ("юни", "июн"),
    ("юли", "июл"),
    ("август",),
    ("септемвр", "сентябр"),
    ("октомвр", "октябр"),
    ("ноемвр", "ноябр"),
    ("декемвр", "декабр"),
)


def month_of(word: str) -> int | None:
    """1-12 for a month name in English, Bulgarian or Russian (any case form), else None."""
    w = word.lower().rstrip(".")
    if w in _EN_MONTHS:
        return _EN_MONTHS.index(w) + 1
    if w in _EN_MONTH_ABBR or w == "sept":
        return 9 if w == "sept" else _EN_MONTH_ABBR.index(w) + 1
    for i, stems in enumerate(_SLAVIC_MONTHS):
        for stem in stems:
            if w.startswith(stem) and len(w) - len(stem) <= 3:
                if stem == "май" and w not in ("май",):
                    continue
                if stem == "март" and w not in ("март", "марта", "марте"):
                    continue
                if stem == "август" and w not in ("август", "августа", "августе"):
                    continue
                return i + 1
    return None


_NUMBER_WORDS: dict[str, int] = {}
for _i, _w in enumerate(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ]
):
    _NUMBER_WORDS[_w] = _i
_NUMBER_WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "tenth": 10,
        "twice": 2,
        "double": 2,
        "half": 0,
    }
)
for _forms, _v in (
    ("един една едно едни один одна одно одного одной одному", 1),
    ("два две двама двамата двух двум двумя", 2),
    ("три трима тримата трех трёх трем", 3),
    ("четири четирима четыре четырех четырёх", 4),
    ("пет петима пять пяти", 5),
    ("шест шестима шесть шести", 6),
    ("седем семь семи", 7),
    ("осем восемь восьми", 8),
    ("девет девять девяти", 9),
    ("десет десетима десять десяти", 10),
    ("единадесет единайсет одиннадцать", 11),
    ("дванадесет дванайсет двенадцать", 12),
    ("петнадесет петнайсет пятнадцать", 15),
    ("двадесет двайсет двадцать", 20),
    ("тридесет трийсет тридцать", 30),
    ("четиридесет четирийсет сорок", 40),
    ("петдесет пятьдесят", 50),
    ("сто", 100),
    ("първи първа първо първият първата", 1),
    ("втори втора второ вторият втората второй", 2),
    ("трети трета трето третият третья", 3),
    ("половин половина", 0),
    ("двойно двукратно", 2),
):
    for _w in _forms.split():
        _NUMBER_WORDS[_w] = _v

_SCALES: dict[str, int] = {}
for _forms, _v in (
    # German, French, Turkish and Ukrainian forms too (German "Billion" is 10**12: left out)
    (
        "thousand thousands хиляда хиляди хил тыс тысяча тысячи тысяч tausend tsd mille milliers bin "
        "тисяча тисячі тисяч тис",
        1000,
    ),
    (
        "million millions mln m милион милиона милиони млн миллион миллиона миллионов millionen mio "
        "milyon мільйон мільйона мільйонів",
        10**6,
    ),
    (
        "billion billions bn милиард милиарда милиарди млрд миллиард миллиарда миллиардов milliarde "
        "milliarden mrd milliard milliards milyar мільярд мільярда мільярдів",
        10**9,
    ),
    ("trillion trillions трилион трилиона трлн триллион триллиона триллионов", 10**12),
):
    for _w in _forms.split():
        _SCALES[_w] = _v
_SCALES.pop("m")  # "3m" is as often metres as millions

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(s: str) -> int | None:
    total = 0
    prev = 0
    for ch in reversed(s):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


# -- scanning ----------------------------------------------------------------------------------

_SEP = r"[ \u00a0\u202f]"
_NUM_RE = re.compile(
    rf"(?<![\w.,])(?P<num>\d{{1,3}}(?:(?:,|\.|{_SEP})\d{{3}})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<suffix>(?:st|nd|rd|th|s|'s|’s|-?(?:те|ти|ви|ри|ма|ия|ят|ий|й|я|е|х|го))\b)?",
)
_DATE_RE = re.compile(r"(?<![\d.,])(?P<d>[0-3]?\d)[./](?P<m>[01]\d)(?:[./](?P<y>(?:19|20)\d\d))?(?![\d,]|\.\d)")
_TIME_RE = re.compile(
    r"(?<![\d.,])(?P<h>[0-2]?\d)[:.](?P<mi>[0-5]\d)(?=\s*(?:ч\b|часа|h\b|a\.m|p\.m|am\b|pm\b))|(?<![\d.,])(?P<h2>[0-2]?\d):(?P<mi2>[0-5]\d)(?![\d])"
)
_COMPOUND_RE = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    r"(one|two|three|four|five|six|seven|eight|nine)\b",
    re.I,
)
_WORD_RE = re.compile(r"[^\W\d_]+\.?")
_ROMAN_CENTURY_RE = re.compile(
    r"\b(?P<r>[IVXLC]{1,6})(?=\s*(?:-?(?:ти|ви|ри)\s*)?(?:век|в\.|века|веке|веков|столети|century))"
)


@dataclass(frozen=True, slots=True)
class NumberAtom:
    """A number, day, month or year found in a text. ``keys`` are its comparable forms;
    ``digits`` is False for number words (which may cover a number but are never reported)."""

    keys: frozenset[str]
    start: int
    end: int
    text: str
    digits: bool = True

    @property
    def key(self) -> str:
        return min(self.keys, key=len)


def _value(num: str) -> float:
    s = num.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:([,. ])\d{3})+(?:[.,]\d+)?", s):
        m = re.match(r"\d{1,3}([,. ])", s)
        assert m is not None
        group = m.group(1)
        rest = s
        dec = ""
        other = {",": ".", ".": ",", " ": ","}[group]
        if other in s and s.rfind(other) > s.rfind(group):
            rest, dec = s[: s.rfind(other)], s[s.rfind(other) + 1 :]
        digits = rest.replace(group, "").replace(" ", "")
        return float(f"{digits}.{dec}" if dec else digits)
    return float(s.replace(",", "."))


def _fmt(v: float) -> str:
    if abs(v - round(v)) < 1e-9:
        return str(round(v))
    return f"{v:.6g}"


_DECADE_SUFFIXES = ("s", "'s", "’s", "-те", "те", "-е", "-х", "х")


def _number_keys(m: re.Match[str], value: float, words: list[tuple[int, int, str]], text: str) -> set[str]:
    """The keys of a number in digits: its value; a decade's short and long forms; times a
    scale word (``3 million``, ``3bn``); an afternoon hour (``5 p.m.`` is also 17)."""
    keys = {f"n:{_fmt(value)}"}
    suffix = (m.group("suffix") or "").lower()
    # decades: 1990s / '90s / 90-те
    if suffix in _DECADE_SUFFIXES and value >= 10 and value % 10 == 0:
        keys.add(f"n:{_fmt(value % 100)}")
        if value < 100:
            keys.add(f"n:{_fmt(1900 + value)}")
    end = m.end("num")
    scale = _next_word(words, end, text)
    if scale is not None and scale[0].lower().rstrip(".") in _SCALES:
        return {f"n:{_fmt(value * _SCALES[scale[0].lower().rstrip('.')])}"}
    if re.match(r"bn\b", text[end : end + 3]):
        return {f"n:{_fmt(value * 10**9)}"}
    if value < 12 and re.match(r"\s*p\.?m\b", text[end : end + 6], re.I):
        keys.add(f"n:{_fmt(value + 12)}")
    return keys


class _Atoms:
    """The atoms found so far, and the spans that times, dates and number words have taken
    (a number inside them is not read again)."""

    def __init__(self, text: str):
        self.text = text
        self.atoms: list[NumberAtom] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in self.taken)

    def add(self, keys: set[str], a: int, b: int, digits: bool = True) -> None:
        self.atoms.append(NumberAtom(frozenset(keys), a, b, self.text[a:b], digits))

    def times(self) -> None:
        text = self.text
        for m in _TIME_RE.finditer(text):
            h = m.group("h") or m.group("h2")
            mi = m.group("mi") or m.group("mi2")
            hour = int(h)
            tail = text[m.end() : m.end() + 6].lower()
            keys = {f"n:{hour}"}
            if "p.m" in tail or "pm" in tail:
                keys.add(f"n:{hour + 12}")
            group = "h" if m.group("h") else "h2"
            self.add(keys, m.start(group), m.end(group))
            if mi != "00":
                self.add({f"n:{int(mi)}"}, m.end() - 2, m.end())
            self.taken.append((m.start(), m.end()))

    def dates(self) -> None:
        for m in _DATE_RE.finditer(self.text):
            if not self.free(m.start(), m.end()):
                continue
            d, mo = int(m.group("d")), int(m.group("m"))
            if not (1 <= d <= 31 and 1 <= mo <= 12):
                continue
            self.add({f"n:{d}"}, m.start("d"), m.end("d"))
            self.add({f"m:{mo}"}, m.start("m"), m.end("m"))
            if m.group("y"):
                self.add({f"n:{int(m.group('y'))}"}, m.start("y"), m.end("y"))
            self.taken.append((m.start(), m.end()))

    def centuries_and_compounds(self) -> None:
        """Roman centuries (``XXI век``) and compound number words (``twenty-five``)."""
        for m in _ROMAN_CENTURY_RE.finditer(self.text):
            v = _roman(m.group("r"))
            if v:
                self.add({f"n:{v}"}, m.start(), m.end())
                self.taken.append((m.start(), m.end()))
        for m in _COMPOUND_RE.finditer(self.text):
            v = _NUMBER_WORDS[m.group(1).lower()] + _NUMBER_WORDS[m.group(2).lower()]
            self.add({f"n:{v}"}, m.start(), m.end(), digits=False)
            self.taken.append((m.start(), m.end()))

    def numbers(self, words: list[tuple[int, int, str]]) -> None:
        for m in _NUM_RE.finditer(self.text):
            if not self.free(m.start(), m.end()):
                continue
            try:
                value = _value(m.group("num"))
            except ValueError:
                continue
            self.add(_number_keys(m, value, words, self.text), m.start("num"), m.end("num"))

    def words(self, words: list[tuple[int, int, str]]) -> None:
        """Months next to a number (dates), and number words (with a scale word after)."""
        for i, (a, b, w) in enumerate(words):
            month = month_of(w)
            if month is not None and (w[0].isupper() or not w.isascii()):
                if _near_number(self.text, a, b):
                    self.add({f"m:{month}"}, a, b)
                continue
            low = w.lower().rstrip(".")
            if low in _NUMBER_WORDS and self.free(a, b):
                v = _NUMBER_WORDS[low]
                nxt = words[i + 1][2].lower().rstrip(".") if i + 1 < len(words) else ""
                keys = {f"n:{v}"}
                if nxt in _SCALES and words[i + 1][0] - b <= 2:
                    keys = {f"n:{_fmt((v or 0.5) * _SCALES[nxt])}"}
                self.add(keys, a, b, digits=False)


def number_atoms(text: str) -> list[NumberAtom]:
    """Numbers, dates, times and number words in ``text`` with their comparable keys."""
    found = _Atoms(text.replace(MASK, " "))
    found.times()
    found.dates()
    found.centuries_and_compounds()
    words = [(w.start(), w.end(), w.group()) for w in _WORD_RE.finditer(found.text)]
    found.numbers(words)
    found.words(words)
    found.atoms.sort(key=lambda x: x.start)
    return found.atoms


def _next_word(words: list[tuple[int, int, str]], pos: int, text: str) -> tuple[str, int] | None:
    for a, _b, w in words:
        if a >= pos:
            if text[pos:a].strip(" \u00a0") == "":
                return w, a
            return None
    return None


def _near_number(text: str, a: int, b: int) -> bool:
    before = text[max(0, a - 6) : a]
    after = text[b : b + 6]
    return bool(
        re.search(r"\d[\s\u00a0,.]*(?:-?(?:ти|ви|ри|ми|й|го|я)\s*)?$", before) or re.match(r"[\s\u00a0,.]*\d", after)
    )


def digit_keys(atoms: list[NumberAtom]) -> set[str]:
    return {k for a in atoms if a.digits for k in a.keys}


def all_keys(atoms: list[NumberAtom]) -> set[str]:
    return {k for a in atoms for k in a.keys}


def unmatched(side: list[NumberAtom], other: list[NumberAtom]) -> list[NumberAtom]:
    """Atoms written in digits on ``side`` none of whose keys occurs on ``other`` (in digits or
    words)."""
    keys = all_keys(other)
    return [a for a in side if a.digits and not (a.keys & keys)]
