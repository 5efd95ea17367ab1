"""Retention and purge (admin), usage and carbon report (referent IA), the profile page."""

from __future__ import annotations

from sqlalchemy import func, select
from typer.testing import CliRunner

from assistant_support import ask, audit_events
from collectivia.assistant.models import Conversation
from collectivia.core import clock
from collectivia.core.roles import Role
from support import csrf_of, text_of


def conversations(database) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(Conversation)).scalar_one()


def test_the_admin_sets_the_retention_and_expired_conversations_are_purged(
        client, login, upstream, demo_database):
    login(client, Role.AGENT)
    ask(client, "Rédige une annonce pour la fête de la musique.")
    client.cookies.clear()
    login(client, Role.ADMIN)
    response = client.post("/assistant/administration/conservation", data={
        "csrf_token": csrf_of(client, "/assistant/administration"), "jours": "30"},
        follow_redirects=False)
    assert response.status_code == 303
    assert "supprimées après 30 jours" in text_of(client.get("/assistant"))
    clock.travel(29 * 86400)
    client.cookies.clear()
    login(client, Role.ADMIN)  # a month later: a new session
    client.post("/assistant/administration/purge",
                data={"csrf_token": csrf_of(client, "/assistant/administration")})
    assert conversations(demo_database) == 1
    clock.travel(2 * 86400)
    client.cookies.clear()
    login(client, Role.ADMIN)
    page = client.post("/assistant/administration/purge",
                       data={"csrf_token": csrf_of(client, "/assistant/administration")})
    assert "Purge effectuée : 1 conversation expirée supprimée." in text_of(page)
    assert conversations(demo_database) == 0
    purges = audit_events(demo_database, "assistant.purge")
    assert [p["conversations"] for p in purges] == [0, 1] and purges[1]["messages"] == 2


def test_a_wrong_retention_is_explained(client, login):
    login(client, Role.ADMIN)
    for value in ("0", "douze"):
        response = client.post("/assistant/administration/conservation", data={
            "csrf_token": csrf_of(client, "/assistant/administration"), "jours": value})
        assert response.status_code == 422
        assert "conservation" in text_of(response) or "nombre entier" in text_of(response)


def test_the_purge_job_runs_from_the_command_line(upstream, settings, demo_database, client,
                                                  login, monkeypatch):
    from collectivia.cli import app as cli

    login(client, Role.AGENT)
    ask(client, "Rédige une annonce.")
    monkeypatch.setenv("COLLECTIVIA_DATABASE_URL", demo_database.url)
    monkeypatch.setenv("COLLECTIVIA_SECRET_KEY", settings.secret_key)
    from collectivia.settings import get_settings

    get_settings.cache_clear()
    clock.travel(91 * 86400)
    result = CliRunner().invoke(cli, ["assistant", "purge"])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "1 conversation supprimée : sans activité depuis plus de 90 jours." in result.output
    assert conversations(demo_database) == 0


def test_the_admin_sets_a_role_quota_in_the_page(client, login):
    login(client, Role.ADMIN)
    response = client.post("/assistant/administration/quotas", data={
        "csrf_token": csrf_of(client, "/assistant/administration"), "role": "recruteur",
        "jetons": "50 000"}, follow_redirects=False)
    assert response.status_code == 303
    page = text_of(client.get("/assistant/administration"))
    assert "rôle « recruteur »" in page and "50\u202f000" in page
    bad = client.post("/assistant/administration/quotas", data={
        "csrf_token": csrf_of(client, "/assistant/administration"), "role": "agent",
        "identifiant": "rh", "jetons": "10"})
    assert bad.status_code == 422 and "soit un rôle, soit un identifiant" in text_of(bad)


def test_the_referent_sees_usage_cost_and_carbon_by_direction_and_exports_it(
        client, login, upstream):
    login(client, Role.AGENT)
    ask(client, "Rédige une annonce pour le forum des associations.")
    client.cookies.clear()
    login(client, Role.REFERENT_IA)
    page = text_of(client.get("/assistant/usage"))
    assert "Accueil-population" in page and "redaction" in page and "g CO2 éq." in page
    export = client.get("/assistant/usage.csv")
    assert export.headers["content-type"].startswith("text/csv")
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("mois;direction;modele;appels")
    _month, direction, model, calls = lines[1].split(";")[:4]
    assert (direction, model, calls) == ("Accueil-population", "redaction", "1")
    energy = float(lines[1].split(";")[8].replace(",", "."))
    assert energy > 0


def test_the_agent_sees_their_quota_on_the_profile(client, login):
    login(client, Role.AGENT)
    page = text_of(client.get("/profil"))
    assert "Jetons de modèle utilisés aujourd'hui" in page and "200\u202f000 autorisés" in page
    assert "/v1" in page


def test_each_role_finds_its_assistant_pages_from_the_chat(client, login):
    expected = {Role.AGENT: set(), Role.GESTIONNAIRE_RH: {"/assistant/consignes"},
                Role.REFERENT_IA: {"/assistant/usage"},
                Role.ADMIN: {"/assistant/consignes", "/assistant/usage",
                             "/assistant/administration"}}
    pages = {"/assistant/consignes", "/assistant/usage", "/assistant/administration"}
    for role, links in expected.items():
        client.cookies.clear()
        login(client, role)
        html = client.get("/assistant").text
        assert {p for p in pages if f'href="{p}"' in html} == links, role
        assert 'href="/profil"' in html
