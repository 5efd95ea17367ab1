"""The home page says what matters to the person signed in: whether a model answers today,
the conversations left recently, the requests sent to the HR service and where they stand,
and the work others wait on (HR requests to answer, use-case proposals to instruct)."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from collectivia.assistant.models import Conversation
from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.hrdesk.models import HrQuestion, HrTicket
from support import text_of


def _read(response) -> str:
    """The page's words as a person reads them: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(response)).split())


def _user(session, login: str) -> User:
    return session.execute(select(User).where(User.login == login)).scalar_one()


def _hand_over(session, login: str, text: str, response: str = "") -> None:
    question = HrQuestion(user_id=_user(session, login).id, text=text, outcome="abstention")
    session.add(question)
    session.flush()
    session.add(HrTicket(question_id=question.id, response=response,
                         status="répondu" if response else "ouvert"))


def test_an_agent_is_greeted_in_french_and_told_no_model_answers_today(client, login):
    page = _read(login(client, Role.AGENT).get("/"))
    assert "Vous êtes connecté en tant qu'agent" in page
    assert "Indisponible" in page and "l'assistant ne peut pas répondre" in page
    assert "En attente de votre part" not in page


def test_a_role_label_keeps_its_acronym_inside_the_sentence(client, login):
    page = _read(login(client, Role.REFERENT_IA).get("/"))
    assert "connecté en tant que référent IA" in page


def test_the_models_open_to_the_role_are_named_when_one_is_declared(app, client, login, upstream):
    app.state.settings.llm_backends = json.dumps([upstream.backend("redaction")])
    page = _read(login(client, Role.AGENT).get("/"))
    assert "Disponible" in page and "1 modèle ouvert à votre rôle : redaction" in page


def test_an_agent_finds_recent_conversations_and_hr_requests_with_their_status(
        client, login, demo_database):
    with demo_database.session() as session:
        agent = _user(session, "agent")
        session.add(Conversation(user_id=agent.id, scope="accueil-test", title="Courrier aux familles",
                                 model="redaction"))
        _hand_over(session, "agent", "Combien de jours de congé pour un mariage ?")
        _hand_over(session, "agent", "Quel est le montant de l'IFSE ?", response="150 € par mois.")
        session.commit()
    response = login(client, Role.AGENT).get("/")
    page = _read(response)
    assert "Courrier aux familles" in page
    assert "Combien de jours de congé pour un mariage ? En attente de réponse" in page
    assert "Quel est le montant de l'IFSE ? Répondue" in page
    assert 'href="/assistant/conversations/' in response.text


def test_an_hr_manager_sees_the_requests_waiting_for_an_answer(client, login, demo_database):
    with demo_database.session() as session:
        _hand_over(session, "agent", "Puis-je poser un congé bonifié ?")
        _hand_over(session, "agent", "Ai-je droit au temps partiel ?")
        session.commit()
    response = login(client, Role.GESTIONNAIRE_RH).get("/")
    assert "En attente de votre part" in _read(response)
    waiting = _read(response).split("En attente de votre part")[1]
    assert waiting.lstrip().startswith("2 demandes d'agents à traiter")
    assert 'href="/questions-rh/demandes"' in response.text


def test_the_referent_ia_sees_the_proposals_to_instruct(client, login):
    page = _read(login(client, Role.REFERENT_IA).get("/"))
    assert re.search(r"En attente de votre part \d+ propositions? de cas d'usage à instruire", page)


def test_a_recruiter_sees_per_posting_the_candidatures_not_yet_examined(client, login):
    response = login(client, Role.RECRUTEUR).get("/")
    page = _read(response)
    assert re.search(r"En attente de votre part .+ : \d+ candidatures? à examiner", page)
    assert re.search(r'href="/recrutement/offres/\d+/suivi"', response.text)


def test_an_administrator_is_told_of_a_failed_background_job(client, login, demo_database):
    from collectivia.jobs.models import JobStatus, TrackedJob

    with demo_database.session() as session:
        session.add(TrackedJob(kind="recruitment.cv_batch", owner_id=_user(session, "admin").id,
                               status=JobStatus.FAILED.value, error="Fichier illisible."))
        session.commit()
    response = login(client, Role.ADMIN).get("/")
    assert "En attente de votre part 1 tâche de fond en échec" in _read(response)
    assert 'href="/admin/taches"' in response.text
