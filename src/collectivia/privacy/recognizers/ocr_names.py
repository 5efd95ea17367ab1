"""Names read by OCR with a digit for a letter: « Kar1m BENSA1D », « 5VETLANA PETR0VA », « Nad1a ».

A scanned CV or form often comes back with 0 for O, 1 for I or l, 5 for S: the
trained model has seen few such names and lets them through. A word with such
digits inside its letters is read back with the letters they stand for; when
that reading is a first name (and no French word), it is a person, together
with the capitalised words beside it on its line (« BENSA1D » after « Kar1m »). Words
that read back as no name (« CURR1CULUM V1TAE », « F0RMATl0N ») and codes
(« R486 », « B2V », « M57 ») are never taken.
"""

from __future__ import annotations

import re
from itertools import product

from collectivia.privacy.echoes import french_words
from collectivia.privacy.recognizers.base import Span
from collectivia.privacy.recognizers.names import accented_first_names, fold, known_names

# What OCR writes for a letter, and the letters it may stand for
LOOK_ALIKES = {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "8": "b"}
WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
# at least two letters and a look-alike digit inside the word or at its edge
NOISY = re.compile(r"(?=.*[^\W\d_].*[^\W\d_])(?=.*[013458])[^\W_]+", re.UNICODE)
GAP = re.compile(r"[ \t]{1,2}|[ \t]?-[ \t]?")


def _readings(word: str) -> list[str]:
    """The word with each look-alike digit read as a letter (every choice for « 1 »)."""
    if not re.fullmatch(r"[^\W_]+", word) or any(ch.isdigit() and ch not in LOOK_ALIKES for ch in word):
        return []
    choices = [LOOK_ALIKES.get(ch, ch) for ch in word]
    readings = {"".join(letters) for letters in product(*choices)} if len(word) <= 24 else set()
    return sorted(readings)[:16]


def _a_name(word: str) -> bool:
    return any(fold(r).lower() in known_names() or r.casefold() in accented_first_names()
               for r in _readings(word) if len(r) >= 3)


def _a_first_name(word: str) -> bool:
    """Read back as a first name and as no French word: « Kar1m », « Aur0re », not « Té1 » (« tél »)
    nor « c0urant ». A surname alone (« B1ois », « Marsei11e ») is too often a town."""
    readings = [r for r in _readings(word) if len(r) >= 3]
    return any(r.casefold() in accented_first_names() for r in readings) \
        and not any(fold(r).lower() in french_words() for r in readings)


def _beside(word: str) -> bool:
    """A word of the same name: capitalised or in capitals, a name or not a French word."""
    if not word[:1].isupper() and not word[:1].isdigit():
        return False
    plain = "".join(LOOK_ALIKES.get(ch, ch)[0] for ch in word)
    if not plain.isalpha() or len(plain) < 2:
        return False
    return _a_name(word) or fold(plain).lower() not in french_words()


def find_ocr_names(text: str, _artifacts: object = None) -> list[Span]:
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        words = list(WORD.finditer(line.group()))
        taken: set[int] = set()
        for n, word in enumerate(words):
            value = word.group()
            if n in taken or not NOISY.fullmatch(value) or not _a_first_name(value):
                continue
            first = last = n
            while first > 0 and GAP.fullmatch(line.group(), words[first - 1].end(), words[first].start()) \
                    and _beside(words[first - 1].group()):
                first -= 1
            while last + 1 < len(words) and GAP.fullmatch(line.group(), words[last].end(), words[last + 1].start()) \
                    and _beside(words[last + 1].group()):
                last += 1
            taken.update(range(first, last + 1))
            spans.append((line.start() + words[first].start(), line.start() + words[last].end(), "PERSON", 0.8))
    return spans
