"""The use-case registry: agents propose, the referent IA instructs, every decision is traced."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from collectivia.core.errors import Conflict, Forbidden, InvalidInput
from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.governance import registry
from collectivia.governance.models import UseCase
from support import csrf_of, text_of

SOON = (date.today() + timedelta(days=90)).isoformat()


def user(session, login):
    return find_by_login(session, login)


def proposal(title="Résumer les comptes rendus du conseil municipal",
             need="Les comptes rendus sont longs ; un résumé aiderait les agents de l'accueil."):
    return registry.Proposal(title=title, need=need, data_involved="Comptes rendus publics",
                             expected_gain="Une heure par semaine")


def test_the_platform_modules_are_pre_registered_and_classified(session):
    modules = {u.platform_module: u for u in session.execute(
        select(UseCase).where(UseCase.platform_module.is_not(None))).unique().scalars()}
    assert set(modules) == {"assistant", "hrdesk", "recruitment"}
    assert modules["assistant"].ai_act_level == "transparence"
    assert modules["recruitment"].ai_act_level == "haut_risque"
    assert modules["recruitment"].status == "experimentation"
    assert modules["recruitment"].success_criteria
    assert modules["assistant"].status == "deploye"
    assert modules["assistant"].decided_by.login == "referent"


def test_an_agent_proposes_and_the_idea_starts_in_its_own_service(session):
    agent = user(session, "agent")
    created = registry.propose(session, agent, proposal())
    assert created.status == "idee"
    assert created.proposer_id == agent.id
    assert created.service_id == agent.service_id
    assert [e.to_status for e in created.events] == ["idee"]
    event = session.execute(select(AuditEvent).where(
        AuditEvent.action == "governance.usecase.propose")).scalars().all()[-1]
    assert event.object_id == str(created.id)
    assert "conseil" not in event.details  # no free text in the audit log


def test_a_too_short_proposal_is_refused_with_the_field_named(session):
    with pytest.raises(InvalidInput, match="Besoin"):
        registry.propose(session, user(session, "agent"), proposal(need="trop court"))


def test_staff_representatives_propose_use_cases_like_any_agent(session):
    representative = user(session, "representant")
    created = registry.propose(session, representative, proposal())
    assert created.status == "idee"
    assert created.proposer_id == representative.id


def test_a_proposal_resembling_a_proscribed_dgafp_case_is_flagged(session):
    created = registry.propose(session, user(session, "rh"), proposal(
        title="Repérer les entretiens vidéo des candidats",
        need="Analyser automatiquement les vidéos des candidats en entretien vidéo automatisé."))
    matches = registry.reference_matches(created)
    assert matches[0].use_case.label == "Entretiens vidéo automatisés avec les candidats"
    assert matches[0].use_case.category == "a_proscrire"


def test_the_lifecycle_keeps_who_decided_what_and_why(session):
    agent, referent = user(session, "agent"), user(session, "referent")
    case = registry.propose(session, agent, proposal())
    with pytest.raises(Forbidden):
        registry.change_status(session, agent, case.id, "instruction")
    registry.change_status(session, referent, case.id, "instruction", note="À instruire")
    with pytest.raises(InvalidInput, match="critères de réussite"):
        registry.change_status(session, referent, case.id, "experimentation",
                               experiment_until=date.today() + timedelta(days=30))
    with pytest.raises(InvalidInput, match="date de fin"):
        registry.change_status(session, referent, case.id, "experimentation",
                               success_criteria="80 % des agents satisfaits")
    with pytest.raises(InvalidInput, match="déjà passée"):
        registry.change_status(session, referent, case.id, "experimentation",
                               success_criteria="80 % des agents satisfaits",
                               experiment_until=date.today() - timedelta(days=1))
    registry.change_status(session, referent, case.id, "experimentation",
                           success_criteria="80 % des agents satisfaits",
                           experiment_until=date.today() + timedelta(days=30))
    with pytest.raises(Conflict, match="Classez d'abord"):
        registry.change_status(session, referent, case.id, "deploye", note="Concluant")
    registry.classify(session, referent, case.id, {"systeme_ia": "oui",
                                                   "transparence": ["contenu_synthetique"]})
    with pytest.raises(InvalidInput, match="Motivez"):
        registry.change_status(session, referent, case.id, "deploye")
    registry.change_status(session, referent, case.id, "deploye", note="Critères atteints")
    assert case.status == "deploye"
    assert case.decision == "Critères atteints" and case.decided_by_id == referent.id
    assert [(e.from_status, e.to_status, e.actor_name) for e in case.events] == [
        ("", "idee", "Camille Durand"), ("idee", "instruction", "Sophie Garnier"),
        ("instruction", "experimentation", "Sophie Garnier"),
        ("experimentation", "deploye", "Sophie Garnier")]
    with pytest.raises(Conflict, match="ne peut pas passer"):
        registry.change_status(session, referent, case.id, "idee")


def test_a_prohibited_practice_can_be_neither_tested_nor_deployed(session):
    referent = user(session, "referent")
    case = registry.propose(session, user(session, "rh"), proposal(title="Humeur des agents",
                            need="Analyser l'humeur des agents par webcam pendant le travail."))
    registry.change_status(session, referent, case.id, "instruction")
    result = registry.classify(session, referent, case.id, {
        "systeme_ia": "oui", "pratiques_interdites": ["reconnaissance_emotions_travail"]})
    assert result.level == "interdit"
    with pytest.raises(Conflict, match="pratique interdite"):
        registry.change_status(session, referent, case.id, "experimentation",
                               success_criteria="x", experiment_until=date.today())
    registry.change_status(session, referent, case.id, "abandonne", note="Interdit par l'AI Act")
    assert case.status == "abandonne"


def test_the_proposer_completes_the_sheet_until_instruction_starts(session):
    agent, referent = user(session, "agent"), user(session, "referent")
    case = registry.propose(session, agent, proposal())
    sheet = registry.Sheet(purpose="Résumer", data_categories=["documents_publics", "sante"],
                           hosting="france", model="Mistral Small")
    registry.update_sheet(session, agent, case.id, sheet)
    assert case.personal_data  # a health category implies personal data
    registry.change_status(session, referent, case.id, "instruction")
    with pytest.raises(Forbidden):
        registry.update_sheet(session, agent, case.id, sheet)
    with pytest.raises(Conflict, match="déjà décrit"):
        registry.update_sheet(session, referent, case.id, registry.Sheet(platform_module="assistant"))


def test_the_boussole_keeps_a_score_and_comment_per_criterion(session):
    referent = user(session, "referent")
    case = registry.propose(session, user(session, "agent"), proposal())
    registry.score_boussole(session, referent, case.id, {
        "sobriete": (2, "Petit modèle local"), "service_public": (None, "")})
    session.refresh(case)
    view = {c["id"]: c for c in registry.boussole_view(case)}
    assert len(view) == 7
    assert view["sobriete"]["score"] == 2 and view["sobriete"]["comment"] == "Petit modèle local"
    assert view["service_public"]["score"] is None
    with pytest.raises(InvalidInput, match="de 0 à 3"):
        registry.score_boussole(session, referent, case.id, {"sobriete": (5, "")})


def test_an_agent_proposes_through_the_web_and_sees_the_dgafp_reference(client, login):
    login(client, Role.AGENT)
    token = csrf_of(client, "/gouvernance/cas-usage/nouveau")
    response = client.post("/gouvernance/cas-usage", data={
        "csrf_token": token, "intitule": "Fiches de poste de l'accueil",
        "besoin": "Rédiger les fiches de poste de l'accueil à partir du référentiel des métiers.",
        "donnees": "Référentiel", "gain": "Du temps"})
    assert response.status_code == 200
    page = text_of(response)
    assert "est enregistrée : le référent IA va l'instruire" in page
    assert "Rédaction de fiches de poste" in page and "jugé particulièrement souhaitable" in page


def test_a_refused_proposal_keeps_what_was_typed(client, login):
    login(client, Role.AGENT)
    token = csrf_of(client, "/gouvernance/cas-usage/nouveau")
    response = client.post("/gouvernance/cas-usage", data={
        "csrf_token": token, "intitule": "Projet", "besoin": "court", "gain": "Mon gain détaillé"})
    assert response.status_code == 422
    assert "Mon gain détaillé" in text_of(response)


def test_the_referent_moves_a_use_case_through_the_web(client, login, demo_database):
    login(client, Role.REFERENT_IA)
    with demo_database.session() as s:
        case_id = s.execute(select(UseCase.id).where(UseCase.status == "idee")).scalars().first()
    token = csrf_of(client, f"/gouvernance/cas-usage/{case_id}")
    client.post(f"/gouvernance/cas-usage/{case_id}/statut",
                data={"csrf_token": token, "statut": "instruction"})
    refused = client.post(f"/gouvernance/cas-usage/{case_id}/statut", data={
        "csrf_token": token, "statut": "experimentation", "criteres": "Gain mesuré", "fin": "31/12"})
    assert refused.status_code == 422
    assert "JJ/MM/AAAA" in text_of(refused) and "Gain mesuré" in text_of(refused)
    done = client.post(f"/gouvernance/cas-usage/{case_id}/statut", data={
        "csrf_token": token, "statut": "experimentation", "criteres": "Gain mesuré", "fin": SOON,
        "decision": "On teste trois mois"})
    page = text_of(done)
    assert "Cas d'usage passé à « Expérimentation »" in page
    assert "On teste trois mois" in page and "Sophie Garnier" in page


def test_the_referent_classifies_through_the_questionnaire(client, login):
    login(client, Role.REFERENT_IA)
    token = csrf_of(client, "/gouvernance/cas-usage/1/classification")
    response = client.post("/gouvernance/cas-usage/1/classification", data={
        "csrf_token": token, "systeme_ia": "oui", "domaines_haut_risque": "emploi_gestion",
        "derogation_art6_3": "non", "profilage": "oui", "organisme_public": "oui"})
    page = text_of(response)
    assert "Classification AI Act enregistrée : Haut risque." in page
    assert "annexe III, 4, b)" in page


def test_anyone_can_try_the_questionnaire_without_saving(client, login):
    login(client, Role.AGENT)
    token = csrf_of(client, "/gouvernance/classification")
    response = client.post("/gouvernance/classification", data={
        "csrf_token": token, "systeme_ia": "oui", "transparence": ["dialogue_personnes"]})
    page = text_of(response)
    assert "Niveau : <strong>Obligations de transparence</strong>" in page
    assert "qu'elles échangent avec une IA" in page


def test_an_agent_compares_with_the_dgafp_list_before_sending_and_nothing_is_saved(client, login,
                                                                                     demo_database):
    login(client, Role.AGENT)
    token = csrf_of(client, "/gouvernance/cas-usage/nouveau")
    response = client.post("/gouvernance/cas-usage", data={
        "csrf_token": token, "action": "apercu", "intitule": "Entretiens vidéo",
        "besoin": "Faire passer aux candidats un entretien vidéo analysé automatiquement"})
    page = text_of(response)
    assert response.status_code == 200
    assert "Entretiens vidéo automatisés avec les candidats" in page and "à proscrire" in page
    assert "Faire passer aux candidats un entretien vidéo" in page  # the text is kept
    with demo_database.session() as s:
        assert s.execute(select(UseCase).where(UseCase.title == "Entretiens vidéo")).first() is None
