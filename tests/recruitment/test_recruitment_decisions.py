"""A decision is the recruiter's own: it cites the posting's criteria, in their words, never the tool's.

The screening proposes a group; a refusal that only repeats it ("Classé en
groupe C par l'outil, donc non retenu.") would be a decision by the tool. Each
decision keeps, beside the person's reasons, what the tool had proposed.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from collectivia.core.errors import InvalidInput
from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.recruitment import candidates, decisions
from collectivia.recruitment.models import Posting
from support import csrf_of, text_of

PAIE = "Expérience en paie d'au moins 2 ans"
DIPLOME = "Diplôme de niveau 4 (baccalauréat) minimum"


def _group_c(session):
    posting = session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")).scalar_one()
    return next(c for c in posting.candidates if c.latest_screening.group == "C")


@pytest.mark.parametrize("justification", [
    "Classé en groupe C par l'outil, donc non retenu.",
    "L'outil a proposé de ne pas retenir cette candidature.",
    "Selon l'IA, le profil ne correspond pas au poste.",
    "Score trop faible pour être retenu sur ce poste.",
    "Non retenu à l'issue de la présélection automatique.",
    "L'IA le place en C, je suis cet avis sans réserve.",
])
def test_a_justification_resting_on_the_tool_is_recognised(justification):
    assert decisions.leans_on_the_tool(justification)


@pytest.mark.parametrize("justification", [
    "Candidat de catégorie C ; le poste relève de la catégorie B.",
    "Score TOEIC de 650 : le niveau B2 demandé n'est pas atteint.",
    "Ne maîtrise pas l'outil Excel au-delà de la saisie, vérifié en entretien.",
    "Aucune expérience en IA générative, alors que le poste l'exige.",
    "Six mois de paie seulement, en intérim ; l'offre en demande deux ans.",
])
def test_the_recruiters_own_findings_are_not_mistaken_for_the_tool(justification):
    assert decisions.leans_on_the_tool(justification) is None


def test_a_refusal_by_the_tools_group_is_refused_with_the_reason(session):
    candidate, recruiter = _group_c(session), find_by_login(session, "recruteur")
    with pytest.raises(InvalidInput) as refused:
        decisions.decide(session, recruiter, candidate.id, "non retenu",
                         "Classé en groupe C par l'outil, donc non retenu.", [PAIE])
    assert "s'appuie sur l'outil (« groupe C »)" in refused.value.message
    assert "votre propre appréciation" in refused.value.message
    assert candidate.stage == "reçue" and candidate.decisions == []


def test_a_refusal_cites_at_least_one_criterion_of_the_posting(session):
    candidate, recruiter = _group_c(session), find_by_login(session, "recruteur")
    reason = "Aucune période de paie dans le parcours, seulement de l'accueil."
    with pytest.raises(InvalidInput, match="au moins un critère de l'offre"):
        decisions.decide(session, recruiter, candidate.id, "non retenu", reason)
    with pytest.raises(InvalidInput, match="Critère inconnu pour cette offre"):
        decisions.decide(session, recruiter, candidate.id, "non retenu", reason, ["Être sympathique"])
    decision = decisions.decide(session, recruiter, candidate.id, "non retenu", reason, [PAIE])
    assert decision.criteria == [PAIE] and candidate.stage == "non retenu"


def test_each_decision_keeps_what_the_tool_proposed_beside_what_the_person_decided(session):
    candidate, recruiter = _group_c(session), find_by_login(session, "recruteur")
    proposed = candidate.latest_screening
    # the recruiter disagrees with the tool on the diploma: the decision still records the tool's view
    candidates.correct(session, recruiter, candidate.id, DIPLOME, "rempli",
                       "Baccalauréat professionnel vu sur l'attestation jointe.")
    decision = decisions.decide(session, recruiter, candidate.id, "entretien",
                                "Diplôme attesté ; l'expérience de paie est à vérifier en entretien.",
                                [DIPLOME, PAIE])
    assert decision.tool_proposal["groupe"] == proposed.group == "C"
    assert decision.tool_proposal["statuts"][DIPLOME] == next(
        r["status"] for r in proposed.results if r["criterion"] == DIPLOME)
    event = session.execute(select(AuditEvent).where(AuditEvent.action == "recruitment.decision")
                            .order_by(AuditEvent.id.desc())).scalars().first()
    details = json.loads(event.details)
    assert details["criteres_cites"] == 2 and details["groupe_propose_outil"] == "C"
    assert "attestation" not in event.details        # the reasons stay in the file, not in the log


def test_the_candidate_page_shows_the_tools_proposal_and_the_persons_decision(
        client, login, demo_database):
    with demo_database.session() as session:
        candidate_id = _group_c(session).id
    login(client, Role.RECRUTEUR)
    page_url = f"/recrutement/candidatures/{candidate_id}"
    token = csrf_of(client, page_url)
    refused = client.post(f"{page_url}/decision", data={
        "csrf_token": token, "etape": "non retenu", "criteres": [PAIE],
        "justification": "Classé en groupe C par l'outil, donc non retenu."}, follow_redirects=True)
    assert "la proposition de l'aide à la présélection (groupe, score, résultat) ne peut pas " \
           "motiver une décision" in text_of(refused)
    done = client.post(f"{page_url}/decision", data={
        "csrf_token": token, "etape": "non retenu", "criteres": [PAIE],
        "justification": "Aucune expérience de paie : le parcours est fait d'accueil et de secrétariat."},
        follow_redirects=True)
    page = text_of(done)
    assert "Décision enregistrée : non retenu" in page
    assert "Proposition de l'outil" in page and "Groupe C (" in page
    assert f"Critères retenus : {PAIE}" in page
    assert "Appréciation : Aucune expérience de paie" in page
