"""governance: agents' "temps gagné" ratings of AI answers, experimentations' success criteria

Revision ID: governance_0003
Revises: governance_0002
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "governance_0003"
down_revision = "governance_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    t = "governance_benefit_ratings"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("use_case_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("answer_ref", sa.String(60), nullable=False),
        sa.Column("minutes_saved", sa.Integer, nullable=True),
        sa.Column("satisfied", sa.Boolean, nullable=True),
        sa.Column("rated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["use_case_id"], ["governance_use_cases.id"],
                                name="fk_governance_benefit_ratings_use_case"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=f"fk_{t}_user_id_users",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("user_id", "answer_ref", name=f"uq_{t}_user_id"),
    )
    op.create_index(f"ix_{t}_use_case_id", t, ["use_case_id"])
    op.create_index(f"ix_{t}_user_id", t, ["user_id"])
    op.create_index(f"ix_{t}_rated_at", t, ["rated_at"])
    t = "governance_evaluation_criteria"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("use_case_id", sa.Integer, nullable=False),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("measured", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("updated_by_id", sa.Integer, nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["use_case_id"], ["governance_use_cases.id"],
                                name="fk_governance_evaluation_criteria_use_case"),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=f"fk_{t}_updated_by_id_users"),
    )
    op.create_index(f"ix_{t}_use_case_id", t, ["use_case_id"])


def downgrade() -> None:
    op.drop_index("ix_governance_evaluation_criteria_use_case_id", "governance_evaluation_criteria")
    op.drop_table("governance_evaluation_criteria")
    for column in ("rated_at", "user_id", "use_case_id"):
        op.drop_index(f"ix_governance_benefit_ratings_{column}", "governance_benefit_ratings")
    op.drop_table("governance_benefit_ratings")
