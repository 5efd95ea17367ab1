"""llm: one row per user and day that calls reserve their tokens on (atomic quotas)

Revision ID: llm_0002
Revises: llm_0001
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "llm_0002"
down_revision = "llm_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "llm_quota_days",
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("tokens", sa.Integer, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("user_id", "day", name="pk_llm_quota_days"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_llm_quota_days_user_id_users"),
    )


def downgrade() -> None:
    op.drop_table("llm_quota_days")
