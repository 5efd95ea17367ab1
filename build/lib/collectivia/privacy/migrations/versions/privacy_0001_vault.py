"""privacy: pseudonymisation vault

Revision ID: privacy_0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "privacy_0001"
down_revision = None
branch_labels = ("privacy",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "privacy_vault_entries",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("scope", sa.String(120), nullable=False),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("pseudonym", sa.String(80), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("ciphertext", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_privacy_vault_entries"),
        sa.UniqueConstraint("scope", "digest", name="uq_privacy_vault_entries_scope_digest"),
    )
    op.create_index("ix_privacy_vault_entries_scope", "privacy_vault_entries", ["scope"])


def downgrade() -> None:
    op.drop_index("ix_privacy_vault_entries_scope", table_name="privacy_vault_entries")
    op.drop_table("privacy_vault_entries")
