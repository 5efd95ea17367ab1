"""Each agent sees on his profile his own usage of the models: calls, tokens, remaining
quota, estimated cost, energy and CO2 — and nobody else's."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from assistant_support import ask
from collectivia.assistant.demo import DEMO_AGENT_QUOTA
from collectivia.core.roles import Role
from support import login_as, text_of


def usage_row(page: str, period: str) -> list[str]:
    """The cells of one period's row in the « Mon usage » table."""
    row = re.search(rf"<th scope=\"row\">{period}</th>(.*?)</tr>", page, re.S).group(1)
    return re.findall(r"<td class=\"num\">([^<]*)</td>", row)


def test_an_agent_sees_his_usage_remaining_quota_cost_and_footprint(client, login, upstream):
    login(client, Role.AGENT)
    page = text_of(client.get("/profil"))
    assert usage_row(page, "Aujourd'hui") == ["0", "0", "0,00", "0,0000", "0,0000"]
    ask(client, "Rédige une note sur les horaires d'été de la mairie.")
    page = text_of(client.get("/profil"))
    calls, tokens, _cost, energy, co2 = usage_row(page, "Aujourd'hui")
    assert calls == "1" and int(tokens.replace("\u202f", "")) > 0
    assert float(energy.replace(",", ".")) > 0 and float(co2.replace(",", ".")) > 0
    assert usage_row(page, "Ce mois-ci")[0] == usage_row(page, "Douze derniers mois")[0] == "1"
    remaining = DEMO_AGENT_QUOTA - int(tokens.replace("\u202f", ""))
    assert f"{remaining:,}".replace(",", "\u202f") + " jetons" in page
    assert "EcoLogits" in page


def test_the_profile_counts_only_the_signed_in_persons_calls(client, login, app, upstream):
    with TestClient(app, base_url="http://testserver") as colleague:
        login_as(colleague, Role.GESTIONNAIRE_RH)
        ask(colleague, "Prépare une note sur le télétravail.")
        ask(colleague, "Et une autre sur les congés.")
    login(client, Role.AGENT)
    ask(client, "Rédige une note sur les horaires d'été de la mairie.")
    page = text_of(client.get("/profil"))
    assert usage_row(page, "Aujourd'hui")[0] == "1"
    assert usage_row(page, "Douze derniers mois")[0] == "1"
