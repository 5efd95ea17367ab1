"""A decision form sent twice (a double click, two tabs, a retried request) records one decision.

Each decision is numbered for its candidature, and the database holds (candidature, number)
unique: two requests deciding at once both compute the next number, and the second is
refused with a French message instead of adding a twin row and a twin audit event.
"""

from __future__ import annotations

import threading

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import IntegrityError

from collectivia.core.errors import CollectiviaError
from collectivia.core.migrate import alembic_config
from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import Role
from collectivia.core.users import find_by_login
from collectivia.recruitment import decisions
from collectivia.recruitment.models import Candidate, Decision
from support import csrf_of, login_as, text_of

REASON = "Expérience de paie confirmée sur deux employeurs, à approfondir en entretien."


def received(session) -> Candidate:
    return session.execute(select(Candidate).where(Candidate.stage == "reçue")
                           .order_by(Candidate.id)).scalars().first()


def decisions_of(database, candidate_id: int) -> list[tuple[int, str, str]]:
    with database.session() as session:
        return list(session.execute(select(Decision.number, Decision.from_stage, Decision.to_stage)
                                    .where(Decision.candidate_id == candidate_id)
                                    .order_by(Decision.number)).all())


def test_the_same_decision_sent_by_two_requests_at_once_is_recorded_once(demo_database):
    with demo_database.session() as session:
        candidate_id = received(session).id
        recruiter_id = find_by_login(session, "recruteur").id
    barrier, refusals = threading.Barrier(2), []

    def send() -> None:
        barrier.wait()
        try:
            with demo_database.session() as session:
                decisions.decide(session, session.get(User, recruiter_id), candidate_id,
                                 "entretien", REASON)
        except CollectiviaError as exc:
            refusals.append(exc.message)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert decisions_of(demo_database, candidate_id) == [(1, "reçue", "entretien")]
    # PostgreSQL: both read "reçue" and the unique number refuses the second; SQLite: the
    # second waits for the first's write lock, then finds the candidature moved already
    assert len(refusals) == 1
    assert refusals[0] in (decisions.SENT_TWICE, "La candidature est déjà à l'étape « entretien ».")
    with demo_database.session() as session:
        events = session.execute(select(AuditEvent).where(
            AuditEvent.action == "recruitment.decision",
            AuditEvent.object_id == str(candidate_id))).scalars().all()
    assert len(events) == 1


def test_the_database_itself_refuses_a_second_decision_with_the_same_number(demo_database):
    with demo_database.session() as session:
        candidate = received(session)
        decisions.decide(session, find_by_login(session, "recruteur"), candidate.id, "entretien",
                         REASON)
        candidate_id = candidate.id
    with pytest.raises(IntegrityError), demo_database.session() as session:
        session.add(Decision(candidate_id=candidate_id, number=1, from_stage="reçue",
                             to_stage="entretien", justification=REASON, user_id=1,
                             user_name="Copie"))


def test_the_decision_form_sent_again_says_so_in_french_and_adds_nothing(client, demo_database):
    with demo_database.session() as session:
        candidate_id = received(session).id
    login_as(client, Role.RECRUTEUR)
    form = {"etape": "entretien", "justification": REASON,
            "csrf_token": csrf_of(client, f"/recrutement/candidatures/{candidate_id}")}
    client.post(f"/recrutement/candidatures/{candidate_id}/decision", data=form)
    page = text_of(client.post(f"/recrutement/candidatures/{candidate_id}/decision", data=form))
    assert "La candidature est déjà à l'étape « entretien »." in page
    assert decisions_of(demo_database, candidate_id) == [(1, "reçue", "entretien")]


def test_decisions_made_before_the_upgrade_are_numbered_in_their_order(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "heads")
    command.downgrade(config, "recruitment_0002")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO users (id, login, full_name, email, role, password_hash, active, "
            "session_epoch, created_at) VALUES (1, 'rh', 'Anne RH', '', 'recruteur', '', 1, 0, "
            "'2026-01-01')"))
        conn.execute(text(
            "INSERT INTO recruitment_postings (id, reference, intitule, direction, cadre_emplois, "
            "categorie, filiere, grade_min, grade_max, temps_travail, missions, required_json, "
            "optional_json, definitions_json, open_to_contract, contract_basis, remuneration, "
            "status, offer_text, offer_origin, created_at, candidates_removed) VALUES (1, 'REC-1', "
            "'Jardinier', '', '', 'C', '', '', '', 'Temps complet', '', '[]', '[]', '{}', 1, "
            "'L332-14', '', 'publiée', '', '', '2026-01-01', 0)"))
        for cid in (1, 2):
            conn.execute(text(
                "INSERT INTO recruitment_candidates (id, posting_id, label, source_filename, "
                "cv_text, anonymous_text, anonymous_status, letter_text, stage, stage_changed_at, "
                "equality_sex, equality_age_band, created_at) VALUES (:id, 1, 'Candidature', '', "
                "'', '', '', '', 'reçue', '2026-01-02', '', '', '2026-01-02')"), {"id": cid})
        for cid, source, target in ((1, "reçue", "entretien"), (2, "reçue", "entretien"),
                                    (1, "entretien", "retenu")):
            conn.execute(text(
                "INSERT INTO recruitment_decisions (candidate_id, from_stage, to_stage, "
                "justification, user_id, user_name, at) VALUES (:c, :f, :t, 'Motif.', 1, "
                "'Anne RH', '2026-01-03')"), {"c": cid, "f": source, "t": target})
    engine.dispose()
    command.upgrade(config, "heads")
    engine = create_engine(url)
    with engine.connect() as conn:
        numbered = conn.execute(text("SELECT candidate_id, number, to_stage FROM "
                                     "recruitment_decisions ORDER BY id")).all()
    engine.dispose()
    assert [tuple(row) for row in numbered] == [(1, 1, "entretien"), (2, 1, "entretien"),
                                                (1, 2, "retenu")]
