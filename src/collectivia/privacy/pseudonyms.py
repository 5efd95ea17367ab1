"""Numbering of pseudonyms: the same person is "Personne 1" everywhere in a scope.

Two mentions of a person are the same when the words of one are contained in
the words of the other (« Mme Goasdoué » and « Maryvonne Goasdoué »; an
initial matches any first name with that letter). Other labels are matched on
their normalised value (phone numbers whatever their spacing).
"""

from __future__ import annotations

from typing import Protocol

from collectivia.privacy.policies import PSEUDONYM_BASES
from collectivia.privacy.recognizers.names import fold
from collectivia.privacy.recognizers.names import PARTICLES
from collectivia.privacy.vault import ScopeVault, normalise


class Numbering(Protocol):
    def number(self, label: str, value: str) -> int: ...


def person_words(value: str) -> tuple[set[str], set[str]]:
    """Full words and initials of a name, folded, without particles."""
    words, initials = set(), set()
    for raw in value.replace("-", " ").replace("’", " ").replace("'", " ").split():
        word = fold(raw).strip(".")
        if not word or word in PARTICLES:
            continue
        if raw.endswith(".") or len(word) == 1:
            initials.add(word[0])
        else:
            words.add(word)
    return words, initials


def same_person(a: str, b: str) -> bool:
    words_a, init_a = person_words(a)
    words_b, init_b = person_words(b)
    if not words_a or not words_b:
        return False
    small, big = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
    if not small <= big:
        return False
    first_letters = {w[0] for w in words_a | words_b}
    return (init_a | init_b) <= first_letters


class MemoryNumbering:
    """Numbers kept for one text only (irreversible anonymisation)."""

    def __init__(self):
        self.known: dict[str, list[tuple[str, int]]] = {}

    def number(self, label: str, value: str) -> int:
        entries = self.known.setdefault(label, [])
        key = normalise(label, value)
        for known, number in entries:
            if known == key or (label == "PERSON" and same_person(known, value)):
                entries.append((value if label == "PERSON" else key, number))
                return number
        number = len({n for _, n in entries}) + 1
        entries.append((value if label == "PERSON" else key, number))
        return number


class CallPseudonyms(MemoryNumbering):
    """The pseudonyms of one stateless call (a gateway request), kept in memory only.

    The call is answered by the process that received it, so the mapping never
    needs to outlive it: nothing is written to the vault, not even encrypted, and
    a streamed answer is re-identified without a database round trip per piece.
    """

    def __init__(self):
        super().__init__()
        self.originals: dict[str, str] = {}     # « Personne 1 » -> the longest value it replaced

    def number(self, label: str, value: str) -> int:
        number = super().number(label, value)
        pseudonym = f"{PSEUDONYM_BASES[label]} {number}"
        if len(value) > len(self.originals.get(pseudonym, "")):
            self.originals[pseudonym] = value
        return number


class VaultNumbering:
    """Numbers read from and written to the scope's encrypted vault."""

    def __init__(self, vault: ScopeVault):
        self.vault = vault

    def number(self, label: str, value: str) -> int:
        entry = self.vault.find(label, value)
        if entry is not None:
            return entry.number
        number = None
        if label == "PERSON":
            number = next((e.number for e, clear in self.vault.values(label)
                           if same_person(clear, value)), None)
        if number is None:
            number = max(self.vault.numbers(label), default=0) + 1
        self.vault.add(label, value, number, f"{PSEUDONYM_BASES[label]} {number}")
        return number
