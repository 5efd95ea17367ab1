"""Words as people type them are compared under one key, in every module: a CV, a question to
Questions RH, a name to mask and a job title meet the same « congé » whether it was typed
« conge », « Congé » or « CONGÉ », on a phone or on a PC."""

from __future__ import annotations

import pytest

from collectivia.core.text import fold
from collectivia.knowledge.index import tokens
from collectivia.privacy.recognizers import names
from collectivia.recruitment import cv
from collectivia.workforce.matching import normalise


@pytest.mark.parametrize("typed, key", [
    ("CONGÉ", "conge"), ("Cœur de métier", "coeur de metier"), ("l’agent", "l'agent"),
    ("N‘Diaye", "n'diaye"), ("ÆSOP", "aesop"), ("Straße", "strasse"),
])
def test_case_accents_ligatures_and_apostrophes_are_folded_the_same_way(typed, key):
    assert fold(typed) == key


def test_every_module_compares_words_under_the_same_key():
    typed = "Chargée d’œuvre"
    assert cv.fold(typed) == names.fold(typed) == fold(typed) == "chargee d'oeuvre"
    assert normalise(typed) == fold(typed)


def test_a_question_typed_on_a_phone_finds_the_same_words_as_on_a_pc():
    """A phone's « ’ » once glued « l’agent » into one word the code never contains."""
    assert tokens("Quels droits pour l’agent d’entretien ?") == tokens("Quels droits pour l'agent d'entretien ?")
