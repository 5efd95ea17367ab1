"""Signing in through an OIDC provider (ProConnect, Keycloak, Entra ID...), here a loopback one."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from collectivia.core import identity
from collectivia.core.models import AuditEvent, User
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


# --- accounts created and kept up to date from the provider's claims and groups -----------------

RULES = [
    {"group": "GG-CollectivIA-Partis", "disabled": True},
    {"group": "GG-RH", "role": "gestionnaire_rh", "direction": "RES",
     "service": "Ressources humaines"},
    {"group": "GG-Mediatheque", "direction": "Culture", "service": "Médiathèque"},
    {"claim": "statut", "value": "suspendu", "disabled": True},
]
NEWCOMER = {"sub": "kc-4711", "preferred_username": "lea.martin", "email": "lea.martin@admiville.fr",
            "given_name": "Léa", "family_name": "Martin", "email_verified": True}


@pytest.fixture
def provisioning(settings):
    """The collectivité lets the provider create accounts, with its group mapping."""
    settings.oidc_create_accounts = True
    settings.oidc_rules = RULES
    return settings


def account(demo_database, subject):
    with demo_database.session() as s:
        user = s.execute(select(User).where(User.oidc_subject == subject)).scalar_one_or_none()
        if user is not None:
            s.expunge(user)
            return user, (user.service.direction.code, user.service.name) if user.service else None


def test_a_newcomer_in_the_hr_group_gets_an_hr_account_at_first_login(
        provisioning, oidc_client, provider, demo_database):
    provider.identity = {**NEWCOMER, "groups": ["GG-Tous", "GG-RH"]}
    assert run_flow(oidc_client).status_code == 303
    home = oidc_client.get("/").text
    assert "Léa Martin" in home and "Gestionnaire RH" in home
    user, placement = account(demo_database, "kc-4711")
    assert (user.login, user.role, user.password_hash) == ("lea.martin", "gestionnaire_rh", None)
    assert placement == ("RES", "Ressources humaines")
    with demo_database.session() as s:
        created = s.execute(select(AuditEvent).where(AuditEvent.action == "user.create")
                            .order_by(AuditEvent.id.desc())).scalars().first()
        assert created.actor == "fournisseur d'identité"


def test_without_a_mapped_group_the_newcomer_is_an_agent_of_the_direction_the_group_names(
        provisioning, oidc_client, provider, demo_database):
    provider.identity = {**NEWCOMER, "groups": "GG-Mediatheque"}  # a single value, not a list
    assert run_flow(oidc_client).status_code == 303
    user, placement = account(demo_database, "kc-4711")
    assert user.role == "agent" and placement == ("CUL", "Médiathèque")


def test_leaving_the_hr_group_removes_the_hr_rights_at_next_login(
        provisioning, oidc_client, provider, demo_database):
    provider.identity = {**NEWCOMER, "groups": ["GG-RH"]}
    run_flow(oidc_client)
    provider.identity = {**NEWCOMER, "groups": ["GG-Mediatheque"]}
    assert run_flow(oidc_client).status_code == 303
    user, placement = account(demo_database, "kc-4711")
    assert user.role == "agent" and placement == ("CUL", "Médiathèque")
    with demo_database.session() as s:
        change = s.execute(select(AuditEvent).where(AuditEvent.action == "user.update")
                           .order_by(AuditEvent.id.desc())).scalars().first()
        assert change.actor == "fournisseur d'identité" and change.object_id == str(user.id)


@pytest.mark.parametrize("said", [{"groups": ["GG-RH", "GG-CollectivIA-Partis"]},
                                  {"groups": ["GG-RH"], "statut": "suspendu"}])
def test_the_provider_deactivates_the_account_at_next_login(
        provisioning, oidc_client, provider, demo_database, said):
    provider.identity = {**NEWCOMER, "groups": ["GG-RH"]}
    run_flow(oidc_client)
    provider.identity = {**NEWCOMER, **said}
    response = run_flow(oidc_client)
    assert response.status_code == 403
    assert "désactivé par le fournisseur d'identité" in text_of(response)
    user, _ = account(demo_database, "kc-4711")
    assert user.active is False
    assert oidc_client.get("/", follow_redirects=False).status_code == 303  # signed out


def test_an_identity_marked_disabled_never_gets_an_account(provisioning, oidc_client, provider,
                                                           demo_database):
    provider.identity = {**NEWCOMER, "groups": ["GG-CollectivIA-Partis"]}
    assert run_flow(oidc_client).status_code == 403
    assert account(demo_database, "kc-4711") is None


def test_a_login_already_taken_gets_a_suffix(provisioning, oidc_client, provider, demo_database):
    provider.identity = {**NEWCOMER, "preferred_username": "Agent", "email": "autre@admiville.fr"}
    assert run_flow(oidc_client).status_code == 303
    user, _ = account(demo_database, "kc-4711")
    assert user.login == "agent-2"


def test_an_unverified_email_does_not_take_over_an_existing_account(
        provisioning, oidc_client, provider, demo_database):
    provider.identity = {"sub": "intrus", "email": "admin@admiville.fr", "email_verified": False,
                         "name": "Intrus"}
    assert run_flow(oidc_client).status_code == 303
    user, _ = account(demo_database, "intrus")
    assert user.login != "admin" and user.role == "agent"


def test_a_mapping_with_a_typo_stops_the_server_from_starting_with_the_rule_number(settings):
    settings.oidc_rules = [{"group": "GG-RH", "role": "gestionnaire-rh"}]
    with pytest.raises(ValueError, match="règle 1 : rôle inconnu"):
        create_app(settings)
    settings.oidc_rules = [{"group": "GG-RH", "rôle": "dpo"}]
    with pytest.raises(ValueError, match="clé inconnue"):
        identity.place({}, settings)


def test_the_first_matching_rule_gives_the_role_and_claims_can_name_the_direction(settings):
    settings.oidc_rules = [{"group": "GG-DPO", "role": "dpo"}, {"group": "GG-RH", "role": "gestionnaire_rh"}]
    settings.oidc_direction_claim = "department"
    placement = identity.place({"groups": ["GG-RH", "GG-DPO"], "department": "Culture"}, settings)
    assert (placement.role, placement.direction, placement.disabled) == ("dpo", "Culture", False)


# --- accounts the administrator created, and accounts already linked to another identity ---------

def test_an_administrators_account_is_linked_at_first_login_but_not_changed(
        provisioning, oidc_client, provider, demo_database):
    provider.identity = {"sub": "kc-rh", "email": "rh@admiville.fr", "email_verified": True,
                         "groups": ["GG-Mediatheque"]}
    assert run_flow(oidc_client).status_code == 303
    user, placement = account(demo_database, "kc-rh")
    assert (user.login, user.role) == ("rh", "gestionnaire_rh")
    assert placement == ("RES", "Ressources humaines")


def test_an_email_never_reaches_an_account_linked_to_another_identity(
        oidc_client, provider, demo_database):
    with demo_database.session() as s:
        s.execute(select(User).where(User.login == "admin")).scalar_one().oidc_subject = "kc-admin"
        s.commit()
    provider.identity = {"sub": "intrus", "email": "admin@admiville.fr", "email_verified": True}
    response = run_flow(oidc_client)
    assert response.status_code == 403 and "Aucun compte actif" in text_of(response)
    assert account(demo_database, "intrus") is None


def test_a_local_account_with_the_same_email_is_not_taken_over_by_a_newcomer(
        provisioning, oidc_client, provider, demo_database):
    with demo_database.session() as s:
        s.execute(select(User).where(User.login == "admin")).scalar_one().oidc_subject = "kc-admin"
        s.commit()
    provider.identity = {**NEWCOMER, "preferred_username": "admin", "email": "admin@admiville.fr"}
    assert run_flow(oidc_client).status_code == 303
    user, _ = account(demo_database, "kc-4711")
    assert (user.login, user.role) == ("admin-2", "agent")
    admin, _ = account(demo_database, "kc-admin")
    assert (admin.login, admin.role, admin.active) == ("admin", "admin", True)


# --- options: a group is required, directions may be created ------------------------------------

def test_with_a_required_group_an_identity_in_no_mapped_group_is_refused_and_deactivated(
        provisioning, oidc_client, provider, demo_database):
    provisioning.oidc_require_group = True
    provider.identity = {**NEWCOMER, "groups": ["GG-Tous"]}
    response = run_flow(oidc_client)
    assert response.status_code == 403
    assert "aucun groupe ouvrant l'accès" in text_of(response)
    assert account(demo_database, "kc-4711") is None
    provider.identity = {**NEWCOMER, "groups": ["GG-RH"]}
    assert run_flow(oidc_client).status_code == 303
    provider.identity = {**NEWCOMER, "groups": []}
    assert run_flow(oidc_client).status_code == 403
    assert account(demo_database, "kc-4711")[0].active is False


def test_directions_named_by_the_provider_are_created_when_asked(
        provisioning, oidc_client, provider, demo_database):
    provisioning.oidc_direction_claim, provisioning.oidc_service_claim = "department", "service"
    provider.identity = {**NEWCOMER, "department": "Direction de l'eau", "service": "Assainissement"}
    run_flow(oidc_client)
    assert account(demo_database, "kc-4711")[1] is None  # unknown direction: left empty
    provisioning.oidc_create_directions = True
    assert run_flow(oidc_client).status_code == 303
    assert account(demo_database, "kc-4711")[1] == ("DIRECTION-DE-L-EAU", "Assainissement")
