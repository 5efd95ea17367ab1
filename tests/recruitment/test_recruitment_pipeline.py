"""The pipeline: a posting's candidatures in one column per stage, a selection moved at once.

Each move is still a human decision with the recruiter's own reasons, recorded for every
candidature as on its own page; a selection is moved whole or not at all.
"""

from __future__ import annotations

from sqlalchemy import func, select

from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.recruitment.models import Candidate, Decision, Posting
from support import csrf_of, text_of


def _posting_and_candidates(database) -> tuple[int, list[int]]:
    with database.session() as session:
        posting = session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")).scalar_one()
        ids = session.execute(select(Candidate.id).where(Candidate.posting_id == posting.id)
                              .order_by(Candidate.id)).scalars().all()
        return posting.id, list(ids)


def test_the_pipeline_shows_a_column_per_stage_with_the_tool_s_proposals_marked(
        client, login, demo_database):
    posting_id, ids = _posting_and_candidates(demo_database)
    login(client, Role.RECRUTEUR)
    page = text_of(client.get(f"/recrutement/offres/{posting_id}/suivi"))
    for stage in ("Reçue", "Pré-sélection", "Entretien", "Retenu", "Non retenu"):
        assert stage in page
    assert "propositions de l'aide à la présélection" in page and "Proposition :" in page
    assert page.count("Sélectionner ") == len(ids)


def test_a_selection_is_moved_with_one_decision_recorded_for_each(client, login, demo_database):
    posting_id, ids = _posting_and_candidates(demo_database)
    with demo_database.session() as session:
        chosen = [i for i in ids if session.get(Candidate, i).stage != "entretien"][:2]
        before = session.execute(select(func.count()).select_from(Decision)
                                 .where(Decision.candidate_id.in_(chosen))).scalar_one()
    login(client, Role.RECRUTEUR)
    token = csrf_of(client, f"/recrutement/offres/{posting_id}/suivi")
    page = client.post(f"/recrutement/offres/{posting_id}/suivi", data={
        "csrf_token": token, "candidatures": [str(i) for i in chosen], "etape": "entretien",
        "justification": "Expériences de paie solides et récentes, à approfondir en entretien."},
        follow_redirects=True)
    assert "Décision enregistrée pour 2 candidatures : entretien" in text_of(page)
    with demo_database.session() as session:
        assert [session.get(Candidate, i).stage for i in chosen] == ["entretien", "entretien"]
        assert session.execute(select(func.count()).select_from(Decision)
                               .where(Decision.candidate_id.in_(chosen))).scalar_one() == before + 2
        assert session.execute(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "recruitment.decision")).scalar_one() >= 2


def test_a_selection_is_moved_whole_or_not_at_all(client, login, demo_database):
    posting_id, ids = _posting_and_candidates(demo_database)
    with demo_database.session() as session:
        stages = [session.get(Candidate, i).stage for i in ids[:3]]
    login(client, Role.RECRUTEUR)
    token = csrf_of(client, f"/recrutement/offres/{posting_id}/suivi")
    leaning = client.post(f"/recrutement/offres/{posting_id}/suivi", data={
        "csrf_token": token, "candidatures": [str(i) for i in ids[:3]], "etape": "non retenu",
        "criteres": ["Expérience en paie d'au moins 2 ans"],
        "justification": "Classés en groupe C par l'outil, donc non retenus."}, follow_redirects=True)
    assert "s'appuie sur l'outil" in text_of(leaning)
    assert "Aucune candidature n'a changé d'étape" in text_of(leaning)
    nothing = client.post(f"/recrutement/offres/{posting_id}/suivi", data={
        "csrf_token": token, "etape": "entretien", "justification": "À rencontrer en entretien."},
        follow_redirects=True)
    assert "Sélectionnez au moins une candidature" in text_of(nothing)
    with demo_database.session() as session:
        assert [session.get(Candidate, i).stage for i in ids[:3]] == stages


def test_a_selection_cannot_reach_into_another_posting(client, login, demo_database):
    posting_id, ids = _posting_and_candidates(demo_database)
    login(client, Role.RECRUTEUR)
    token = csrf_of(client, f"/recrutement/offres/{posting_id}/suivi")
    with demo_database.session() as session:
        other = session.execute(select(Posting.id).where(Posting.id != posting_id)).scalars().first()
    if other is None:
        return
    page = client.post(f"/recrutement/offres/{other}/suivi", data={
        "csrf_token": token, "candidatures": [str(ids[0])], "etape": "entretien",
        "justification": "À rencontrer en entretien."}, follow_redirects=True)
    assert "n'appartient pas à cette offre" in text_of(page) or page.status_code in (403, 404)


def test_only_those_who_manage_the_posting_may_decide(client, login, demo_database):
    posting_id, _ids = _posting_and_candidates(demo_database)
    login(client, Role.AGENT)
    assert client.get(f"/recrutement/offres/{posting_id}/suivi").status_code in (403, 404)


def test_when_one_of_the_selection_cannot_move_none_moves(client, login, demo_database):
    """The first is movable, the second is already at that stage: the first stays put too."""
    posting_id, ids = _posting_and_candidates(demo_database)
    login(client, Role.RECRUTEUR)
    token = csrf_of(client, f"/recrutement/offres/{posting_id}/suivi")
    first, second = ids[0], ids[1]
    client.post(f"/recrutement/offres/{posting_id}/suivi", data={
        "csrf_token": token, "candidatures": [str(second)], "etape": "entretien",
        "justification": "À rencontrer en entretien pour la paie."}, follow_redirects=True)
    with demo_database.session() as session:
        before = session.get(Candidate, first).stage
    page = client.post(f"/recrutement/offres/{posting_id}/suivi", data={
        "csrf_token": token, "candidatures": [str(first), str(second)], "etape": "entretien",
        "justification": "À rencontrer en entretien pour la paie."}, follow_redirects=True)
    assert "déjà à l'étape" in text_of(page)
    with demo_database.session() as session:
        assert session.get(Candidate, first).stage == before
