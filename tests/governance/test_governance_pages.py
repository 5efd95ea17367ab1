"""Every governance page opens for the roles that may see it, and says what a user expects."""

from __future__ import annotations

import pytest

from collectivia.core.roles import Role
from support import csrf_of, text_of

PAGES = ["/gouvernance", "/gouvernance/cas-usage", "/gouvernance/cas-usage/1",
         "/gouvernance/cas-usage/1/fiche", "/gouvernance/cas-usage/1/classification",
         "/gouvernance/classification", "/gouvernance/registre", "/gouvernance/comite",
         "/gouvernance/charte", "/gouvernance/charte/modifier", "/gouvernance/charte/suivi",
         "/gouvernance/formation", "/gouvernance/formation/1", "/gouvernance/ia-fantome",
         "/gouvernance/ia-fantome/domaines", "/gouvernance/cas-usage/nouveau"]


def test_the_referent_opens_every_governance_page(client, login):
    login(client, Role.REFERENT_IA)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:500])


def test_the_overview_tells_the_agent_where_to_propose_and_whether_the_charter_is_accepted(client, login):
    login(client, Role.AGENT)
    page = text_of(client.get("/gouvernance"))
    assert "proposer un cas d'usage" in page
    assert "Vous avez accepté la charte en vigueur (version 1)" in page
    assert "Rédiger les fiches de poste avec l'assistant" in page  # the agent's own demo proposal


@pytest.mark.parametrize("path", ["/gouvernance/cas-usage/1/classification",
                                  "/gouvernance/cas-usage/1/fiche"])
def test_an_agent_cannot_open_the_instruction_pages_of_someone_elses_use_case(client, login, path):
    login(client, Role.AGENT)
    assert client.get(path).status_code == 403


def test_the_staff_representative_proposes_and_finds_the_proposal_under_mes_propositions(
        client, login):
    login(client, Role.REPRESENTANT_PERSONNEL)
    assert client.get("/gouvernance/comite").status_code == 200
    assert client.get("/gouvernance/cas-usage/nouveau").status_code == 200
    token = csrf_of(client, "/gouvernance")
    response = client.post("/gouvernance/cas-usage", data={
        "csrf_token": token, "intitule": "Planning des astreintes",
        "besoin": "Proposer un planning des astreintes équitable entre les agents."},
        follow_redirects=True)
    assert response.status_code == 200
    assert "Votre proposition n°" in text_of(response)
    overview = text_of(client.get("/gouvernance"))
    assert "Planning des astreintes" in overview.split("Mes propositions", 1)[1]


def test_an_unknown_use_case_is_a_clear_404(client, login):
    login(client, Role.AGENT)
    response = client.get("/gouvernance/cas-usage/9999")
    assert response.status_code == 404
    assert "Ce cas d'usage n'existe pas." in text_of(response)
