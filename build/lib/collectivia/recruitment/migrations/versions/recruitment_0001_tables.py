"""recruitment: postings, candidates, documents, screenings, corrections, decisions

Revision ID: recruitment_0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "recruitment_0001"
down_revision = None
branch_labels = ("recruitment",)
depends_on = "core_0001"


def _candidate_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["candidate_id"], ["recruitment_candidates.id"],
                                   name=f"fk_{table}_candidate_id_recruitment_candidates")


def upgrade() -> None:
    op.create_table(
        "recruitment_postings",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("reference", sa.String(40), nullable=False),
        sa.Column("intitule", sa.String(200), nullable=False),
        sa.Column("direction", sa.String(200), nullable=False),
        sa.Column("cadre_emplois", sa.String(200), nullable=False),
        sa.Column("categorie", sa.String(10), nullable=False),
        sa.Column("filiere", sa.String(80), nullable=False),
        sa.Column("grade_min", sa.String(120), nullable=False),
        sa.Column("grade_max", sa.String(120), nullable=False),
        sa.Column("temps_travail", sa.String(200), nullable=False),
        sa.Column("missions", sa.Text, nullable=False),
        sa.Column("required_json", sa.Text, nullable=False),
        sa.Column("optional_json", sa.Text, nullable=False),
        sa.Column("definitions_json", sa.Text, nullable=False),
        sa.Column("open_to_contract", sa.Boolean, nullable=False),
        sa.Column("contract_basis", sa.String(40), nullable=False),
        sa.Column("remuneration", sa.Text, nullable=False),
        sa.Column("date_publication", sa.Date, nullable=True),
        sa.Column("date_limite", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("offer_text", sa.Text, nullable=False),
        sa.Column("offer_origin", sa.String(120), nullable=False),
        sa.Column("created_by_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("closed_at", sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_recruitment_postings"),
        sa.UniqueConstraint("reference", name="uq_recruitment_postings_reference"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name="fk_recruitment_postings_created_by_id_users"),
    )
    op.create_table(
        "recruitment_candidates",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("posting_id", sa.Integer, nullable=False),
        sa.Column("label", sa.String(60), nullable=False),
        sa.Column("source_filename", sa.String(255), nullable=False),
        sa.Column("cv_text", sa.Text, nullable=False),
        sa.Column("anonymous_text", sa.Text, nullable=False),
        sa.Column("anonymous_status", sa.String(200), nullable=False),
        sa.Column("letter_text", sa.Text, nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("stage_changed_at", sa.DateTime, nullable=False),
        sa.Column("equality_sex", sa.String(1), nullable=False),
        sa.Column("equality_age_band", sa.String(20), nullable=False),
        sa.Column("notice_sent_at", sa.DateTime, nullable=True),
        sa.Column("created_by_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_recruitment_candidates"),
        sa.ForeignKeyConstraint(["posting_id"], ["recruitment_postings.id"],
                                name="fk_recruitment_candidates_posting_id_recruitment_postings"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name="fk_recruitment_candidates_created_by_id_users"),
    )
    op.create_index("ix_recruitment_candidates_posting_id", "recruitment_candidates", ["posting_id"])
    op.create_table(
        "recruitment_documents",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("candidate_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("uploaded_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_recruitment_documents"),
        _candidate_fk("recruitment_documents"),
    )
    op.create_index("ix_recruitment_documents_candidate_id", "recruitment_documents", ["candidate_id"])
    op.create_table(
        "recruitment_screenings",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("candidate_id", sa.Integer, nullable=False),
        sa.Column("method", sa.String(120), nullable=False),
        sa.Column("group", sa.String(1), nullable=False),
        sa.Column("results_json", sa.Text, nullable=False),
        sa.Column("optional_json", sa.Text, nullable=False),
        sa.Column("date_issues_json", sa.Text, nullable=False),
        sa.Column("questions_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_recruitment_screenings"),
        _candidate_fk("recruitment_screenings"),
    )
    op.create_index("ix_recruitment_screenings_candidate_id", "recruitment_screenings",
                    ["candidate_id"])
    op.create_table(
        "recruitment_corrections",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("candidate_id", sa.Integer, nullable=False),
        sa.Column("criterion", sa.Text, nullable=False),
        sa.Column("previous_status", sa.String(20), nullable=False),
        sa.Column("new_status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_recruitment_corrections"),
        _candidate_fk("recruitment_corrections"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_recruitment_corrections_user_id_users"),
    )
    op.create_index("ix_recruitment_corrections_candidate_id", "recruitment_corrections",
                    ["candidate_id"])
    op.create_table(
        "recruitment_decisions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("candidate_id", sa.Integer, nullable=False),
        sa.Column("from_stage", sa.String(20), nullable=False),
        sa.Column("to_stage", sa.String(20), nullable=False),
        sa.Column("justification", sa.Text, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_recruitment_decisions"),
        _candidate_fk("recruitment_decisions"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_recruitment_decisions_user_id_users"),
    )
    op.create_index("ix_recruitment_decisions_candidate_id", "recruitment_decisions",
                    ["candidate_id"])


def downgrade() -> None:
    for table in ("recruitment_decisions", "recruitment_corrections", "recruitment_screenings",
                  "recruitment_documents", "recruitment_candidates", "recruitment_postings"):
        op.drop_table(table)
