"""llm: model backends declared from the admin page, and their change counter

Revision ID: llm_0003
Revises: llm_0002
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "llm_0003"
down_revision = "llm_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "llm_backends",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("base_url", sa.String(500), nullable=False),
        sa.Column("path", sa.String(500), nullable=False),
        sa.Column("api_key_encrypted", sa.Text, nullable=False),
        sa.Column("timeout", sa.Float, nullable=False),
        sa.Column("connect_timeout", sa.Float, nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("models_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_llm_backends"),
        sa.UniqueConstraint("name", name="uq_llm_backends_name"),
    )
    version = op.create_table(
        "llm_backend_version",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_llm_backend_version"),
    )
    op.bulk_insert(version, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("llm_backend_version")
    op.drop_table("llm_backends")
