"""The anonymous CV removes age, photo and sex markers without garbling the rest of the CV."""

from __future__ import annotations

import pytest

from collectivia.privacy import anonymise
from collectivia.privacy.policies import PSEUDONYM_BASES, REMOVED, SENSITIVE_MODES, policy_named
from collectivia.privacy.protected import CV_LABELS, LABELS


def anonymous_cv(text: str, settings) -> str:
    return anonymise(text, policy="recrutement", settings=settings).text


def test_software_and_hobbies_containing_photo_stay_in_the_anonymous_cv(settings):
    cv = ("COMPÉTENCES\nMaîtrise de la suite Adobe (Photoshop, Premiere)\n"
          "Entretien du photocopieur et du traceur\n"
          "Suivi du chantier photovoltaïque de l'école\n"
          "LOISIRS\nPhotographie, randonnée\n")
    text = anonymous_cv(cv, settings)
    assert "suite Adobe (Photoshop, Premiere)" in text
    assert "Entretien du photocopieur et du traceur" in text
    assert "chantier photovoltaïque" in text
    assert "Photographie, randonnée" in text


@pytest.mark.parametrize("mention", ["Photo", "Photo d'identité jointe", "[photo]",
                                     "(Photo d'identité)", "Photo : jointe"])
def test_a_photo_mentioned_on_its_own_line_is_removed_with_the_line(mention, settings):
    text = anonymous_cv(f"Gestionnaire paie\n{mention}\n\nEXPÉRIENCE\n", settings)
    assert text == "Gestionnaire paie\n\nEXPÉRIENCE\n"


def test_a_photo_mentioned_among_other_details_is_removed_with_its_separator(settings):
    text = anonymous_cv("Permis B | Photo | Anglais courant\nPermis B, photo jointe\n", settings)
    assert text == "Permis B | Anglais courant\nPermis B\n"


def test_durations_of_experience_are_not_taken_for_an_age(settings):
    cv = ("Après 15 ans dans la vente, je souhaite rejoindre la fonction publique.\n"
          "Gestionnaire paie : 18 ans d'expérience, dont 12 ans de service en mairie.\n"
          "Agent d'accueil depuis 20 ans.\nSecrétaire de mairie pendant 3 ans.\n")
    text = anonymous_cv(cv, settings)
    assert "[âge retiré]" not in text
    for duration in ("Après 15 ans dans la vente", "18 ans d'expérience", "12 ans de service",
                     "depuis 20 ans.", "pendant 3 ans."):
        assert duration in text, duration


@pytest.mark.parametrize("cv, anonymous", [
    ("Julie MARTIN, 32 ans\nGestionnaire paie\n", "Personne 1, [âge retiré]\nGestionnaire paie\n"),
    ("32 ans – Permis B\n", "[âge retiré] – Permis B\n"),
    ("Profil : âgée de 41 ans, titulaire du permis B.\n",
     "Profil : [âge retiré], titulaire du permis B.\n"),
    ("Âge : 29 ans\nPermis B\n", "[âge retiré]\nPermis B\n"),
    ("Jean DUPONT (45 ans)\nAgent d'accueil\n", "Personne 1 ([âge retiré])\nAgent·e d'accueil\n"),
])
def test_an_age_is_removed_however_the_cv_gives_it(cv, anonymous, settings):
    assert anonymous_cv(cv, settings) == anonymous


@pytest.mark.parametrize("phrase", [
    "Bénévole à l'association sportive du quartier",
    "Entretien de la salle polyvalente",
    "Encadrement d'une équipe polyvalente de cinq agents",
    "Stage à la direction administrative et financière",
    "Mutation à la direction générale adjointe",
    "Suivi des formations organisées par le CNFPT",
])
def test_adjectives_agreeing_with_another_noun_are_left_as_written(phrase, settings):
    assert anonymous_cv(f"EXPÉRIENCE\n{phrase}\n", settings) == f"EXPÉRIENCE\n{phrase}\n"


