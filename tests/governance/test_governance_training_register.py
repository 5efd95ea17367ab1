"""Training attendance by direction; the public register of deployed systems; the committee board."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from collectivia.core.errors import Forbidden, InvalidInput
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.governance import register, training
from support import csrf_of, text_of


def test_the_share_of_trained_agents_is_counted_per_direction(session):
    referent = find_by_login(session, "referent")
    shares = {r.direction: r for r in training.share_by_direction(session, referent)}
    # demo: Ressources has rh, recruteur, referent, admin; all four attended a session
    assert (shares["Ressources"].agents, shares["Ressources"].trained) == (4, 4)
    assert shares["Services techniques"].trained == 1  # jury attended, representant did not
    rgpd = {r.direction: r.trained for r in training.share_by_direction(session, referent, "rgpd")}
    assert rgpd["Accueil-population"] == 0


def test_an_unknown_login_refuses_the_whole_attendance_list(session):
    referent = find_by_login(session, "referent")
    created = training.create_session(session, referent, "Biais et IA", "biais", date.today(), 2)
    with pytest.raises(InvalidInput, match="Identifiants inconnus : inconnu"):
        training.record_attendance(session, referent, created.id, "agent, inconnu")
    assert created.attendances == []
    assert training.record_attendance(session, referent, created.id, "agent\nREPRESENTANT agent") == 2
    assert training.record_attendance(session, referent, created.id, "agent") == 0


def test_agents_cannot_create_sessions_nor_see_who_was_trained(session):
    agent = find_by_login(session, "agent")
    with pytest.raises(Forbidden):
        training.create_session(session, agent, "Session", "rgpd", date.today(), 1)
    with pytest.raises(Forbidden):
        training.share_by_direction(session, agent)


def test_the_referent_creates_a_session_and_records_attendance_on_the_web(client, login):
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, "/gouvernance/formation")
    bad = client.post("/gouvernance/formation", data={
        "csrf_token": token, "intitule": "Prompts avancés", "theme": "prompting",
        "date_session": "demain", "duree": "2"})
    assert bad.status_code == 422 and "Prompts avancés" in text_of(bad)
    created = client.post("/gouvernance/formation", data={
        "csrf_token": token, "intitule": "Prompts avancés", "theme": "prompting",
        "date_session": "2026-12-01", "duree": "2,5", "formateur": "CNFPT"})
    assert "Session « Prompts avancés » créée" in text_of(created)
    session_url = str(created.url.path)
    refused = client.post(f"{session_url}/presences", data={"csrf_token": token,
                                                            "identifiants": "agent\nfantome"})
    assert refused.status_code == 422
    assert "fantome" in text_of(refused) and "agent\nfantome" in text_of(refused)
    done = client.post(f"{session_url}/presences", data={"csrf_token": token, "identifiants": "agent"})
    assert "1 présence ajoutée." in text_of(done) and "Camille Durand (agent)" in text_of(done)


def test_the_public_register_lists_deployed_systems_in_json_and_csv(client, login):
    login(client, Role.AGENT)
    data = client.get("/gouvernance/registre.json").json()
    assert data["collectivite"] == "Admiville"
    titles = {s["intitule"]: s for s in data["systemes"]}
    assert set(titles) == {"Assistant d'IA générative CollectivIA",
                           "Questions RH : réponses sourcées aux questions de carrière"}
    assistant = titles["Assistant d'IA générative CollectivIA"]
    assert assistant["hebergement"] == "France"
    assert assistant["niveau_ai_act"] == "Obligations de transparence"
    assert assistant["mis_en_service_le"] == date.today().isoformat()
    assert "proposer" not in str(assistant).lower()
    rows = list(csv.reader(io.StringIO(client.get("/gouvernance/registre.csv").text.lstrip("\ufeff")),
                           delimiter=";"))
    assert rows[0] == register.REGISTER_HEADER and len(rows) == 3
    assert "Aide à la présélection des candidatures" not in client.get("/gouvernance/registre").text


def test_the_committee_board_shows_the_pipeline_and_what_needs_attention(client, login):
    login(client, Role.REPRESENTANT_PERSONNEL)
    page = text_of(client.get("/gouvernance/comite"))
    assert "2</p><p>cas d'usage en attente de décision" in page.replace("\n", "").replace("  ", "")
    assert "Détection précoce des problèmes de santé mentale" in page
    assert "100 %</p>" in page  # every demo account accepted the charter
    assert "Haut risque" in page
    login(client, Role.AGENT)
    assert client.get("/gouvernance/comite").status_code == 403


def test_the_whole_registry_exports_to_csv_without_names(client, login):
    login(client, Role.REPRESENTANT_PERSONNEL)
    export = client.get("/gouvernance/cas-usage.csv")
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == register.REGISTRY_HEADER
    statuses = {r[2] for r in rows[1:]}
    assert statuses == {"Idée", "Expérimentation", "Déployé"}
    assert "Camille Durand" not in export.text and "Nadia Benali" not in export.text


def test_each_agent_sees_the_sessions_they_attended(client, login):
    login(client, Role.AGENT)
    page = text_of(client.get("/gouvernance/formation"))
    assert "Découvrir l'IA générative (Acculturation à l'IA générative)" in page
    assert "IA et données personnelles (" not in page  # the agent did not attend the RGPD session
    login(client, Role.REPRESENTANT_PERSONNEL)
    assert "Vous n'avez encore suivi aucune session" in text_of(client.get("/gouvernance/formation"))
