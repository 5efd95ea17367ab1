"""With a model: the question is protected first, and every sentence must be backed by its citation."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from sqlalchemy import select

import collectivia.llm as llm
import collectivia.privacy as privacy
from collectivia.core.models import User
from collectivia.core.users import find_by_login
from collectivia.hrdesk import generative, policy
from collectivia.hrdesk.answering import respond
from collectivia.hrdesk.policy import CitationPolicy
from collectivia.knowledge.retrieval import Passage
from collectivia.llm import Completion, LLMUnavailable, Router
from collectivia.llm.budgets import set_budgets
from collectivia.llm.budgets import status as budget_status
from collectivia.llm.config import parse_backends
from collectivia.llm.models import UsageRecord
from collectivia.llm.usage import set_quota, tokens_today

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


# a priced model of declared size, so its calls have a cost in euros and an energy estimate
BACKENDS = json.dumps([{"name": "albert", "base_url": "http://127.0.0.1:9/v1", "models": [
    {"alias": "modele-test", "params_b": 8, "price_in_eur_per_mtok": 1.0,
     "price_out_eur_per_mtok": 3.0}]}])


class FakeRouter(Router):
    """The declared model, answering `reply` without any network (or failing with `failure`)."""

    def __init__(self, reply: str, failure: Exception | None = None):
        super().__init__(parse_backends(BACKENDS))
        self.reply, self.failure, self.sent = reply, failure, []

    def complete(self, messages, model=None, max_tokens=512, temperature=0.2):
        self.sent.append(messages[-1].content)
        if self.failure is not None:
            raise self.failure
        return Completion(text=self.reply, model="modele-test", prompt_tokens=1200,
                          completion_tokens=80, backend="albert")


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


# --- the model's calls are counted and held like the assistant's -----------------------------

SUPPORTED = "Vous avez droit à douze jours ouvrables par an de formation syndicale [L215-1]."


def ask_with_model(session, agent, settings, monkeypatch, router: FakeRouter):
    """Formation syndicale, with a policy that always cites and the given model."""
    monkeypatch.setattr(policy, "shipped", lambda: CitationPolicy(0.0, 1.01, 1.01, 0.0))
    fake_model(monkeypatch, "")
    monkeypatch.setattr(llm, "get_router", lambda s, *_: router)
    return respond(session, agent, "Formation syndicale : combien de jours par an ?",
                   settings=settings, use_faq=False)


def test_a_model_answer_is_counted_in_tokens_euros_and_energy_like_an_assistant_call(
        session, agent, settings, monkeypatch):
    answer = ask_with_model(session, agent, settings, monkeypatch, FakeRouter(SUPPORTED))
    assert answer.mode == "modèle"
    record, = session.execute(select(UsageRecord)).scalars()
    assert (record.source, record.user_id, record.direction) == (
        "questions-rh", agent.id, agent.direction.name)
    assert (record.prompt_tokens, record.completion_tokens) == (1200, 80)
    assert record.cost_eur == pytest.approx(0.00144)     # 1 200 at 1 €/M + 80 at 3 €/M
    assert record.energy_kwh > 0
    assert tokens_today(session, agent) == 1280          # the same daily count as the assistant


def test_past_the_directions_budget_the_agent_gets_the_quoted_answer_and_no_model_is_asked(
        session, agent, settings, monkeypatch):
    set_budgets(session, find_by_login(session, "admin"), {agent.direction.id: "0"})
    router = FakeRouter(SUPPORTED)
    answer = ask_with_model(session, agent, settings, monkeypatch, router)
    assert router.sent == [] and answer.mode == "extractif"
    assert "douze jours ouvrables par an" in answer.text
    assert session.execute(select(UsageRecord)).first() is None


def test_past_the_agents_daily_quota_the_agent_gets_the_quoted_answer(session, agent, settings,
                                                                        monkeypatch):
    set_quota(session, find_by_login(session, "admin"), login="agent", tokens_per_day=100)
    router = FakeRouter(SUPPORTED)
    answer = ask_with_model(session, agent, settings, monkeypatch, router)
    assert router.sent == [] and answer.mode == "extractif"


def test_a_failed_model_call_gives_back_what_it_held_on_the_budget(session, agent, settings,
                                                                   monkeypatch):
    set_budgets(session, find_by_login(session, "admin"), {agent.direction.id: "10"})
    router = FakeRouter("", failure=LLMUnavailable("le modèle ne répond pas"))
    answer = ask_with_model(session, agent, settings, monkeypatch, router)
    assert router.sent and answer.mode == "extractif"
    assert budget_status(session, agent).used_eur == 0
    assert session.execute(select(UsageRecord)).first() is None
