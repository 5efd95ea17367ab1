"""Numbers dictated rather than typed: a voicemail transcribed, a note taken on the phone.

« joignable au zéro six trente-neuf quatre-vingt-dix-huit douze quatorze » is a
telephone number as much as « 06 39 98 12 14 »: the typed patterns never see it,
because it has no digit. A French number starts with « zéro » and then its
digit (« zéro six »), or with « plus trente-trois », followed by pairs said as
numbers; a run of at least six number words from there is taken as a
telephone. A NIR read without its key (« 2881133063512 clé 37 », or the 13
digits alone next to « sécu ») is also a NIR: its key said apart is how it is dictated.
A birth date said in words after « né le » or « née en » (« quatorze juin quatre-vingt-cinq »,
« mil neuf cent soixante-dix-sept ») is a birth date.
"""

from __future__ import annotations

import re

from collectivia.privacy.recognizers.base import Span, left
from collectivia.privacy.recognizers.numbers import BIRTH_LEFT, MONTHS, NOT_A_NIR, SEP

_UNITS = (r"z[ée]ro|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
          r"|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cent|et")
_WORD = rf"(?:{_UNITS})(?:-(?:{_UNITS}))*"
_GAP = r"(?:[ \t]+|[ \t]*[,.][ \t]*)"
DICTATED_PHONE = re.compile(
    rf"(?<![\w-])(?:z[ée]ro{_GAP}(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf)"
    rf"|plus{_GAP}trente-trois)(?:{_GAP}{_WORD}){{4,12}}(?![\w-])", re.IGNORECASE)

_YEAR_WORD = rf"(?:mil|mille|{_WORD})"
DICTATED_BIRTH_DATE = re.compile(
    BIRTH_LEFT + r"[ \t:]+(?:(?:le[ \t]+)?((?:premier|" + _WORD + rf")(?:{_GAP}{_WORD})?{_GAP}" + MONTHS
    + rf"(?:{_GAP}{_YEAR_WORD}){{1,6}})|en[ \t]+((?:{_YEAR_WORD})(?:{_GAP}{_YEAR_WORD}){{1,5}}))(?![\w-])",
    re.IGNORECASE)

_NIR_BODY = (r"(?<![\w])[12378]" + SEP + r"\d{2}" + SEP + r"(?:0[1-9]|1[0-2]|[2-9]\d)" + SEP
             + r"(?:\d{2}|2[AB])" + SEP + r"\d{3}" + SEP + r"\d{3}")
KEYLESS_NIR = re.compile(_NIR_BODY + r"(?:[ \t]*,?[ \t]*(?:cl[ée]f?|key)[ \t]*:?[ \t]*\d{2})?(?![\w])",
                         re.IGNORECASE)
SOCIAL_SECURITY = re.compile(r"s[ée]cu|s[ée]curit[ée] sociale|\bnir\b|\binsee\b|\bss\b|n°\s*ss|immatriculation",
                             re.IGNORECASE)


def find_dictated_phone(text: str, _artifacts: object = None) -> list[Span]:
    return [(m.start(), m.end(), "PHONE", 0.85) for m in DICTATED_PHONE.finditer(text)]


def find_dictated_birth_date(text: str, _artifacts: object = None) -> list[Span]:
    return [(m.start(m.lastindex), m.end(m.lastindex), "DATE_OF_BIRTH", 0.85)  # type: ignore[arg-type]  # the pattern has groups
            for m in DICTATED_BIRTH_DATE.finditer(text)]


def find_keyless_nir(text: str, _artifacts: object = None) -> list[Span]:
    """13 digits shaped like a NIR, with its key said apart (« clé 37 ») or next to « sécu »."""
    found = []
    for m in KEYLESS_NIR.finditer(text):
        if NOT_A_NIR.search(left(text, m.start(), 30)):
            continue
        keyed = re.search(r"(?i)cl[ée]|key", m.group())
        said = SOCIAL_SECURITY.search(left(text, m.start(), 40)) or SOCIAL_SECURITY.search(text, m.end(), m.end() + 20)
        if keyed or said:
            found.append((m.start(), m.end(), "NIR", 0.85))
    return found
