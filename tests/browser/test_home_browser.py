"""The home page, signed in, on a desktop and at 375 px: an agent sees first whether a model
answers, the conversation left recently and the request sent to the HR service with its status;
the sections stack on a phone without widening the page, and axe-core finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from browser_support import SCREENS, open_as, page_problems
from collectivia.assistant.models import Conversation
from collectivia.core.models import User
from collectivia.hrdesk.models import HrQuestion, HrTicket


@pytest.fixture
def agent_with_history(demo_database):
    with demo_database.session() as session:
        agent = session.execute(select(User).where(User.login == "agent")).scalar_one()
        session.add(Conversation(user_id=agent.id, scope="accueil-navigateur",
                                 title="Note sur les horaires d'été", model="redaction"))
        question = HrQuestion(user_id=agent.id, text="Combien de jours pour un déménagement ?",
                              outcome="abstention")
        session.add(question)
        session.flush()
        session.add(HrTicket(question_id=question.id))
        session.commit()


@pytest.mark.parametrize("size", SCREENS, ids=str)
def test_an_agent_sees_models_conversations_and_hr_requests_on_every_screen(
        page, live_server, agent_with_history, size):
    open_as(page, live_server, "agent", "/", size)

    models = page.get_by_role("region", name="Modèles d'IA")
    expect(models).to_contain_text("Indisponible")
    expect(page.get_by_role("region", name="Mes conversations récentes").get_by_role(
        "link", name="Note sur les horaires d'été")).to_be_visible()
    requests = page.get_by_role("region", name="Mes demandes au service RH")
    expect(requests).to_contain_text("Combien de jours pour un déménagement ?")
    expect(requests).to_contain_text("En attente de réponse")
    assert page_problems(page) == {}


def test_an_hr_manager_reaches_the_waiting_requests_from_the_home_page(
        page, live_server, agent_with_history):
    open_as(page, live_server, "rh", "/", "téléphone")
    waiting = page.get_by_role("region", name="En attente de votre part")
    waiting.get_by_role("link", name="1 demande d'agent à traiter").click()
    expect(page).to_have_url(f"{live_server}/questions-rh/demandes")
    expect(page.get_by_role("main")).to_contain_text("Combien de jours pour un déménagement ?")
