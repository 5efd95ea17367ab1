"""What an agent gets: a cited answer, "les textes ne répondent pas", or the FAQ; never an off-topic text.

These are the questions a new user tried before the re-ranker: each one
showed a passage about something else, or nothing useful.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from collectivia.core.models import User
from collectivia.hrdesk import dashboard, policy, service
from collectivia.hrdesk.answering import respond
from collectivia.hrdesk.models import ABSTAINED, ANSWERED
from collectivia.hrdesk.policy import CitationPolicy


@pytest.fixture
def agent(session):
    return session.execute(select(User).where(User.login == "agent")).scalar_one()


def shown(answer) -> list[str]:
    """Every article the agent sees: cited as the answer, or offered as a related text."""
    return [p.ref for p in answer.cited + answer.related]


def test_telework_never_shows_the_leave_for_the_death_of_a_child(session, agent):
    answer = respond(session, agent, "Combien de jours de télétravail par semaine ?", use_faq=False)
    assert "L622-2" not in shown(answer)
    assert "décès" not in answer.text
    assert "L430-1" in [p.ref for p in answer.retrieved[:5]]


def test_an_amount_the_code_does_not_fix_gets_an_honest_no_and_the_hand_over(session, agent):
    answer = respond(session, agent, "C'est combien l'IFSE pour un adjoint administratif ?",
                     use_faq=False)
    assert answer.outcome == ABSTAINED and answer.cited == []
    assert "ne répondent pas" in answer.text and "service RH" in answer.text
    assert "ne fixent pas ce montant" in answer.reason


def test_the_page_s_own_example_finds_its_article_first_and_is_never_answered_off_topic(
        session, agent):
    """The shipped re-ranker gives L612-3 a probability of 0.76 for this wording, just under
    the bar the calibration split set (0.766): shown first among related texts, not cited."""
    answer = respond(session, agent, "Puis-je passer à 80 % après une naissance ?", use_faq=False)
    assert answer.retrieved[0].ref == "L612-3"
    assert [p.ref for p in answer.cited] in ([], ["L612-3"])


def test_a_cited_answer_quotes_the_article_and_gives_its_version(session, agent, monkeypatch):
    """About the quotation, not the bar (lowered here)."""
    monkeypatch.setattr(policy, "shipped", lambda: CitationPolicy(0.5, 1.0, 0.05, 0.5))
    answer = respond(session, agent, "Puis-je passer à 80 % après une naissance ?", use_faq=False)
    assert answer.outcome == ANSWERED and [p.ref for p in answer.cited] == ["L612-3"]
    assert answer.text.startswith("« L'autorisation d'accomplir un travail à temps partiel est "
                                  "accordée de plein droit au fonctionnaire selon une quotité de "
                                  "50, 60, 70 ou 80 %")
    assert "1° A l'occasion de chaque naissance" in answer.text
    assert answer.text.endswith(" » [L612-3, version en vigueur au 15/01/2024]")
    assert "L612-3" not in [p.ref for p in answer.related]


@pytest.mark.parametrize("question, article", [
    ("Comment se passe une rupture conventionnelle dans la territoriale ?", "L552-1"),
    ("donner des cours de guitare en auto-entrepreneur à côté de mon poste", "L123-7"),
])
def test_everyday_questions_find_the_article_that_answers_among_the_first_five(
        session, agent, question, article):
    answer = respond(session, agent, question, use_faq=False)
    assert article in [p.ref for p in answer.retrieved[:5]]


def test_a_three_year_dispo_shows_only_disponibilite_articles_not_a_liste_d_aptitude(
        session, agent):
    answer = respond(session, agent, "prendre une dispo de 3 ans", use_faq=False)
    assert answer.retrieved[0].ref.startswith("L514-")
    assert all(ref.startswith("L514-") for ref in shown(answer))


def test_the_dashboard_counts_an_abstention_with_related_texts_as_unanswered(session, agent):
    rh = session.execute(select(User).where(User.login == "rh")).scalar_one()
    record, answer = service.ask(session, agent, "Combien coûte un abonnement de bus ?")
    assert answer.outcome == ABSTAINED
    board = dashboard.build(session, rh)
    assert board.total.answered == 0 and board.total.abstained == 1
    assert record in board.unanswered
