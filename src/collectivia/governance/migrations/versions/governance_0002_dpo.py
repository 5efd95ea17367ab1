"""governance: the DPO's overrides of the art. 30 register, versioned impact assessments (AIPD)

Revision ID: governance_0002
Revises: governance_0001
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "governance_0002"
down_revision = "governance_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    t = "governance_processing_overrides"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("processing_key", sa.String(40), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_by_id", sa.Integer, nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=f"fk_{t}_updated_by_id_users"),
        sa.UniqueConstraint("processing_key", "field", name=f"uq_{t}_processing_key"),
    )
    t = "governance_dpia_versions"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("use_case_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content_json", sa.Text, nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("created_by_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["use_case_id"], ["governance_use_cases.id"],
                                name="fk_governance_dpia_versions_use_case"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=f"fk_{t}_created_by_id_users"),
        sa.UniqueConstraint("use_case_id", "version", name=f"uq_{t}_use_case_id"),
    )
    op.create_index(f"ix_{t}_use_case_id", t, ["use_case_id"])


def downgrade() -> None:
    op.drop_index("ix_governance_dpia_versions_use_case_id", "governance_dpia_versions")
    op.drop_table("governance_dpia_versions")
    op.drop_table("governance_processing_overrides")
