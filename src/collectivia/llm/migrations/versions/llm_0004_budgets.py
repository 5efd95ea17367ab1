"""llm: directions' monthly budgets, the month rows calls reserve their cost on, and the
per-model request windows (limits per minute and per day)

Revision ID: llm_0004
Revises: llm_0003
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "llm_0004"
down_revision = "llm_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "llm_direction_budgets",
        sa.Column("direction_id", sa.Integer, nullable=False),
        sa.Column("micro_eur_per_month", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("direction_id", name="pk_llm_direction_budgets"),
        sa.ForeignKeyConstraint(["direction_id"], ["directions.id"], ondelete="CASCADE",
                                name="fk_llm_direction_budgets_direction_id_directions"),
    )
    op.create_table(
        "llm_budget_months",
        sa.Column("direction_id", sa.Integer, nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("micro_eur", sa.BigInteger, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("direction_id", "month", name="pk_llm_budget_months"),
        sa.ForeignKeyConstraint(["direction_id"], ["directions.id"], ondelete="CASCADE",
                                name="fk_llm_budget_months_direction_id_directions"),
    )
    op.create_table(
        "llm_model_windows",
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("start", sa.DateTime, nullable=False),
        sa.Column("requests", sa.Integer, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("model", "period", "start", name="pk_llm_model_windows"),
    )


def downgrade() -> None:
    op.drop_table("llm_model_windows")
    op.drop_table("llm_budget_months")
    op.drop_table("llm_direction_budgets")