@pytest.mark.parametrize("phrase, inclusive", [
    ("Sportive, rigoureuse et organisée.", "Sportif·ve, rigoureux·se et organisé·e."),
    ("Sportif, rigoureux et organisé.", "Sportif·ve, rigoureux·se et organisé·e."),
    ("Je suis motivée et très impliquée.", "Je suis motivé·e et très impliqué·e."),
    ("Autonome et polyvalente.", "Autonome et polyvalent·e."),
    ("Titulaire du permis B, véhiculée.", "Titulaire du permis B, véhiculé·e."),
    ("Agente polyvalente (contractuelle)", "Agent·e polyvalent·e (contractuel·le)"),
    ("Assistante RH polyvalente", "Assistant·e RH polyvalent·e"),
    ("Professionnelle motivée.", "Professionnel·le motivé·e."),
    ("Directrice générale des services", "Directeur·rice général·e des services"),
])
def test_adjectives_describing_the_candidate_get_one_inclusive_form(phrase, inclusive, settings):
    assert anonymous_cv(f"PROFIL\n{phrase}\n", settings) == f"PROFIL\n{inclusive}\n"


def test_the_same_cv_of_a_woman_and_a_man_reads_the_same(settings):
    """Age, photo and gendered words differ; durations, software and associations stay."""
    woman = ("Estelle ROLLAND, 41 ans\nPhoto d'identité jointe\n"
             "Après 15 ans dans la vente, je suis motivée pour rejoindre la fonction publique.\n"
             "Sportive, rigoureuse et organisée.\n"
             "• Vendeuse polyvalente, Bricomarché (Bègles) — 2005 - 2020\n"
             "Outils : suite Adobe (Photoshop, Premiere)\n"
             "Loisirs : photographie, bénévole à l'association sportive de Bègles\n")
    man = ("Julien ROLLAND, 33 ans\n[photo]\n"
           "Après 15 ans dans la vente, je suis motivé pour rejoindre la fonction publique.\n"
           "Sportif, rigoureux et organisé.\n"
           "• Vendeur polyvalent, Bricomarché (Bègles) — 2005 - 2020\n"
           "Outils : suite Adobe (Photoshop, Premiere)\n"
           "Loisirs : photographie, bénévole à l'association sportive de Bègles\n")
    text = anonymous_cv(woman, settings)
    assert text == anonymous_cv(man, settings)
    assert text == ("Personne 1, [âge retiré]\n"
                    "Après 15 ans dans la vente, je suis motivé·e pour rejoindre la fonction "
                    "publique.\nSportif·ve, rigoureux·se et organisé·e.\n"
                    "• Vendeur·se polyvalent·e, Bricomarché (Bègles) — 2005 - 2020\n"
                    "Outils : suite Adobe (Photoshop, Premiere)\n"
                    "Loisirs : photographie, bénévole à l'association sportive de Bègles\n")


def test_family_situation_is_replaced_by_its_own_marker(settings):
    text = anonymous_cv("Mariée, 2 enfants\nSituation familiale : pacsé, un enfant\n", settings)
    assert text == ("[situation familiale retirée], [situation familiale retirée]\n"
                    "[situation familiale retirée]\n")


@pytest.mark.parametrize("name", ["assistant", "recrutement", "export"])
@pytest.mark.parametrize("sensitive_mode", SENSITIVE_MODES)
def test_every_label_of_every_policy_has_a_replacement(name, sensitive_mode):
    """A label without its replacement would come out as a vague « [donnée retirée] »."""
    policy = policy_named(name, sensitive_mode)
    expected = LABELS + CV_LABELS if name == "recrutement" else LABELS
    assert set(policy.labels) == set(expected)
    for label in policy.labels:
        assert (label in policy.reversible) != (label in policy.removed), label
        if label in policy.reversible:
            assert PSEUDONYM_BASES.get(label), label
        else:
            assert label in REMOVED, label
