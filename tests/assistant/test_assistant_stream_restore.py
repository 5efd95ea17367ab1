"""Streaming re-identification never shows half a pseudonym, whatever the chunk boundaries."""

from __future__ import annotations

import re

import pytest

from collectivia.assistant.protection import reidentified_stream

NAMES = {"Personne 1": "Sophie LEMAIRE-ROUSSEL", "Personne 12": "Jean MARTIN",
         "courriel 1": "s.lemaire@exemple.fr"}
PATTERN = re.compile(r"(?<!\w)(?:Personne 12|Personne 1|courriel 1)(?!\w)(?!\s?\d)")


def restore(text: str) -> str:
    return PATTERN.sub(lambda m: NAMES[m.group()], text)


ANSWER = ("Madame Personne 1, nous avons bien reçu votre message envoyé depuis courriel 1. "
          "Votre collègue Personne 12 vous recontactera. " * 6 + "Cordialement, Personne 1")


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 11, 40])
def test_any_chunking_gives_the_restored_text_and_no_pseudonym_shows(size):
    pieces = [ANSWER[i:i + size] for i in range(0, len(ANSWER), size)]
    shown = list(reidentified_stream(pieces, restore))
    assert "".join(shown) == restore(ANSWER)
    assert not any("Personne" in piece or "courriel 1" in piece for piece in shown)
    assert len(shown) > 3  # it really streams, it does not wait for the end
