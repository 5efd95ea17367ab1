"""Sessions live in the database: ending one ends it everywhere, even for a copied cookie.

Also here: CSRF whenever a session cookie is sent, HTTPS cookies and HSTS,
and the `suivant` redirect that only ever leads to a page of this site.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from collectivia.core import clock, users
from collectivia.core.models import WebSession
from collectivia.core.roles import Role
from collectivia.governance import charter
from collectivia.settings import Settings
from collectivia.web.app import create_app
from support import DEMO_PASSWORDS, csrf_of


def copy_of(client: TestClient, app) -> TestClient:
    """Another browser (or an attacker) holding the same session cookie."""
    thief = TestClient(app, base_url="http://testserver")
    thief.cookies.set("collectivia_session", client.cookies.get("collectivia_session"))
    return thief


def signed_in(client: TestClient) -> bool:
    return client.get("/", follow_redirects=False).status_code == 200


def test_the_cookie_carries_only_a_random_token(client, login, demo_database):
    login(client, Role.AGENT)
    token = client.cookies.get("collectivia_session")
    assert len(token) >= 40 and "." not in token  # no signed payload to decode
    with demo_database.session() as s:
        row = s.execute(select(WebSession).where(WebSession.user_id.is_not(None))).scalar_one()
    assert row.id != token  # the table holds only the token's hash


def test_logout_revokes_a_copied_cookie(client, login, app):
    login(client, Role.AGENT)
    thief = copy_of(client, app)
    assert signed_in(thief)
    client.post("/deconnexion", data={"csrf_token": csrf_of(client, "/")})
    assert not signed_in(thief)
    assert not signed_in(client)


def test_a_session_opened_on_one_server_is_ended_on_another(client, login, settings,
                                                           demo_database):
    """Two web processes (or machines) on one database share the sessions."""
    login(client, Role.AGENT)
    other_server = create_app(settings, demo_database)
    elsewhere = copy_of(client, other_server)
    assert signed_in(elsewhere)
    elsewhere.post("/deconnexion", data={"csrf_token": csrf_of(elsewhere, "/")})
    assert not signed_in(client)


def test_deactivating_an_account_ends_its_open_sessions(client, login, app, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    admin = login(TestClient(app, base_url="http://testserver"), Role.ADMIN)
    with demo_database.session() as s:
        target = users.find_by_login(s, "rh")
    page = admin.get(f"/admin/utilisateurs/{target.id}").text
    assert "rh" in page
    response = admin.post(f"/admin/utilisateurs/{target.id}", data={
        "csrf_token": csrf_of(admin, "/"), "nom": target.full_name, "role": target.role,
        "service": str(target.service_id or ""), "courriel": target.email, "actif": "non"},
        follow_redirects=False)
    assert response.status_code == 303
    assert not signed_in(client)
    with demo_database.session() as s:
        assert s.execute(select(func.count()).select_from(WebSession)
                         .where(WebSession.user_id == target.id)).scalar_one() == 0


def test_a_role_change_ends_the_sessions_opened_with_the_old_role(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    with demo_database.session() as s:
        admin = users.find_by_login(s, DEMO_PASSWORDS[Role.ADMIN][0])
        rh = users.find_by_login(s, "rh")
        users.update_user(s, admin, rh.id, users.UserForm(
            login=rh.login, full_name=rh.full_name, role=Role.AGENT.value,
            service_id=rh.service_id, email=rh.email, active=True))
    assert not signed_in(client)


def test_a_session_ends_after_its_absolute_lifetime_even_when_used(client, login):
    login(client, Role.AGENT)
    for _ in range(13):  # used every 55 minutes, never idle for an hour
        clock.travel(55 * 60)
        assert signed_in(client)
    clock.travel(55 * 60)  # 12 h 50 min after signing in (the limit is 12 h)
    response = client.get("/", follow_redirects=False)
    assert "expiree=1" in response.headers["location"]


def test_signing_in_gives_a_new_token(client, login):
    """A token planted before login (session fixation) is not the one that gets signed in."""
    csrf_of(client)
    before = client.cookies.get("collectivia_session")
    login(client, Role.AGENT)
    assert client.cookies.get("collectivia_session") != before


def test_a_bearer_header_does_not_excuse_a_cookie_post_from_csrf(client, login):
    login(client, Role.ADMIN)
    response = client.post("/admin/utilisateurs", headers={"Authorization": "Bearer junk"},
                           data={"login": "intrus", "nom": "Intrus", "role": "admin",
                                 "mot_de_passe": "un-mot-de-passe-long"})
    assert response.status_code == 403
    assert "jeton CSRF" in response.text
    assert "intrus" not in client.get("/admin/utilisateurs").text


def test_over_https_the_cookie_is_secure_and_hsts_is_sent(demo_database, tmp_path):
    settings = Settings(var_dir=tmp_path, secret_key="k" * 40, https=True)
    with TestClient(create_app(settings, demo_database), base_url="https://testserver") as browser:
        page = browser.get("/connexion")
    assert "secure" in page.headers["set-cookie"].lower()
    assert page.headers["strict-transport-security"].startswith("max-age=")


def test_behind_a_trusted_proxy_https_is_recognised(demo_database, tmp_path):
    settings = Settings(var_dir=tmp_path, secret_key="k" * 40, trusted_proxies="testclient")
    with TestClient(create_app(settings, demo_database), base_url="http://testserver") as browser:
        page = browser.get("/connexion", headers={"X-Forwarded-Proto": "https"})
    assert "secure" in page.headers["set-cookie"].lower()
    assert "strict-transport-security" in page.headers


def test_plain_http_sends_no_hsts(client):
    assert "strict-transport-security" not in client.get("/connexion").headers


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "/\\/evil.example",
                                    "https://evil.example/", "javascript:alert(1)",
                                    "/\t/evil.example", "evil.example"])
def test_the_next_page_after_login_is_always_on_this_site(client, target):
    login_name, password = DEMO_PASSWORDS[Role.AGENT]
    response = client.post("/connexion", data={"identifiant": login_name, "mot_de_passe": password,
                                               "csrf_token": csrf_of(client), "suivant": target},
                           follow_redirects=False)
    assert response.headers["location"] == "/"


def test_a_local_next_page_is_kept(client):
    login_name, password = DEMO_PASSWORDS[Role.AGENT]
    response = client.post("/connexion", data={
        "identifiant": login_name, "mot_de_passe": password, "csrf_token": csrf_of(client),
        "suivant": "/gouvernance/charte?onglet=1"}, follow_redirects=False)
    assert response.headers["location"] == "/gouvernance/charte?onglet=1"


def test_accepting_the_charter_does_not_redirect_off_site(client, login, demo_database):
    login(client, Role.AGENT)
    page = client.get("/gouvernance/charte", params={"suivant": "/\\evil.example"}).text
    assert "evil.example" not in page
    with demo_database.session() as s:
        version = charter.current(s).version
    response = client.post("/gouvernance/charte/acceptation", data={
        "csrf_token": csrf_of(client, "/"), "version": version, "suivant": "/\\evil.example"},
        follow_redirects=False)
    assert response.headers["location"] == "/gouvernance"


def test_visitors_who_never_sign_in_do_not_pile_up(app, demo_database):
    for _ in range(3):
        csrf_of(TestClient(app, base_url="http://testserver"))
    clock.travel(61 * 60)
    csrf_of(TestClient(app, base_url="http://testserver"))
    with demo_database.session() as s:
        assert s.execute(select(func.count()).select_from(WebSession)).scalar_one() == 1
