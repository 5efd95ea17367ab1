"""What the screening reads beyond the criterion's own words, and how it shows it.

A cover letter sent instead of a CV is read like a CV; the learned evidence
model (`evidence_model.json`, `make train-recruitment`) may turn a criterion the
rules left "non mentionné" into "rempli", always quoting one CV line verbatim
and marked as a proposal to check; it never overrides a rule's answer.
"""

from __future__ import annotations

from collectivia.recruitment import evidence
from collectivia.recruitment.criteria import MET, NOT_STATED, parse_criterion
from collectivia.recruitment.criteria.base import examples
from collectivia.recruitment.cv import month_index, parse_cv
from collectivia.recruitment.screening import screen

TODAY = month_index(2025, 9)
LETTER = """Isabelle COMBES
9 allée des Platanes, 82300 Caussade - 06 39 98 73 32

Objet : candidature - Gestionnaire comptable

Madame, Monsieur,

Depuis juillet 2019, je travaille au service comptabilité de la Communauté de communes de Caussade, où je prends en charge l'exécution des dépenses : engagements, liquidation des factures, mandatement.
Je suis titulaire d'un BTS Comptabilité et gestion, obtenu en 2001.

Dans l'attente de votre réponse, je vous prie d'agréer mes salutations distinguées.
Isabelle Combes
"""
CHAIN = ("Pratique de la chaîne d'exécution comptable publique "
         "(engagement, liquidation, mandatement, titres de recettes)")
CV = """Karim BENALI

EXPÉRIENCE PROFESSIONNELLE
03/2018 - aujourd'hui : Assistant de gestion - Mairie de Montauban
- Préparation des mandats de paiement et saisie des bons de commande
- Accueil téléphonique des fournisseurs

FORMATION
2017 : BTS Comptabilité et gestion
"""


def test_a_cover_letter_is_read_like_a_cv_but_its_signature_is_not():
    cv = parse_cv(LETTER, TODAY)
    read = [line.text for line in cv.usable_lines()]
    assert any(line.startswith("Depuis juillet 2019") for line in read)
    assert "Isabelle Combes" not in read and not any("Caussade - 06" in line for line in read)
    assert [a.period_label() for a in cv.jobs] == ["07/2019-09/2025"]
    diploma = parse_criterion("Diplôme de niveau 5 (bac+2) minimum")
    assert diploma.check(cv).status == MET


def test_the_model_proposes_a_line_that_says_it_in_the_definitions_words_verbatim_and_to_check():
    criterion = parse_criterion(CHAIN, "Comptent : la préparation des mandats et des titres, "
                                       "l'engagement et la liquidation des dépenses.")
    result = screen(CV, [criterion], [], TODAY, by_meaning=False).results[0]
    assert result.status == MET and result.proposal
    assert result.evidence == "- Préparation des mandats de paiement et saisie des bons de commande"
    assert result.evidence in CV
    assert "à vérifier" in result.note and "modèle appris" in result.note


def test_without_the_model_the_same_criterion_is_not_stated():
    criterion = parse_criterion(CHAIN, "Comptent : la préparation des mandats et des titres.")
    result = screen(CV, [criterion], [], TODAY, by_meaning=False, learned=False).results[0]
    assert result.status == NOT_STATED and result.evidence is None


def test_a_line_unrelated_to_the_criterion_is_never_proposed():
    criterion = parse_criterion("Connaissance des techniques de taille douce des arbres")
    result = screen(CV, [criterion], [], TODAY, by_meaning=False).results[0]
    assert result.status == NOT_STATED and not result.proposal


def test_facts_read_by_their_own_rules_are_never_reviewed():
    for wording in ("Permis B", "Diplôme de niveau 6 (licence) minimum", "Anglais niveau B2",
                    "Expérience d'au moins 3 ans en comptabilité"):
        assert not evidence.reviewable(parse_criterion(wording))
    assert evidence.reviewable(parse_criterion("Expérience de l'animation de réunions publiques"))


