"""The administrator manages accounts and roles, from the web page and from the CLI."""

from __future__ import annotations

from sqlalchemy import func, select
from typer.testing import CliRunner

from collectivia.core.models import Service, User
from collectivia.core.roles import Role
from support import csrf_of


def test_the_admin_creates_an_account_that_can_then_sign_in(client, login, demo_database):
    login(client, Role.ADMIN)
    with demo_database.session() as s:
        service_id = s.execute(select(Service.id).where(Service.name == "Finances")).scalar_one()
    token = csrf_of(client, "/admin/utilisateurs")
    response = client.post("/admin/utilisateurs", data={
        "csrf_token": token, "login": "lmartin", "nom": "Léa Martin", "role": "recruteur",
        "service": str(service_id), "courriel": "lea.martin@admiville.fr",
        "mot_de_passe": "un mot de passe solide"})
    assert response.status_code == 200
    assert "Le compte « lmartin » a été créé." in response.text
    assert "Léa Martin" in response.text
    client.post("/deconnexion", data={"csrf_token": csrf_of(client, "/")})
    token = csrf_of(client)
    signed_in = client.post("/connexion", data={"identifiant": "lmartin", "csrf_token": token,
                                                "mot_de_passe": "un mot de passe solide"})
    assert "Recruteur" in signed_in.text
    assert "Finances" in signed_in.text


def test_a_short_password_is_refused_in_french_and_nothing_is_created(client, login, demo_database):
    login(client, Role.ADMIN)
    token = csrf_of(client, "/admin/utilisateurs")
    response = client.post("/admin/utilisateurs", data={
        "csrf_token": token, "login": "court", "nom": "Mot de passe court", "role": "agent",
        "mot_de_passe": "abc"})
    assert response.status_code == 422
    assert "au moins 12 caractères" in response.text
    with demo_database.session() as s:
        assert s.execute(select(func.count()).where(User.login == "court")).scalar_one() == 0


def test_a_duplicate_login_is_refused(client, login):
    login(client, Role.ADMIN)
    token = csrf_of(client, "/admin/utilisateurs")
    response = client.post("/admin/utilisateurs", data={
        "csrf_token": token, "login": "agent", "nom": "Doublon", "role": "agent",
        "mot_de_passe": "un mot de passe solide"})
    assert response.status_code == 409
    assert "déjà utilisé" in response.text


def test_the_admin_changes_a_role_and_the_change_is_audited(client, login, demo_database):
    login(client, Role.ADMIN)
    with demo_database.session() as s:
        agent = s.execute(select(User).where(User.login == "agent")).scalar_one()
    page = client.get(f"/admin/utilisateurs/{agent.id}")
    assert "Camille Durand" in page.text
    token = csrf_of(client, f"/admin/utilisateurs/{agent.id}")
    client.post(f"/admin/utilisateurs/{agent.id}", data={
        "csrf_token": token, "nom": "Camille Durand", "role": "referent_ia",
        "service": str(agent.service_id), "courriel": agent.email, "actif": "oui"})
    with demo_database.session() as s:
        assert s.get(User, agent.id).role == "referent_ia"
    journal = client.get("/admin/journal", params={"action": "user.update"}).text
    assert "referent_ia" in journal


def test_an_admin_cannot_remove_their_own_admin_role(client, login, demo_database):
    login(client, Role.ADMIN)
    with demo_database.session() as s:
        admin = s.execute(select(User).where(User.login == "admin")).scalar_one()
    token = csrf_of(client, f"/admin/utilisateurs/{admin.id}")
    response = client.post(f"/admin/utilisateurs/{admin.id}", data={
        "csrf_token": token, "nom": admin.full_name, "role": "agent", "actif": "oui"})
    assert response.status_code == 422
    assert "propres droits" in response.text


def test_other_roles_cannot_manage_accounts(client, login, demo_database):
    login(client, Role.DPO)
    with demo_database.session() as s:
        agent_id = s.execute(select(User.id).where(User.login == "agent")).scalar_one()
    assert client.get(f"/admin/utilisateurs/{agent_id}").status_code == 403


def test_cli_user_create(demo_database, monkeypatch):
    from collectivia.cli import app
    from collectivia.settings import get_settings

    monkeypatch.setenv("COLLECTIVIA_DATABASE_URL", demo_database.url)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        result = runner.invoke(app, ["user", "create", "pdupont", "--name", "Paul Dupont",
                                     "--role", "dpo", "--direction", "RES",
                                     "--service", "Finances", "--password", "mot de passe long"])
        assert result.exit_code == 0, result.output
        assert "Compte « pdupont » créé" in result.output
        bad = runner.invoke(app, ["user", "create", "x2", "--name", "X", "--role", "roi",
                                  "--password", "mot de passe long"])
        assert bad.exit_code == 1
        assert "rôle choisi n'existe pas" in bad.output
        listing = runner.invoke(app, ["user", "list"])
        assert "pdupont" in listing.output
    finally:
        get_settings.cache_clear()
    with demo_database.session() as s:
        user = s.execute(select(User).where(User.login == "pdupont")).scalar_one()
        assert user.role == "dpo"
        assert user.service.name == "Finances"
