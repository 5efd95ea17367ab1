"""llm: usage records and token quotas

Revision ID: llm_0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "llm_0001"
down_revision = None
branch_labels = ("llm",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "llm_usage",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=True),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("direction", sa.String(200), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("backend", sa.String(80), nullable=False),
        sa.Column("prompt_tokens", sa.Integer, nullable=False),
        sa.Column("completion_tokens", sa.Integer, nullable=False),
        sa.Column("cost_eur", sa.Float, nullable=False),
        sa.Column("energy_kwh", sa.Float, nullable=True),
        sa.Column("gwp_kgco2eq", sa.Float, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_llm_usage"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_llm_usage_user_id_users",
                                ondelete="SET NULL"),
    )
    op.create_index("ix_llm_usage_at", "llm_usage", ["at"])
    op.create_index("ix_llm_usage_user_id", "llm_usage", ["user_id"])
    op.create_table(
        "llm_quotas",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(40), nullable=True),
        sa.Column("user_id", sa.Integer, nullable=True),
        sa.Column("tokens_per_day", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_llm_quotas"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_llm_quotas_user_id_users",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("role", name="uq_llm_quotas_role"),
        sa.UniqueConstraint("user_id", name="uq_llm_quotas_user_id"),
    )


def downgrade() -> None:
    op.drop_table("llm_quotas")
    op.drop_index("ix_llm_usage_user_id", "llm_usage")
    op.drop_index("ix_llm_usage_at", "llm_usage")
    op.drop_table("llm_usage")