def test_twin_cvs_differing_by_name_and_gender_get_the_same_proposals():
    twin = CV.replace("Karim BENALI", "Sophie MARTIN").replace("Assistant de gestion", "Assistante de gestion")
    criterion = parse_criterion(CHAIN, "Comptent : la préparation des mandats et des titres.")
    first, second = (screen(text, [criterion], [], TODAY).results[0] for text in (CV, twin))
    assert (first.status, first.proposal) == (second.status, second.proposal)


def test_inclusive_endings_in_a_definition_are_not_examples():
    assert examples("l'emploi d'assistant(e) maternel(le) ou d'animateur(rice) (ALSH, colonie)") == \
        ["alsh", "colonie"]


def test_a_line_sharing_only_the_definitions_rule_words_is_never_proposed():
    """« obtenue ou recyclée en 10/2022 ou après » shares « après » with « après huit ans comme
    caissière »: a word that states a rule, like a date in brackets, says nothing of the criterion."""
    criterion = parse_criterion(
        "Habilitation électrique BS, BR ou B1V/B2V de moins de 3 ans (depuis 10/2022)",
        "Rempli par une habilitation BS, BR, B1V ou B2V obtenue ou recyclée en 10/2022 ou après "
        "(si seule l'année est donnée : 2023 ou après). Ne comptent pas : H0B0 seul, une formation prévue.")
    terms = evidence.Terms.of(criterion)
    assert "apres" not in " ".join(terms.examples + terms.definition)
    cv = parse_cv("Camille ROUX\n\nParcours\nD'avril 2012 à juin 2017, employée de ménage chez des particuliers, "
                  "après huit ans comme caissière, de 2004 à 2012.\n", TODAY)
    model = evidence.shipped()
    assert model is not None and model.best_line(criterion, cv)[0] is None


def test_a_certification_asked_for_since_a_date_is_out_of_date_when_obtained_before():
    criterion = parse_criterion(
        "Habilitation électrique BS, BR ou B1V/B2V de moins de 3 ans (depuis 10/2022)",
        "Rempli par une habilitation BS, BR, B1V ou B2V obtenue ou recyclée en 10/2022 ou après.")
    line = "| 03/2019 | Habilitation électrique BS / BR | Ardanne Formation Sécurité |"
    found = screen(f"Camille ROUX\n\nFORMATIONS\n{line}\n", [criterion], [], TODAY).results[0]
    assert found.status != MET


def test_a_short_code_listed_as_an_example_is_named_only_as_a_whole_word():
    """« BR » (an electrical clearance) does not start « Braga (Portugal) »."""
    criterion = parse_criterion("Habilitation électrique B1/B1V ou supérieure (B2, B2V, BR, BC)",
                                "Comptent les habilitations électriques B1, B1V, B2, B2V, BR ou BC.")
    terms = evidence.Terms.of(criterion)
    braga = parse_cv("Camille ROUX\n\n2000 – 2008 Maçon, Construções Almeida, Braga (Portugal)\n", TODAY).lines[-1]
    named = evidence.FEATURES.index("examples_named")
    assert evidence.line_features(terms, criterion.kind, braga, True)[named] == 0


def test_a_complement_in_brackets_is_no_example_by_itself():
    """« un budget (d'activités, de séjour) » lists budgets: « Animatrice en séjour de vacances » is none."""
    criterion = parse_criterion("Gestion budgétaire (budget d'activités ou de fonctionnement, régie)",
                                "Rempli si le CV mentionne le suivi d'un budget (d'activités, de séjour) ou une régie.")
    assert not any(e.startswith(("de ", "d'")) for e in evidence.Terms.of(criterion).examples)
    cv = parse_cv("Camille ROUX\n\nEXPÉRIENCE\n07/2021 – 08/2021 Animatrice en séjour de vacances\n", TODAY)
    model = evidence.shipped()
    line, probability = model.best_line(criterion, cv)
    assert line is None or probability < model.promote
