"""Where a finding starts and ends: the annotation convention, whoever found the span."""

from __future__ import annotations

import pytest

from collectivia.privacy.boundaries import tidy


def bounded(text: str, label: str) -> str | None:
    bounds = tidy(text, 0, len(text), label)
    return text[bounds[0]:bounds[1]] if bounds else None


@pytest.mark.parametrize("text, name", [
    ("Mme Awa Diallo", "Awa Diallo"), ("Dr Martin,", "Martin"),
    ("Le BC Steve Lanza", "Steve Lanza"), ("Cne N. Berrahma", "N. Berrahma"),
    ("Le Gall", "Le Gall"), ("La Fontaine", "La Fontaine"), ("J.-P.", "J.-P."),
])
def test_a_name_leaves_out_civilities_and_ranks_but_keeps_its_particles(text, name):
    assert bounded(text, "PERSON") == name


@pytest.mark.parametrize("text", ["B", "B.", "PROFIL", "Objet", "Formation"])
def test_a_letter_or_a_word_that_is_never_a_name_is_not_a_person(text):
    assert bounded(text, "PERSON") is None


@pytest.mark.parametrize("text, health", [
    ("en temps partiel thérapeutique", "temps partiel thérapeutique"),
    ("d'un diabète", "diabète"),
    ("reconnue travailleuse handicapée (RQTH)", "reconnue travailleuse handicapée (RQTH)"),
])
def test_a_health_span_is_the_noun_group_without_what_introduces_it(text, health):
    assert bounded(text, "HEALTH") == health
