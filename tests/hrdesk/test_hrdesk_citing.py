"""The citation policy: an article is cited only when the re-ranker is sure enough it answers.

Three honest outcomes: a cited answer, "les textes ne répondent pas" with the
hand-over, or the FAQ (decided before any search). Related texts are offered
under an outcome, never as the answer; an article about another subject is
not shown at all.
"""

from __future__ import annotations

from datetime import date

from collectivia.hrdesk import extractive, policy
from collectivia.hrdesk.extractive import Unit
from collectivia.hrdesk.policy import CitationPolicy
from collectivia.hrdesk.questions import kind_of
from collectivia.hrdesk.reranker import Candidate
from collectivia.knowledge.retrieval import Passage

POLICY = CitationPolicy(cite=0.6, second=0.8, related=0.2, cite_local=0.5)
ANY = kind_of("Le télétravail, c'est un droit ?")


def candidate(ref: str, probability: float, text: str = "Texte de l'article.",
              shipped: bool = True) -> Candidate:
    passage = Passage(sum(map(ord, ref)), 1, "Code" if shipped else "Règlement intérieur", ref,
                      True, "", text, date(2024, 1, 15), shipped)
    return Candidate(passage, [Unit(passage, 0, text, 5.0)], probability)


def test_a_likely_article_is_cited_and_the_close_ones_are_offered_beside_it():
    decision = POLICY.decide(ANY, [candidate("L430-1", 0.9), candidate("L430-2", 0.3),
                                   candidate("L622-2", 0.05)])
    assert decision.cite
    assert [c.passage.ref for c in decision.cited] == ["L430-1"]
    assert [c.passage.ref for c in decision.related] == ["L430-2"]


def test_when_no_article_is_likely_enough_the_texts_do_not_answer():
    decision = POLICY.decide(ANY, [candidate("L612-1", 0.5), candidate("L612-3", 0.4)])
    assert not decision.cite and decision.cited == []
    assert "ne répond clairement" in decision.reason
    assert [c.passage.ref for c in decision.related] == ["L612-1", "L612-3"]


def test_an_article_about_another_subject_is_never_shown_not_even_as_a_related_text():
    decision = POLICY.decide(ANY, [candidate("L622-2", 0.1), candidate("L215-1", 0.02)])
    assert not decision.cite and decision.related == []


def test_a_second_article_is_cited_only_when_it_clears_a_stricter_bar():
    both = POLICY.decide(ANY, [candidate("L532-5", 0.95), candidate("L533-1", 0.85)])
    one = POLICY.decide(ANY, [candidate("L532-5", 0.95), candidate("L533-1", 0.7)])
    assert [c.passage.ref for c in both.cited] == ["L532-5", "L533-1"]
    assert [c.passage.ref for c in one.cited] == ["L532-5"]
    assert [c.passage.ref for c in one.related] == ["L533-1"]


def test_the_collectivite_s_own_texts_have_their_own_bar():
    local = POLICY.decide(ANY, [candidate("1", 0.55, shipped=False)])
    code = POLICY.decide(ANY, [candidate("L430-1", 0.55)])
    assert local.cite and [c.passage.citation for c in local.cited] == ["Règlement intérieur, art. 1"]
    assert not code.cite


def test_an_amount_the_texts_do_not_fix_is_explained_as_such():
    decision = POLICY.decide(kind_of("C'est combien l'IFSE pour un adjoint ?"),
                             [candidate("L714-4", 0.3)])
    assert not decision.cite and "ne fixent pas ce montant" in decision.reason


def test_a_cited_answer_quotes_the_article_with_its_reference_and_version():
    cited = candidate("L215-1", 0.9, "L'agent a droit à un congé pour formation syndicale.")
    text, passages = extractive.compose([cited])
    assert text == ("« L'agent a droit à un congé pour formation syndicale. » "
                    "[L215-1, version en vigueur au 15/01/2024]")
    assert passages == [cited.passage]


def test_the_shipped_policy_is_calibrated_to_cite_more_strictly_than_it_relates():
    shipped = policy.shipped()
    assert 0 < shipped.related <= shipped.cite <= shipped.second <= 1
    assert 0 < shipped.cite_local <= 1
