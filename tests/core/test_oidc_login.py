"""Signing in through an OIDC provider (ProConnect, Keycloak, Entra ID...), here a loopback one."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from collectivia.web.app import create_app
from oidc_provider import OidcProvider
from support import text_of


@pytest.fixture
def provider():
    with OidcProvider() as p:
        yield p


@pytest.fixture
def oidc_client(provider, settings, demo_database):
    settings.oidc_issuer = provider.issuer
    settings.oidc_client_id = provider.client_id
    settings.oidc_client_secret = provider.client_secret
    with TestClient(create_app(settings, demo_database)) as c:
        yield c


def run_flow(client: TestClient):
    start = client.get("/connexion/oidc", follow_redirects=False)
    assert start.status_code in (302, 303, 307)
    at_provider = httpx.get(start.headers["location"], follow_redirects=False)
    assert at_provider.status_code == 302
    back = at_provider.headers["location"]
    assert back.startswith("http://testserver/connexion/oidc/retour")
    return client.get(back, follow_redirects=False)


def test_the_login_page_offers_the_identity_provider(oidc_client):
    assert "Se connecter avec le fournisseur d'identité" in text_of(oidc_client.get("/connexion"))


def test_a_known_agent_signs_in_through_the_provider(oidc_client):
    response = run_flow(oidc_client)
    assert response.status_code == 303, response.text
    home = oidc_client.get("/")
    assert "Camille Durand" in home.text


def test_an_unknown_identity_is_refused_with_an_explanation(oidc_client, provider):
    provider.identity = {"sub": "someone-else", "email": "inconnu@ailleurs.fr"}
    response = run_flow(oidc_client)
    assert response.status_code == 403
    assert "Aucun compte actif" in response.text


def test_oidc_is_off_when_not_configured(client):
    assert client.get("/connexion/oidc").status_code == 404
