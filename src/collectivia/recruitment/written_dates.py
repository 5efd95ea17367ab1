"""Dates as candidates write them, rewritten into the forms the period patterns of `cv` read.

Candidates spell years out in letters (« d'octobre deux mille onze à juin deux mille vingt et
un »), shorten them after a month (« janv.20 → juil.21 », « Avril 22 → ce jour »), or join month
and year with a hyphen (« 04-2018 → aujourd'hui »). Rewriting those into « octobre 2011 »,
« janv. 2020 » or « 04/2018 » keeps one set of period patterns. Only the copy used to find
periods is rewritten: quotes always come from the CV's own line.
"""

from __future__ import annotations

import re

_UNITS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
          "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
          "quinze": 15, "seize": 16}
_TENS = {"dix": 10, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingt": 80}
_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORD = r"quatre[- ]vingts?|vingt|trente|quarante|cinquante|soixante|dix"
# 1 to 99 in letters, hyphens or spaces alike: « onze », « vingt et un », « quatre-vingt-dix-neuf »,
# « quatre vingt dix-huit », « soixante-douze »
_BELOW_HUNDRED = (rf"(?:(?:{_TEN_WORD})(?:[- ]et[- ](?:un|une|onze)|[- ](?:dix[- ](?:sept|huit|neuf)|{_UNIT_WORD}))?"
                  rf"|dix[- ](?:sept|huit|neuf)|{_UNIT_WORD})")
SPELLED_YEAR = re.compile(
    rf"(?<![\w-])(?:(?P<two_thousand>deux[- ]mille)(?:[- ](?P<after>{_BELOW_HUNDRED}))?"
    rf"|mille[- ]neuf[- ]cents?[- ](?P<nineteen>{_BELOW_HUNDRED}))(?![\w-])(?!\s+(?:{_UNIT_WORD}|{_TEN_WORD})\b)",
    re.IGNORECASE)

MONTH_WORD = (r"(?:janv(?:ier)?|f[ée]v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t"
          r"|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)")
# « janv.20 », « Avril 22 »: a month then two digits that end the date (not « mai 22 h », « juin 12 jours »)
_SHORT_YEAR = re.compile(
    rf"(?<![A-Za-zÀ-ÿ])(?P<month>{MONTH_WORD})(?P<dot>\.?)\s?'?(?P<year>\d\d)"
    rf"(?!\d|[/.,:]\d|h\d|\s\d{{3}}\b|\s*(?:h\b|heures?|jours?|ans?\b|mois|semaines?|%|€|agents?|enfants?|personnes?|km))",
    re.IGNORECASE)
# « 04-2018 », « 3-2019 »: month, hyphen, four-digit year (never inside a longer number or a date)
_HYPHEN_MONTH = re.compile(r"(?<![\d/.-])(?P<month>0?[1-9]|1[0-2])-(?P<year>(?:19|20)\d\d)(?![\d-])")
# « 3/18-11/19 », « 12/18 - 3/19 »: a range of months and two-digit years where one end has a one-digit
# month; the other end's two-digit month says these are months, not days (« renfort 3/11-7/11 »)
_SHORT_RANGE = re.compile(r"(?<![\d/.])(?P<first>\d{1,2})/(?P<first_year>\d\d)(?P<dash>\s*(?:-|–|—|→|->|à|au)\s*)"
                          r"(?P<last>\d{1,2})/(?P<last_year>\d\d)(?![\d/])")


def _short_range(m: re.Match) -> str:
    first, last = m.group("first"), m.group("last")
    if not (len(first) == 2 or len(last) == 2) or not (1 <= int(first) <= 12 and 1 <= int(last) <= 12):
        return m.group()
    return (f"{int(first):02d}/{m.group('first_year')}{m.group('dash')}"
            f"{int(last):02d}/{m.group('last_year')}")


def _below_hundred(words: str) -> int:
    """« quatre-vingt-dix-neuf » -> 99: each word's value added, « quatre vingt » read as 80."""
    parts = [p for p in re.split(r"[- ]", words.lower()) if p and p != "et"]
    if parts[:2] in (["quatre", "vingt"], ["quatre", "vingts"]):
        parts = ["quatre-vingt", *parts[2:]]
    return sum(_UNITS.get(part) or _TENS.get(part, 0) for part in parts)


def _spelled(m: re.Match) -> str:
    if m.group("two_thousand"):
        return str(2000 + (_below_hundred(m.group("after")) if m.group("after") else 0))
    return str(1900 + _below_hundred(m.group("nineteen")))


def century(two_digits: str, today: int) -> int:
    """The year of « 20 » or « 98 »: the century that does not put it after `today` (a month index)."""
    year = 2000 + int(two_digits)
    return year if year * 12 <= today else year - 100


def normalised(line: str, today: int) -> str:
    """`line` with its spelled, shortened or hyphenated dates rewritten as the period patterns read them."""
    line = SPELLED_YEAR.sub(_spelled, line)
    line = _SHORT_YEAR.sub(lambda m: f"{m.group('month')}{m.group('dot')} {century(m.group('year'), today)}", line)
    line = _HYPHEN_MONTH.sub(lambda m: f"{int(m.group('month')):02d}/{m.group('year')}", line)
    return _SHORT_RANGE.sub(_short_range, line)
