"""With a model configured, a second look at criteria without evidence — verifiable quotes only."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

import collectivia.llm
from collectivia.core.errors import Conflict
from collectivia.core.users import find_by_login
from collectivia.llm import Completion
from collectivia.recruitment import candidates
from collectivia.recruitment.model_review import review
from collectivia.recruitment.models import Candidate


class FakeRouter:
    available = True

    def __init__(self, answer: dict):
        self.answer = answer
        self.prompts: list[str] = []

    def complete(self, messages, model=None, max_tokens=512, temperature=0.2):
        self.prompts.append(messages[-1].content)
        return Completion(text=json.dumps(self.answer, ensure_ascii=False), model="petit-modele",
                          prompt_tokens=10, completion_tokens=10)


def _candidate(session, filename):
    return session.execute(select(Candidate).where(Candidate.source_filename == filename)).scalar_one()


def test_model_answers_are_kept_only_with_a_verbatim_quote(session, settings, monkeypatch):
    recruiter = find_by_login(session, "recruteur")
    candidate = _candidate(session, "cv-03.txt")       # statut FPT and Excel not mentioned
    candidates.anonymise(session, candidate)
    quote = "Production et contrôle de la DSN mensuelle"
    router = FakeRouter({"statut": "rempli", "citation": quote})
    monkeypatch.setattr(collectivia.llm, "get_router", lambda _settings, *_: router)
    record = review(session, recruiter, settings, candidate.id)
    changed = [r for r in record.results if "modèle" in r["note"]]
    assert changed and all(r["evidence"].strip() == quote.strip() for r in changed)
    assert record.method == "règles + modèle « petit-modele »"
    assert all("WALID" not in p.upper() and "BENYAHIA" not in p.upper() for p in router.prompts)
    assert candidate.stage == "reçue"                  # a proposal, never a decision

    invented = FakeRouter({"statut": "rempli", "citation": "Dix ans de paie au ministère"})
    monkeypatch.setattr(collectivia.llm, "get_router", lambda _settings, *_: invented)
    again = review(session, recruiter, settings, candidate.id)
    assert [r["status"] for r in again.results] == [r["status"] for r in record.results]


def test_without_a_model_the_rules_stay_the_only_proposal(session, settings):
    recruiter = find_by_login(session, "recruteur")
    with pytest.raises(Conflict):
        review(session, recruiter, settings, _candidate(session, "cv-03.txt").id)
