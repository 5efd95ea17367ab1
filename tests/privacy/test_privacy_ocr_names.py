"""Names a scanner read with a digit for a letter still name a person."""

from __future__ import annotations

import pytest

from collectivia.privacy.engine import detect
from collectivia.privacy.recognizers.ocr_names import find_ocr_names


def persons(text: str) -> list[str]:
    return [text[f.start:f.end] for f in detect(text) if f.label == "PERSON"]


@pytest.mark.parametrize("text, name", [
    ("CURR1CULUM V1TAE\n\nKar1m BENSA1D\nl4 rue du Commandant Rivière\n", "Kar1m BENSA1D"),
    ("[scan]\n\n5VETLANA PETR0VA\nBât. F – esc. 2 – appt l23\n", "5VETLANA PETR0VA"),
    ("Contact en cas d'absence : Nad1a (épouse)", "Nad1a"),
])
def test_a_first_name_read_with_digits_is_a_person_with_the_names_beside_it(text, name):
    assert name in persons(text)


@pytest.mark.parametrize("text", [
    "F0RMATl0N\n2O15 : CACES R489 1A, habilitation B2V, nomenclature M57",
    "Té1. : O6 5O l2 77 3l",
    "LANGUES : français (c0urant), espagn0l (n0ti0ns)",
    "Agent de maîtrise, Vi11e de B1ois",
])
def test_words_codes_and_towns_read_with_digits_are_no_person(text):
    assert find_ocr_names(text) == []
