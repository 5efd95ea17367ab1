"""With a model: the question is protected first, and every sentence must be backed by its citation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

import collectivia.llm as llm
import collectivia.privacy as privacy
from collectivia.core.models import User
from collectivia.hrdesk import generative, policy
from collectivia.hrdesk.answering import respond
from collectivia.hrdesk.policy import CitationPolicy
from collectivia.knowledge.retrieval import Passage

L215 = Passage(1, 1, "Code", "L215-1", True, "", "L'agent public en activité a droit à un congé pour "
               "formation syndicale avec traitement d'une durée maximale de douze jours ouvrables "
               "par an.", None, True)


def test_supported_sentences_are_kept_and_invented_ones_removed():
    kept, removed, cited = generative.check(
        "Vous avez droit à un congé de formation syndicale avec traitement [L215-1]. "
        "Il dure au plus 30 jours par an [L215-1]. "
        "Votre employeur doit aussi payer vos frais de transport.", [L215])
    assert kept == ["Vous avez droit à un congé de formation syndicale avec traitement [L215-1]."]
    assert len(removed) == 2 and cited == [L215]


def test_a_sentence_citing_an_article_it_was_not_given_is_removed():
    kept, removed, _ = generative.check("Le congé est de douze jours ouvrables [L621-1].", [L215])
    assert kept == [] and removed


@dataclass
class FakeCompletion:
    text: str
    model: str = "modele-test"
    prompt_tokens: int = 10
    completion_tokens: int = 10


class FakeRouter:
    available = True

    def __init__(self, reply: str):
        self.reply, self.sent = reply, []

    def complete(self, messages, model=None, max_tokens=512, temperature=0.2):
        self.sent.append(messages[-1].content)
        return FakeCompletion(self.reply)


@dataclass
class Protected:
    text: str
    blocked: bool = False


@pytest.fixture
def agent(session):
    return session.execute(select(User).where(User.login == "agent")).scalar_one()


def fake_model(monkeypatch, reply: str) -> FakeRouter:
    router = FakeRouter(reply)
    monkeypatch.setattr(llm, "get_router", lambda s, *_: router)
    monkeypatch.setattr(privacy, "protect", lambda session, text, **kw: Protected(
        text.replace("Camille Durand", "Personne 1")))
    monkeypatch.setattr(privacy, "reidentify", lambda session, text, **kw: text)
    return router


def test_the_model_answer_is_checked_and_flagged(session, agent, settings, monkeypatch):
    monkeypatch.setattr(policy, "shipped", lambda: CitationPolicy(0.0, 1.01, 1.01, 0.0))
    router = fake_model(monkeypatch, "Vous avez droit à douze jours ouvrables par an de "
                                     "formation syndicale [L215-1]. Ce congé est aussi payé "
                                     "double [L215-1].")
    answer = respond(session, agent, "Je suis Camille Durand : formation syndicale, combien de "
                                     "jours par an ?", settings=settings, use_faq=False)
    assert answer.mode == "modèle" and answer.flagged
    assert answer.text == ("Vous avez droit à douze jours ouvrables par an de formation syndicale "
                           "[L215-1].")
    assert [p.ref for p in answer.cited] == ["L215-1"]
    assert "Camille Durand" not in router.sent[0] and "Personne 1" in router.sent[0]


def test_the_model_is_not_asked_when_the_citation_policy_abstains(session, agent, settings,
                                                                   monkeypatch):
    """One policy for both paths: the model only ever sees the articles the policy cites."""
    router = fake_model(monkeypatch, "Le télétravail est un droit [L430-1].")
    answer = respond(session, agent, "Est-ce que la mairie doit me donner un ordinateur pour le "
                     "télétravail ?", settings=settings, use_faq=False)
    assert router.sent == [] and answer.outcome == "sans_réponse" and answer.cited == []


def test_no_model_call_when_the_privacy_engine_fails(session, agent, settings, monkeypatch):
    router = FakeRouter("peu importe")
    monkeypatch.setattr(llm, "get_router", lambda s, *_: router)

    def broken(*args, **kwargs):
        raise privacy.PrivacyFailure("moteur indisponible")
    monkeypatch.setattr(privacy, "protect", broken)
    answer = respond(session, agent, "Formation syndicale : combien de jours par an ?",
                     settings=settings, use_faq=False)
    assert router.sent == [] and answer.mode == "extractif"
    assert "douze jours ouvrables par an. » [L215-1, version en vigueur au 15/01/2024]" in answer.text
