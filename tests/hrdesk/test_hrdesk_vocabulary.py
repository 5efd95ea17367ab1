"""The HR service teaches the search its collectivité's own words."""

from __future__ import annotations

import re

from sqlalchemy import select

from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import Role
from collectivia.hrdesk.reranker import shipped_glossary
from collectivia.knowledge import vocabulary
from collectivia.knowledge.models import LocalTerm
from collectivia.knowledge.retrieval import search
from support import csrf_of, text_of

PAGE = "/questions-rh/vocabulaire"
QUESTION = "Si je pars au CCAS, est-ce que je garde ma prime de Noël ?"
WORDING = "avantages collectivement acquis complément de rémunération"


def add(client, term: str, wording: str):
    return client.post(PAGE, data={"terme": term, "equivalent": wording,
                                   "csrf_token": csrf_of(client, PAGE)})


def found(session, question: str) -> list[str]:
    """The first five articles of the search the vocabulary feeds (before the re-ranker, which
    weighs other evidence too)."""
    agent = session.execute(select(User).where(User.login == "agent")).scalar_one()
    query = shipped_glossary().query(question, vocabulary.local_glossary(session))
    return [p.ref for p in search(session, agent, query, k=5)]


def test_a_local_term_makes_the_search_find_what_the_code_calls_it(client, login, demo_database):
    with demo_database.session() as session:
        assert "L714-11" not in found(session, QUESTION)
    login(client, Role.GESTIONNAIRE_RH)
    response = add(client, "prime de Noël", WORDING)
    assert response.status_code == 200 and "« prime de Noël » est ajouté" in text_of(response)
    assert WORDING in text_of(client.get(PAGE))
    with demo_database.session() as session:
        assert "L714-11" in found(session, QUESTION)
        event = session.execute(select(AuditEvent).where(
            AuditEvent.action == "knowledge.term_added")).scalar_one()
        assert event.actor_id is not None


def test_wrong_terms_are_refused_in_french_and_nothing_is_stored(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    unknown = add(client, "truc", "zorglub bidule")
    assert unknown.status_code == 422
    assert "ne figure dans les textes de référence" in text_of(unknown)
    assert 'value="zorglub bidule"' in unknown.text          # what was typed is kept
    assert add(client, "", WORDING).status_code == 422
    assert add(client, "prime de Noël", "").status_code == 422
    assert add(client, "œ" * 79, WORDING).status_code == 422       # folds to 158 characters
    assert add(client, "Prime de noel", WORDING).status_code == 200
    duplicate = add(client, "PRIME DE NOËL", WORDING)
    assert duplicate.status_code == 422 and "figure déjà" in text_of(duplicate)
    with demo_database.session() as session:
        assert [t.term for t in vocabulary.terms(session)] == ["Prime de noel"]


def test_a_removed_term_no_longer_changes_the_search(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    add(client, "prime de Noël", WORDING)
    term_id = re.search(r'action="/questions-rh/vocabulaire/(\d+)/retirer"',
                        client.get(PAGE).text).group(1)
    removed = client.post(f"{PAGE}/{term_id}/retirer", data={"csrf_token": csrf_of(client, PAGE)})
    assert "a été retiré" in text_of(removed)
    with demo_database.session() as session:
        assert session.execute(select(LocalTerm)).first() is None
        assert "L714-11" not in found(session, QUESTION)


def test_only_the_hr_service_edits_the_vocabulary(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    add(client, "prime de Noël", WORDING)
    with demo_database.session() as session:
        term_id = session.execute(select(LocalTerm.id)).scalar_one()
    client.post("/deconnexion", data={"csrf_token": csrf_of(client, PAGE)})
    login(client, Role.AGENT)
    token = csrf_of(client, "/questions-rh")
    assert client.get(PAGE).status_code == 403
    refused = client.post(PAGE, data={"terme": "x y", "equivalent": WORDING, "csrf_token": token})
    assert refused.status_code == 403 and "prime de Noël" not in text_of(refused)
    assert client.post(f"{PAGE}/{term_id}/retirer", data={"csrf_token": token}).status_code == 403
