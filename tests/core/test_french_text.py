"""Page text in French as a person writes it: elision before vowels, agreement with counts,
and dates read as a person types them (JJ/MM/AAAA)."""

from __future__ import annotations

from datetime import date

import pytest

from collectivia.core.french import accord, elide, in_sentence, parse_date


@pytest.mark.parametrize("name, text", [
    ("Admiville", "d'Admiville"), ("Orléans", "d'Orléans"), ("Hérouville-Saint-Clair", "d'Hérouville-Saint-Clair"),
    ("Lyon", "de Lyon"), ("Honfleur", "de Honfleur"), ("Le Havre", "du Havre"), ("Les Mureaux", "des Mureaux"),
])
def test_a_collectivite_name_after_de_is_elided_or_contracted(name, text):
    assert elide(name, "de") == text


def test_que_is_elided_before_a_vowel():
    assert elide("agent", "que") == "qu'agent"
    assert elide("gestionnaire RH", "que") == "que gestionnaire RH"


@pytest.mark.parametrize("count, text", [
    (0, "0 document indexé"), (1, "1 document indexé"), (2, "2 documents indexés"),
    (12500, "12\u202f500 documents indexés"), ("moins de 5", "moins de 5 documents indexés"),
])
def test_a_count_agrees_with_its_noun_never_with_a_bracketed_s(count, text):
    assert accord(count, "document indexé") == text


def test_an_irregular_plural_is_given():
    assert accord(3, "travail", "travaux") == "3 travaux"


@pytest.mark.parametrize("label, text", [
    ("Agent", "agent"), ("Référent IA", "référent IA"), ("Gestionnaire RH", "gestionnaire RH"),
    ("DPO", "DPO"),
])
def test_a_label_inside_a_sentence_loses_its_capital_but_not_its_acronyms(label, text):
    assert in_sentence(label) == text


@pytest.mark.parametrize("typed, day", [
    ("15/01/2025", date(2025, 1, 15)), ("5/1/2025", date(2025, 1, 5)), ("15.01.2025", date(2025, 1, 15)),
    ("2025-01-15", date(2025, 1, 15)), (" 15/01/2025 ", date(2025, 1, 15)),
    ("31/02/2025", None), ("15/01", None), ("hier", None), ("", None),
])
def test_a_date_is_read_as_typed_in_french_or_as_a_date_field_sends_it(typed, day):
    assert parse_date(typed) == day
