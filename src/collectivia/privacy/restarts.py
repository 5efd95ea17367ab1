"""A telephone number begun, broken off, then given whole: the first attempt is the number too.

People restart a number when they dictate or type it: « 02 97 21 4 ... attends » then
« 02 97 21 43 86 »; « c'est 06 soixante-quinze ... bon je te l'écris en chiffres : 06 75
30 98 14 »; « zéro six quatorze vingt-deux soixante-dix-sept huit cent... non zéro six
quatorze … zéro huit »; « 06 / 59 / 21 / 0 / 7 / 38 ??? → rappeler le 06 59 21 07 38 ».
The first attempt is too short, or too oddly cut, for any pattern to read as a telephone,
yet it gives away most of the number. Once the engine has found the whole number, a
run of numbers shortly before it (typed or said) that starts the same way is masked with it.

A run must start like a telephone (a « 0 », said or typed), share its first four digits or
more with the number found, and not be a date (« le 06/12, appeler le 06 12 … »); and it must
be the same number or be broken off (« … », « ??? », « non », « attends »): anything else is
another number (« Dossier 0612 », « 05 59 58 35 35 (standard) – ligne directe 05 59 58 35 72 »).
"""

from __future__ import annotations

import bisect
import re

from collectivia.privacy.protected import Finding
from collectivia.privacy.recognizers.dictated import SAID_NUMBER_WORD, said_digits

SOURCE = "RestartedNumber"
WINDOW = 240              # characters before a telephone where its first attempt may sit
SHARED_DIGITS = 4         # a first attempt shares at least this many leading digits
# A run of numbers, typed or said, with the separators people type between pieces.
_NUMBER = rf"(?:\d+|(?i:{SAID_NUMBER_WORD})(?![\w-]))"
RUN = re.compile(rf"(?<![\w/.-]){_NUMBER}(?:[ \t]*[/.\-–][ \t]*{_NUMBER}|[ \t]+{_NUMBER})*")
# What says an attempt was abandoned (« … », « ??? », « non », « attends »): a whole number
# before another one is otherwise a different number (the switchboard before a direct line).
BROKEN_OFF = re.compile(r"[ \t]*(?:\.\.|…|\?\?|(?i:non|pardon|att|attends|euh)\b)")
DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?")


def restarted_numbers(findings: list[Finding], text: str) -> list[Finding]:
    """`findings` with the first attempts of each telephone found added as telephones."""
    spans = sorted((f.start, f.end) for f in findings)
    starts = [s for s, _ in spans]
    added = []
    for phone in (f for f in findings if f.label == "PHONE"):
        digits = said_digits(text[phone.start:phone.end])
        if len(digits) < 9:
            continue
        window_start = max(0, phone.start - WINDOW)
        # what the engine found in the window, and just before it (a finding may start earlier)
        near = spans[max(0, bisect.bisect_left(starts, window_start) - 1):bisect.bisect_left(starts, phone.start)]
        for run in RUN.finditer(text, window_start, phone.start):
            tried = said_digits(run.group())
            if (len(tried) >= SHARED_DIGITS and tried[0] == "0" and not DATE.fullmatch(run.group())
                    and tried[:SHARED_DIGITS] == digits[:SHARED_DIGITS]
                    and (tried == digits or BROKEN_OFF.match(text, run.end()))
                    and not any(s < run.end() and run.start() < e for s, e in near)):
                added.append(Finding(run.start(), run.end(), "PHONE", 0.8, SOURCE))
    return findings + added
