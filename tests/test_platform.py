"""Platform basics: migrations on both databases, demo data, health and metrics, module pages."""

from __future__ import annotations

from sqlalchemy import func, inspect, select

from collectivia.core.demo import DEMO_ACCOUNTS, load_demo
from collectivia.core.models import Direction, Service, User
from collectivia.core.roles import Role
from support import text_of


def test_migrations_create_the_kernel_tables(database):
    tables = set(inspect(database.engine).get_table_names())
    assert {"users", "directions", "services", "audit_events", "alembic_version"} <= tables


def test_the_demo_holds_admiville_and_one_account_per_role(session):
    assert session.execute(select(func.count()).select_from(Direction)).scalar_one() == 7
    assert session.execute(select(func.count()).select_from(Service)).scalar_one() >= 27
    roles = set(session.execute(select(User.role)).scalars())
    assert roles == {r.value for r in Role}
    assert len(DEMO_ACCOUNTS) == len(Role)


def test_loading_the_demo_twice_changes_nothing(session):
    before = session.execute(select(func.count()).select_from(User)).scalar_one()
    load_demo(session)
    assert session.execute(select(func.count()).select_from(User)).scalar_one() == before


def test_healthz_reports_the_database(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_metrics_count_requests_per_route(client, login):
    client.get("/healthz")
    login(client, Role.ADMIN)
    body = client.get("/metrics").text
    assert 'collectivia_http_requests_total{method="GET",route="/healthz",status="200"}' in body
    assert "collectivia_http_request_duration_seconds_bucket" in body


def test_a_module_not_built_yet_says_so(client, login, app):
    from collectivia.web.modules import MODULES

    login(client, Role.ADMIN)
    missing = [m for m in MODULES if not m.available]
    for module in missing:
        assert "pas encore disponible" in client.get(module.path).text


def test_unknown_pages_get_a_french_404(client, login):
    login(client, Role.AGENT)
    response = client.get("/nulle-part")
    assert response.status_code == 404
    assert "Cette page n'existe pas." in text_of(response)


def test_pages_carry_security_headers(client):
    headers = client.get("/connexion").headers
    assert headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in headers["content-security-policy"]


def test_metrics_and_api_docs_are_refused_to_agents(client, login):
    login(client, Role.AGENT)
    for path in ("/metrics", "/api/docs", "/api/openapi.json"):
        assert client.get(path).status_code == 403, path


def test_the_admin_reads_the_api_description(client, login):
    login(client, Role.ADMIN)
    assert "/questions-rh" in client.get("/api/openapi.json").json()["paths"]
    assert client.get("/api/docs").status_code == 200


def test_prometheus_scrapes_metrics_with_its_token_only(demo_database, tmp_path):
    from fastapi.testclient import TestClient

    from collectivia.settings import Settings
    from collectivia.web.app import create_app

    settings = Settings(var_dir=tmp_path, secret_key="k" * 40, metrics_token="jeton-prometheus")
    with TestClient(create_app(settings, demo_database)) as scraper:
        ok = scraper.get("/metrics", headers={"Authorization": "Bearer jeton-prometheus"})
        assert ok.status_code == 200 and "collectivia_http_requests_total" in ok.text
        wrong = scraper.get("/metrics", headers={"Authorization": "Bearer autre"},
                            follow_redirects=False)
        assert wrong.status_code == 303  # treated as an anonymous visitor: sent to the login page


def test_an_out_of_range_id_gets_a_french_not_found_page(client, login):
    login(client, Role.ADMIN)
    response = client.get("/admin/utilisateurs/99999999999999999999999")
    assert response.status_code == 404
    assert "n'existe pas" in text_of(response)


def test_an_out_of_range_number_in_a_form_gets_a_french_refusal(client, login):
    login(client, Role.ADMIN)
    from support import csrf_of

    response = client.post("/admin/utilisateurs/99999999999999999999999",
                           data={"csrf_token": csrf_of(client, "/"), "nom": "X", "role": "agent"})
    assert response.status_code in (404, 422)
    assert "Internal Server Error" not in response.text
    assert "n'existe pas" in text_of(response) or "Rien n'a été enregistré" in text_of(response)


def test_an_unexpected_failure_gets_a_french_page(settings, demo_database):
    """A parser that raises something nobody caught: French words, not 'Internal Server Error'."""
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    app = create_app(settings, demo_database)

    @app.get("/essai-panne")
    def broken():
        raise ValueError("Stream has ended unexpectedly")

    with TestClient(app, raise_server_exceptions=False) as browser:
        response = browser.get("/essai-panne")
    assert response.status_code == 500
    assert "Une erreur interne est survenue" in text_of(response)
