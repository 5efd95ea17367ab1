"""Budgets that hold, as people meet them: the admin sets each direction's monthly budget,
an agent whose direction has spent it is told so and whom to ask, on the chat page and
through the gateway; a busy model says so; the profile shows what remains."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from assistant_support import ask
from collectivia.core.models import Direction
from collectivia.core.roles import Role
from collectivia.settings import Settings
from support import csrf_of, text_of


@pytest.fixture
def settings(tmp_path, upstream) -> Settings:
    """One priced model ("redaction") taking two requests a minute, three a day."""
    backend = upstream.backend(params_b=8, price_in_eur_per_mtok=0.5, price_out_eur_per_mtok=1.5,
                               max_requests_per_minute=2, max_requests_per_day=3, timeout=1.0)
    # jobs run when the test drains the queue, not in the app's lifespan
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    llm_backends=json.dumps([backend]), jobs_in_process=False)


def direction_ids(database) -> dict[str, int]:
    with database.session() as session:
        return dict(session.execute(select(Direction.name, Direction.id)).all())


def set_budgets(client, typed: dict[int, str], **kwargs):
    data = {f"budget_{i}": text for i, text in typed.items()}
    return client.post("/assistant/administration/budgets", data={
        "csrf_token": csrf_of(client, "/assistant/administration"), **data}, **kwargs)


def give_budget(client, login, demo_database, euros: str, direction="Accueil-population"):
    """The admin sets the agent's direction's budget; the agent is signed in after."""
    login(client, Role.ADMIN)
    ids = direction_ids(demo_database)
    assert set_budgets(client, {ids[direction]: euros},
                       follow_redirects=False).status_code == 303
    client.cookies.clear()
    login(client, Role.AGENT)


def api_token(client) -> str:
    page = client.post("/profil/jetons", data={"csrf_token": csrf_of(client, "/profil"),
                                               "nom": "script"})
    return page.text.split('id="nouveau-jeton" class="token-value" value="')[1].split('"')[0]


def gateway_chat(client, token):
    return client.post("/v1/chat/completions", headers={"Authorization": f"Bearer {token}"},
                       json={"model": "redaction",
                             "messages": [{"role": "user", "content": "Bonjour"}]})


def test_the_admin_sets_each_directions_budget_and_a_wrong_one_loses_nothing(
        client, login, demo_database):
    login(client, Role.ADMIN)
    ids = direction_ids(demo_database)
    page = text_of(client.get("/assistant/administration"))
    assert "Budgets mensuels des directions" in page and "Accueil-population" in page
    assert set_budgets(client, {ids["Accueil-population"]: "1 500,50", ids["Ressources"]: "200"},
                       follow_redirects=False).status_code == 303
    html = client.get("/assistant/administration").text
    assert f'name="budget_{ids["Accueil-population"]}" inputmode="decimal" value="1500,50"' in html
    bad = set_budgets(client, {ids["Accueil-population"]: "2 000",
                               ids["Ressources"]: "deux cents"})
    assert bad.status_code == 422
    assert "Direction « Ressources » : le budget doit être un montant en euros" in text_of(bad)
    assert 'value="deux cents"' in bad.text and 'value="2 000"' in bad.text   # as typed
    html = client.get("/assistant/administration").text                     # nothing changed
    assert f'name="budget_{ids["Accueil-population"]}" inputmode="decimal" value="1500,50"' in html
    assert f'name="budget_{ids["Ressources"]}" inputmode="decimal" value="200"' in html
    set_budgets(client, {ids["Accueil-population"]: "", ids["Ressources"]: "200"})
    html = client.get("/assistant/administration").text                     # empty: no limit
    assert f'name="budget_{ids["Accueil-population"]}" inputmode="decimal" value=""' in html


def test_an_agent_whose_direction_spent_its_budget_is_told_whom_to_ask(
        client, login, upstream, demo_database):
    give_budget(client, login, demo_database, "0")
    response = ask(client, "Rédige une note sur les horaires d'été.")
    assert response.status_code == 429
    text = text_of(response)
    assert "Budget mensuel atteint pour la direction « Accueil-population »" in text
    assert "adressez-vous au référent IA" in text
    assert upstream.requests == []


def test_the_gateway_refuses_in_openai_words_with_the_french_reason(
        client, login, upstream, demo_database):
    give_budget(client, login, demo_database, "0")
    token = api_token(client)
    response = gateway_chat(client, token)
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "insufficient_quota" and error["type"] == "insufficient_quota"
    assert "Budget mensuel atteint" in error["message"] and "référent IA" in error["message"]
    assert upstream.requests == []


def test_a_busy_model_is_refused_with_429_and_the_profile_shows_what_remains(
        client, login, upstream, demo_database):
    give_budget(client, login, demo_database, "10")
    token = api_token(client)
    assert gateway_chat(client, token).status_code == 200
    assert gateway_chat(client, token).status_code == 200
    busy = gateway_chat(client, token)
    assert busy.status_code == 429 and busy.json()["error"]["code"] == "rate_limit_exceeded"
    assert "au plus 2 demandes par minute" in busy.json()["error"]["message"]
    assert len(upstream.requests) == 2
    page = text_of(client.get("/profil"))
    assert "Budget de votre direction ce mois-ci (Accueil-population)" in page
    budget = page.split("Budget de votre direction ce mois-ci (Accueil-population)")[1]
    used = budget.split(" € utilisés")[0].strip()
    assert used != "0,00" and "sur 10,00 € ; reste" in budget and "référent IA" in budget
    assert "0 demandes restantes sur 2 cette minute" in page
    assert "1 restantes sur 3 aujourd'hui" in page


def test_without_a_budget_the_profile_says_the_use_is_not_limited(client, login):
    login(client, Role.AGENT)
    page = text_of(client.get("/profil"))
    assert "pas de budget fixé : usage non limité" in page
