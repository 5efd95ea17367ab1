"""recruitment: each decision numbered for its candidate, unique, so a form sent twice adds one

Revision ID: recruitment_0003
Revises: recruitment_0002
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "recruitment_0003"
down_revision = "recruitment_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("recruitment_decisions", sa.Column("number", sa.Integer, nullable=False,
                                                     server_default="0"))
    # the decisions already made, numbered in the order they were recorded
    op.execute(
        "UPDATE recruitment_decisions SET number = (SELECT COUNT(*) FROM recruitment_decisions "
        "AS earlier WHERE earlier.candidate_id = recruitment_decisions.candidate_id "
        "AND earlier.id <= recruitment_decisions.id)")
    # a unique index, not a constraint: SQLite adds one without rebuilding the table
    op.create_index("uq_recruitment_decisions_candidate_number", "recruitment_decisions",
                    ["candidate_id", "number"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_recruitment_decisions_candidate_number", "recruitment_decisions")
    op.drop_column("recruitment_decisions", "number")
