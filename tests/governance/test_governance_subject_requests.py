"""Data-subject requests: the DPO finds what the platform holds on a person, exports it, erases
it after a confirmation, and keeps the audit journal (explained, since its chain forbids edits).
Questions RH have a retention period, enforced by a nightly purge."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from collectivia.assistant.models import Conversation, Message
from collectivia.core import audit, clock
from collectivia.core.errors import Forbidden, InvalidInput
from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.governance import benefits, processing, subject
from collectivia.hrdesk.models import TICKET_OPEN, HrFeedback, HrQuestion, HrTicket
from collectivia.hrdesk.retention import purge_expired
from collectivia.recruitment.models import Candidate
from support import csrf_of, text_of


def _conversation(session, user: User, text: str) -> Conversation:
    conversation = Conversation(user_id=user.id, scope=f"test:{user.id}:{clock.now().timestamp()}",
                                title="Courrier", model="petit")
    session.add(conversation)
    session.flush()
    session.add(Message(conversation_id=conversation.id, role="user", content=text, sent_text=text))
    answer = Message(conversation_id=conversation.id, role="assistant", content="Voici le courrier.",
                     sent_text="Voici le courrier.")
    session.add(answer)
    session.flush()
    return conversation


def _question(session, user: User, text: str = "Ai-je droit au temps partiel ?", ticket: str | None = None
              ) -> HrQuestion:
    question = HrQuestion(user_id=user.id, text=text, outcome="abstention", answer="")
    session.add(question)
    session.flush()
    if ticket is not None:
        session.add(HrTicket(question_id=question.id, status=ticket, details="Merci"))
    session.flush()
    return question


def _holding(found, key):
    return next(h for h in found if h.store.key == key)


def test_for_an_account_the_dpo_sees_every_store_and_what_erasure_keeps(session):
    dpo, agent = find_by_login(session, "dpo"), find_by_login(session, "agent")
    _conversation(session, agent, "Prépare un courrier pour la réunion.")
    _question(session, agent, ticket=TICKET_OPEN)
    found = subject.holdings(session, dpo, subject.person(session, dpo, account=str(agent.id)))
    assert [h.store.key for h in found] == [s.key for s in subject.STORES]
    assert len(_holding(found, "compte").items) == 1
    assert len(_holding(found, "conversations").items) == 1
    assert "transmise au service RH" in _holding(found, "questions_rh").items[0].summary
    assert _holding(found, "journal").items, "her logins are in the journal"
    assert "HMAC" in _holding(found, "journal").store.on_erase


def test_a_name_without_an_account_is_found_in_conversations_and_candidatures(session):
    dpo, agent = find_by_login(session, "dpo"), find_by_login(session, "agent")
    _conversation(session, agent, "Réponds à Mme Josette Grondin au sujet de son dossier.")
    found = subject.holdings(session, dpo, subject.person(session, dpo, text="Grondin"))
    assert len(_holding(found, "conversations").items) == 1
    assert [c.summary.split(" — ")[0] for c in _holding(found, "candidatures").items] == ["Candidature n° 1"]


def test_the_export_is_json_with_every_item(session):
    dpo, agent = find_by_login(session, "dpo"), find_by_login(session, "agent")
    _conversation(session, agent, "Prépare un courrier.")
    who = subject.person(session, dpo, account=str(agent.id))
    exported = json.loads(json.dumps(subject.export(who, subject.holdings(session, dpo, who)), default=str))
    stores = {s["magasin"]: s["elements"] for s in exported["magasins"]}
    assert stores["Compte"][0]["courriel"] == agent.email
    assert stores["Conversations de l'assistant"][0]["messages"][0]["texte"] == "Prépare un courrier."


def test_erasure_deletes_the_persons_data_pseudonymises_the_account_and_keeps_the_journal(session, settings):
    dpo, agent = find_by_login(session, "dpo"), find_by_login(session, "agent")
    conversation = _conversation(session, agent, "Prépare un courrier.")
    question = _question(session, agent, ticket=TICKET_OPEN)
    session.add(HrFeedback(question_id=question.id, useful=False))
    benefits.rate(session, agent, "assistant", conversation.messages[-1].id, 15, True)
    audit.record(session, "test.action", actor=agent)
    session.commit()
    journal_before = session.query(AuditEvent).filter_by(actor_id=agent.id).count()

    who = subject.person(session, dpo, account=str(agent.id))
    with pytest.raises(InvalidInput, match="Cochez"):
        subject.erase(session, dpo, who, settings, confirmed=False)
    counts = subject.erase(session, dpo, who, settings, confirmed=True)
    session.commit()

    assert counts == {"conversations": 1, "questions_rh": 1, "temps_gagne": 1, "compte": 1}
    assert session.get(Conversation, conversation.id) is None
    assert session.query(HrTicket).count() == 0 and session.query(HrFeedback).count() == 0
    account = session.get(User, agent.id)
    assert (account.full_name, account.login, account.email, account.active) == \
        (f"Personne effacée n° {agent.id}", f"efface-{agent.id}", "", False)
    assert session.query(AuditEvent).filter_by(actor_id=agent.id).count() == journal_before
    erased = session.query(AuditEvent).filter_by(action="governance.subject.erase").one()
    assert "Camille" not in erased.details and audit.verify(session) == []


def test_only_the_dpo_handles_requests_and_never_erases_their_own_account(session, settings):
    dpo = find_by_login(session, "dpo")
    for login in ("admin", "referent", "agent"):
        with pytest.raises(Forbidden):
            subject.person(session, find_by_login(session, login), text="Grondin")
    with pytest.raises(InvalidInput, match="propre compte"):
        subject.erase(session, dpo, subject.person(session, dpo, account=str(dpo.id)), settings, True)


def test_the_dpo_confirms_then_erases_a_candidate_found_by_name(client, login, demo_database):
    login(client, Role.DPO)
    search = text_of(client.get("/gouvernance/personnes", params={"q": "Grondin"}))
    assert "Aucun compte ne correspond" in search and "Chercher « Grondin » dans toutes les données" in search
    page = text_of(client.get("/gouvernance/personnes/donnees", params={"texte": "Grondin"}))
    assert "Candidatures : 1" in page and "Journal d'audit" in page
    exported = client.get("/gouvernance/personnes/donnees.json", params={"texte": "Grondin"})
    assert "jgrondin@example.net" in exported.text
    confirm = text_of(client.get("/gouvernance/personnes/effacement", params={"texte": "Grondin"}))
    assert "est définitif" in confirm
    token = csrf_of(client, "/gouvernance/personnes")
    refused = client.post("/gouvernance/personnes/effacement",
                          data={"csrf_token": token, "texte": "Grondin"}, follow_redirects=True)
    assert "Cochez la case" in text_of(refused)
    done = client.post("/gouvernance/personnes/effacement",
                       data={"csrf_token": token, "texte": "Grondin", "confirme": "oui"}, follow_redirects=True)
    assert "1 élément(s) supprimé(s)" in text_of(done)
    with demo_database.session() as s:
        assert not s.query(Candidate).filter(Candidate.cv_text.ilike("%Grondin%")).count()
        assert s.query(AuditEvent).filter_by(action="governance.subject.erase").count() == 1


# --- retention of Questions RH -----------------------------------------------------------------

def test_questions_rh_are_purged_after_their_retention_but_an_unanswered_handover_waits(session, settings):
    agent = find_by_login(session, "agent")
    old = _question(session, agent, "Question ancienne")
    waiting = _question(session, agent, "Question transmise, sans réponse", ticket=TICKET_OPEN)
    answered = _question(session, agent, "Question transmise, répondue", ticket="répondu")
    recent = _question(session, agent, "Question récente")
    for question in (old, waiting, answered):
        question.asked_at = clock.now() - timedelta(days=settings.hrdesk_retention_days + 1)
    session.flush()
    assert purge_expired(session, settings) == {"questions": 2, "avis": 0, "demandes": 1}
    left = {q.text for q in session.query(HrQuestion).filter(HrQuestion.user_id == agent.id)}
    assert {waiting.text, recent.text} <= left and not {old.text, answered.text} & left
    assert session.query(AuditEvent).filter_by(action="hrdesk.purge").count() == 0  # chained at commit
    session.commit()
    assert session.query(AuditEvent).filter_by(action="hrdesk.purge").count() == 1


def test_the_register_states_the_questions_rh_retention_the_purge_enforces(session, settings):
    entry = processing.entry(session, find_by_login(session, "dpo"), settings, "questions_rh")
    assert f"{settings.hrdesk_retention_days} jours" in entry.values["conservation"]
    assert "hrdesk.purge" in entry.values["conservation"]


def test_the_purge_is_a_nightly_job_of_the_queue():
    from procrastinate import App, testing

    from collectivia.jobs import tasks

    app = App(connector=testing.InMemoryConnector())
    tasks.register(app)
    assert "hrdesk.purge" in app.tasks
    assert any(p.task.name == "hrdesk.purge" for p in app.periodic_registry.periodic_tasks.values())


def test_the_purge_runs_once_from_the_command_line_and_says_what_it_deleted(
        settings, demo_database, monkeypatch):
    from typer.testing import CliRunner

    from collectivia.cli import app as cli
    from collectivia.settings import get_settings

    with demo_database.session() as s:
        agent = find_by_login(s, "agent")
        expired = clock.now() - timedelta(days=settings.hrdesk_retention_days + 1)
        for text, ticket in (("Question ancienne", None), ("Question transmise, répondue", "répondu"),
                             ("Question transmise, sans réponse", TICKET_OPEN)):
            _question(s, agent, text, ticket=ticket).asked_at = expired
    monkeypatch.setenv("COLLECTIVIA_DATABASE_URL", demo_database.url)
    monkeypatch.setenv("COLLECTIVIA_VAR_DIR", str(settings.var_dir))
    # the command signs its audit event with the test database's key (required on PostgreSQL)
    monkeypatch.setenv("COLLECTIVIA_AUDIT_KEY", settings.resolved_audit_key().decode("utf-8"))
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["hrdesk", "purge"])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"2 questions RH supprimées (posées depuis plus de {settings.hrdesk_retention_days} jours) : "
        "0 avis, 1 demande transmise au service RH.")
    with demo_database.session() as s:
        assert [q.text for q in s.query(HrQuestion)] == ["Question transmise, sans réponse"]
        assert s.query(AuditEvent).filter_by(action="hrdesk.purge").count() == 1
