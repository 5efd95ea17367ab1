"""recruitment: offer text versions, what the tool proposed beside each decision, retention counts

Revision ID: recruitment_0002
Revises: recruitment_0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "recruitment_0002"
down_revision = "recruitment_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN on both databases: a batch operation would rebuild the
    # tables on SQLite, and the foreign keys pointing at them would not survive the copy
    op.add_column("recruitment_postings", sa.Column("candidates_removed", sa.Integer,
                                                    nullable=False, server_default="0"))
    op.add_column("recruitment_postings", sa.Column("purged_at", sa.DateTime, nullable=True))
    op.add_column("recruitment_decisions", sa.Column("criteria_json", sa.Text, nullable=False,
                                                     server_default="[]"))
    op.add_column("recruitment_decisions", sa.Column("tool_proposal_json", sa.Text,
                                                     nullable=False, server_default="{}"))
    op.create_table(
        "recruitment_offer_versions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("posting_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.String(120), nullable=False),
        sa.Column("edited_by_person", sa.Boolean, nullable=False),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_recruitment_offer_versions"),
        sa.ForeignKeyConstraint(["posting_id"], ["recruitment_postings.id"],
                                name="fk_recruitment_offer_versions_posting_id_recruitment_postings"),
        sa.UniqueConstraint("posting_id", "number", name="uq_recruitment_offer_versions_posting_id"),
    )
    op.create_index("ix_recruitment_offer_versions_posting_id", "recruitment_offer_versions",
                    ["posting_id"])
    # the text each posting already has becomes its first version
    op.execute(
        "INSERT INTO recruitment_offer_versions (posting_id, number, text, origin, "
        "edited_by_person, author_name, created_at) "
        "SELECT id, 1, offer_text, offer_origin, offer_origin = 'modifié par un agent', '', "
        "created_at FROM recruitment_postings WHERE offer_text <> ''")


def downgrade() -> None:
    op.drop_index("ix_recruitment_offer_versions_posting_id", "recruitment_offer_versions")
    op.drop_table("recruitment_offer_versions")
    op.drop_column("recruitment_decisions", "tool_proposal_json")      # SQLite >= 3.35: in place
    op.drop_column("recruitment_decisions", "criteria_json")
    op.drop_column("recruitment_postings", "purged_at")
    op.drop_column("recruitment_postings", "candidates_removed")
