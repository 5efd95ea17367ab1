"""French agreement and elision in page text: « d'Admiville », « qu'agent », « 3 documents ».

Every template says a count or a name through these filters instead of writing « document(s) »
or « de {{ collectivite }} »: the page then reads like French written by a person.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

ELIDING = {"de": "d'", "que": "qu'", "le": "l'", "la": "l'", "je": "j'", "ne": "n'", "se": "s'"}
# Words starting with an h that is not elided (« le Havre », « de Honfleur » stay whole).
ASPIRATED_H = {"havre", "honfleur", "hendaye", "haguenau", "hazebrouck", "hautmont", "hayange",
               "houilles", "hénin", "haute", "haut", "hauts", "hameau", "handicap"}


def _starts_with_vowel_sound(word: str) -> bool:
    head = word.strip().lower().split(" ")[0].split("-")[0]
    first = unicodedata.normalize("NFD", head)[:1]
    if first == "h":
        return head not in ASPIRATED_H
    return first != "" and first in "aeiouy"


def elide(word: str, before: str = "de") -> str:
    """`before` then `word`, elided when French elides: « d'Admiville », « qu'agent », but
    « de Lyon », « du Havre » (« de Le Havre » contracts), « des Mureaux »."""
    word = str(word)
    if before == "de":
        for article, contracted in (("Le ", "du "), ("Les ", "des ")):
            if word.startswith(article):
                return contracted + word[len(article):]
    if before in ELIDING and _starts_with_vowel_sound(word):
        return ELIDING[before] + word
    return f"{before} {word}"


def accord(count: int | str, singular: str, plural: str | None = None) -> str:
    """« 0 document », « 1 document », « 3 documents » — the count with its noun group agreed
    (French keeps 0 and 1 singular). `plural` defaults to each word of `singular` plus s. A count
    already written as text (« moins de 5 ») takes the plural."""
    if plural is None:
        plural = " ".join(w if w.endswith(("s", "x", "z")) else w + "s" for w in singular.split())
    if not isinstance(count, int):
        return f"{count} {plural}"
    number = f"{count:,}".replace(",", "\u202f")
    return f"{number} {singular if abs(count) < 2 else plural}"


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: « Référent IA » becomes « référent IA », but an
    acronym keeps its capitals (« DPO »): lowering the whole label gave « référent ia »."""
    first = label.split(" ")[0]
    if len(first) > 1 and first[1:2].isupper():
        return label
    return label[:1].lower() + label[1:]


FRENCH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(value: str | None) -> date | None:
    """A date as a person types it, « 12/03/2025 » (also 12.03.2025, 12-03-2025), or as a date
    field sends it, « 2025-03-12 »; None when it is neither (or empty).

    Every form reads dates through this: a browser without a date picker shows a plain text
    field, and the person types the date the French way."""
    if not value:
        return None
    value = value.strip()
    french = FRENCH_DATE.match(value)
    try:
        if french:
            day, month, year = (int(g) for g in french.groups())
            return date(year, month, day)
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
