"""workforce: an import is a draft until HR publishes it; published maps stay browsable

Revision ID: workforce_0002
Revises: workforce_0001
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "workforce_0002"
down_revision = "workforce_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN on both databases (a batch rebuild on SQLite would cascade to the rows)
    op.add_column("workforce_imports", sa.Column("published_at", sa.DateTime, nullable=True))
    op.add_column("workforce_imports", sa.Column("published_by_id", sa.Integer, nullable=True))
    # the maps everyone saw before this version stay visible: they count as published
    op.execute("UPDATE workforce_imports SET published_at = created_at")


def downgrade() -> None:
    op.drop_column("workforce_imports", "published_by_id")     # SQLite >= 3.35: in place
    op.drop_column("workforce_imports", "published_at")
