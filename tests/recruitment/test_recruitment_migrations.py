"""Upgrading a database that already holds a campaign keeps its offer text and its decisions."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from collectivia.core.migrate import alembic_config


def rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_recruitment_0002_makes_the_current_offer_text_its_first_version(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "heads")
    command.downgrade(config, "recruitment_0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=ON"))
        conn.execute(text(
            "INSERT INTO users (id, login, full_name, email, role, password_hash, active, session_epoch, "
            "created_at) VALUES (1, 'rh', 'Anne RH', '', 'recruteur', '', 1, 0, '2026-01-01')"))
        for pid, origin in ((1, "modifié par un agent"), (2, "")):
            conn.execute(text(
                "INSERT INTO recruitment_postings (id, reference, intitule, direction, cadre_emplois, "
                "categorie, filiere, grade_min, grade_max, temps_travail, missions, required_json, "
                "optional_json, definitions_json, open_to_contract, contract_basis, remuneration, "
                "status, offer_text, offer_origin, created_at) VALUES (:id, :ref, 'Jardinier', '', "
                "'', 'C', '', '', '', 'Temps complet', '', '[]', '[]', '{}', 1, 'L332-14', '', "
                "'publiée', :text, :origin, '2026-01-01')"),
                {"id": pid, "ref": f"REC-{pid}", "text": "Texte édité\n" if origin else "",
                 "origin": origin})
        conn.execute(text(
            "INSERT INTO recruitment_candidates (id, posting_id, label, source_filename, cv_text, "
            "anonymous_text, anonymous_status, letter_text, stage, stage_changed_at, equality_sex, "
            "equality_age_band, created_at) VALUES (1, 1, 'Candidature n° 1', '', '', '', '', '', "
            "'entretien', '2026-01-02', '', '', '2026-01-02')"))
        conn.execute(text(
            "INSERT INTO recruitment_decisions (candidate_id, from_stage, to_stage, justification, "
            "user_id, user_name, at) VALUES (1, 'reçue', 'entretien', 'Profil solide en paie.', 1, "
            "'Anne RH', '2026-01-03')"))
    engine.dispose()
    command.upgrade(config, "heads")
    engine = create_engine(url)
    assert rows(engine, "SELECT posting_id, number, text, edited_by_person "
                        "FROM recruitment_offer_versions") == [(1, 1, "Texte édité\n", 1)]
    assert rows(engine, "SELECT criteria_json, tool_proposal_json FROM recruitment_decisions") \
        == [("[]", "{}")]
    assert rows(engine, "SELECT candidates_removed FROM recruitment_postings") == [(0,), (0,)]
    engine.dispose()
    command.downgrade(config, "recruitment_0001")
    engine = create_engine(url)
    assert rows(engine, "SELECT justification FROM recruitment_decisions") == [("Profil solide en paie.",)]
    engine.dispose()
