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
_TENS = {"dix": 10, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
         "quatre-vingt": 80, "quatre-vingts": 80}
_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORD = "|".join(sorted(_TENS, key=len, reverse=True))
# 1 to 99 in letters: « onze », « vingt et un », « quatre-vingt-dix-neuf », « soixante-douze »
_BELOW_HUNDRED = (rf"(?:(?:{_TEN_WORD})(?:[- ]et[- ](?:un|une|onze)|-(?:dix-(?:sept|huit|neuf)|{_UNIT_WORD}))?"
                  rf"|dix-(?:sept|huit|neuf)|{_UNIT_WORD})")
SPELLED_YEAR = re.compile(
    rf"(?<![\w-])(?:(?P<two_thousand>deux[- ]mille)(?:[- ](?P<after>{_BELOW_HUNDRED}))?"
    rf"|mille[- ]neuf[- ]cents?[- ](?P<nineteen>{_BELOW_HUNDRED}))(?![\w-])",
    re.IGNORECASE)

_MONTH = (r"(?:janv(?:ier)?|f[ée]v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t"
          r"|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)")
# « janv.20 », « Avril 22 »: a month then two digits that end the date (not « mai 22 h », « juin 12 jours »)
_SHORT_YEAR = re.compile(
    rf"(?<![A-Za-zÀ-ÿ])(?P<month>{_MONTH})(?P<dot>\.?)\s?'?(?P<year>\d\d)"
    rf"(?!\d|[/.,:]\d|\s*(?:h\b|heures?|jours?|ans?\b|mois|semaines?|%|€|agents?|enfants?|personnes?|km))",
    re.IGNORECASE)
# « 04-2018 », « 3-2019 »: month, hyphen, four-digit year (never inside a longer number or a date)
_HYPHEN_MONTH = re.compile(r"(?<![\d/.-])(?P<month>0?[1-9]|1[0-2])-(?P<year>(?:19|20)\d\d)(?![\d-])")
# « 3/18-11/19 »: a one-digit month before a two-digit year, only as one end of a range
_ONE_DIGIT_MONTH = re.compile(r"(?<![\d/.])(?P<month>[1-9])/(?P<year>\d\d)(?=\s*(?:-|–|—|→|->|à|au)\s*\d)"
                              r"|(?<=[-–—→>])\s*(?P<end_month>[1-9])/(?P<end_year>\d\d)(?![\d/])")


def _below_hundred(words: str) -> int:
    words = words.lower().replace(" et ", "-et-").replace(" ", "-")
    parts = [p for p in words.split("-") if p and p != "et"]
    if parts[:2] == ["quatre", "vingt"] or parts[:2] == ["quatre", "vingts"]:
        parts = ["quatre-vingt", *parts[2:]]
    total = 0
    for part in parts:
        total += _TENS.get(part, 0) if part in _TENS and part not in _UNITS else _UNITS.get(part, 0)
    return total


def _spelled(m: re.Match) -> str:
    if m.group("two_thousand"):
        return str(2000 + (_below_hundred(m.group("after")) if m.group("after") else 0))
    return str(1900 + _below_hundred(m.group("nineteen")))


def _century(two_digits: str, today: int) -> int:
    """The year of « 20 » or « 98 »: the century that does not put it after `today` (a month index)."""
    year = 2000 + int(two_digits)
    return year if year * 12 <= today else year - 100


def normalised(line: str, today: int) -> str:
    """`line` with its spelled, shortened or hyphenated dates rewritten as the period patterns read them."""
    line = SPELLED_YEAR.sub(_spelled, line)
    line = _SHORT_YEAR.sub(lambda m: f"{m.group('month')}{m.group('dot')} {_century(m.group('year'), today)}", line)
    line = _HYPHEN_MONTH.sub(lambda m: f"{int(m.group('month')):02d}/{m.group('year')}", line)
    return _ONE_DIGIT_MONTH.sub(
        lambda m: (f"0{m.group('month')}/{m.group('year')}" if m.group("month")
                   else f" 0{m.group('end_month')}/{m.group('end_year')}"), line)
