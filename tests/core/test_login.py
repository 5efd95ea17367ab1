"""Signing in: local accounts, throttling, sessions, CSRF and bounded posts."""

from __future__ import annotations

from sqlalchemy import func, select

from collectivia.core import clock
from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import Role
from support import csrf_of, text_of


def post_login(client, identifiant, mot_de_passe, token=None):
    token = token or csrf_of(client)
    return client.post("/connexion", data={"identifiant": identifiant, "mot_de_passe": mot_de_passe,
                                           "csrf_token": token}, follow_redirects=False)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/connexion")


def test_a_demo_agent_signs_in_and_sees_name_and_role(client, login):
    login(client, Role.AGENT)
    page = client.get("/").text
    assert "Camille Durand" in page
    assert "Agent" in page
    assert "relisez-les" not in page  # the AI notice is on AI output only (test_ai_notice.py)


def test_passwords_are_stored_as_argon2id_hashes(session):
    user = session.execute(select(User).where(User.login == "agent")).scalar_one()
    assert user.password_hash.startswith("$argon2id$")
    assert "admiville" not in user.password_hash


def test_the_session_cookie_is_httponly_and_samesite(client, login):
    response = post_login(client, "agent", "admiville-agent")
    cookie = response.headers["set-cookie"]
    assert "collectivia_session=" in cookie
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()


def test_a_wrong_password_gets_a_french_message_and_is_audited(client, demo_database):
    response = post_login(client, "agent", "mauvais mot de passe")
    assert response.status_code == 403
    assert "Identifiant ou mot de passe incorrect." in response.text
    with demo_database.session() as s:
        outcomes = s.execute(select(AuditEvent.outcome).where(AuditEvent.action == "auth.login")
                             ).scalars().all()
    assert "échec" in outcomes


def test_repeated_failures_make_the_login_wait(client):
    for _ in range(5):
        assert post_login(client, "rh", "nimportequoi-123").status_code == 403
    locked = post_login(client, "rh", "admiville-rh")
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.text
    clock.travel(16 * 60)
    assert post_login(client, "rh", "admiville-rh").status_code == 303


def test_an_idle_session_expires_with_an_explanation(client, login):
    login(client, Role.AGENT)
    clock.travel(61 * 60)
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert "expiree=1" in response.headers["location"]
    assert "Votre session a expiré" in client.get(response.headers["location"]).text


def test_a_forged_csrf_token_is_refused_and_nothing_is_written(client, demo_database):
    with demo_database.session() as s:
        before = s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    csrf_of(client)
    response = post_login(client, "agent", "admiville-agent", token="forged-token-000000000000")
    assert response.status_code == 403
    assert "jeton CSRF" in response.text
    with demo_database.session() as s:
        after = s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    assert after == before


def test_a_post_without_any_session_is_refused(client):
    response = client.post("/connexion", data={"identifiant": "agent", "mot_de_passe": "x"})
    assert response.status_code == 403


def test_an_oversized_form_is_refused_before_reaching_the_application(client):
    token = csrf_of(client)
    response = client.post("/connexion", data={"identifiant": "a" * 2_000_000,
                                               "mot_de_passe": "x", "csrf_token": token})
    assert response.status_code == 413
    assert "trop volumineuse" in response.text


def test_a_malformed_form_gets_a_french_message(client, login):
    login(client, Role.ADMIN)
    token = csrf_of(client, "/admin/utilisateurs")
    response = client.post("/admin/utilisateurs", data={"csrf_token": token, "login": "x" * 400})
    assert response.status_code == 422
    assert "Rien n'a été enregistré" in text_of(response)


def test_logout_ends_the_session(client, login):
    login(client, Role.AGENT)
    token = csrf_of(client, "/")
    client.post("/deconnexion", data={"csrf_token": token})
    assert client.get("/", follow_redirects=False).status_code == 303
