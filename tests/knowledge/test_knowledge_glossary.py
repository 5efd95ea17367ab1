"""The glossary puts the code's words next to the agent's: abbreviations and everyday situations."""

from __future__ import annotations

import re

import pytest

from collectivia.knowledge.corpus import shipped_drafts
from collectivia.knowledge.glossary import GLOSSARY, SITUATIONS, expand
from collectivia.knowledge.index import tokens


def added(question: str) -> str:
    expanded = expand(question)
    assert expanded.startswith(question)
    return expanded[len(question):]


def test_abbreviations_and_familiar_words_get_the_code_wording():
    assert "disponibilité" in added("dispo pour convenances perso ?")
    assert "contrat à durée indéterminée" in added("au bout de combien de CDD j'ai un CDI ?")


def test_a_situation_told_in_everyday_words_gets_the_concept_of_the_code():
    assert "accident de service" in added(
        "Je me suis bloqué le dos en soulevant une charge pendant mon service")
    assert "temps partiel pour raison thérapeutique" in added(
        "Après mon arrêt je voudrais reprendre en douceur")
    assert "laïcité" in added("Une collègue peut-elle porter un voile à l'accueil ?")
    assert "promotion interne" in added("Comment devenir rédacteur sans repasser un concours ?")


def test_a_situation_needs_all_its_cues():
    assert "conflit d'intérêts" not in added("Ma sœur est malade, ai-je droit à un congé ?")
    assert "conflit d'intérêts" in added(
        "Ma sœur dirige une entreprise qui répond au marché public que j'instruis")


def test_a_question_in_the_code_own_words_is_left_alone():
    question = "Quelles sont les conditions du détachement d'un fonctionnaire territorial ?"
    assert expand(question) == question


def test_each_wording_is_added_once():
    text = added("dispo dispo, je veux une dispo")
    assert text.count("disponibilité") == 1


def test_no_entry_points_to_an_article():
    """It is vocabulary, not a table of answers."""
    wordings = list(GLOSSARY.values()) + [w for _, w in SITUATIONS]
    assert not [w for w in wordings if re.search(r"\b[LRD]\.? ?\d", w)]


def test_every_wording_speaks_the_language_of_the_shipped_code():
    """An expansion whose words the code never uses would only add noise to the search."""
    known = {stem for draft in shipped_drafts() for stem in tokens(draft.text)}
    wordings = list(GLOSSARY.values()) + [w for _, w in SITUATIONS]
    silent = [w for w in wordings if not set(tokens(w)) & known]
    assert silent == []


@pytest.mark.parametrize("question, concept", [
    ("Petite question : combien dure un congé de maladie ordinaire ?", "présence parentale"),
    ("Ma pause déjeuner compte-t-elle dans le temps de travail ?", "disponibilité"),
    ("Comment signaler mon absence à mon chef ?", "lanceur d'alerte"),
    ("Puis-je partir à 60 ans à la retraite ?", "temps partiel"),
    ("Quelle est la politique de télétravail ?", "neutralité"),
    ("Je suis une femme, mon dossier de candidature est-il complet ?", "conflit d'intérêts"),
    ("Mes frais de déplacement sont-ils remboursés ?", "honoraires médicaux"),
    ("Mon congé tombe un jour férié, que fait le service ?", "accident de service"),
    ("Puis-je revenir à temps partiel après mon congé parental ?", "raison thérapeutique"),
])
def test_everyday_questions_do_not_trigger_unrelated_concepts(question, concept):
    assert concept not in added(question)

