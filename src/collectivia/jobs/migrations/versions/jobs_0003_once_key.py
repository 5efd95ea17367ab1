"""jobs: at most one unfinished followed job per `once_key` (a confirm form sent twice)

Revision ID: jobs_0003
Revises: jobs_0002
Create Date: 2026-12-06

A partial unique index: finished jobs keep their key without blocking a new
one (an import that failed may be confirmed again); jobs without a key are
not constrained (NULLs are distinct on both databases).
"""
import sqlalchemy as sa
from alembic import op

revision = "jobs_0003"
down_revision = "jobs_0002"
branch_labels = None
depends_on = None

UNFINISHED = "status IN ('en_attente', 'en_cours')"


def upgrade() -> None:
    op.add_column("jobs_tracked", sa.Column("once_key", sa.String(200), nullable=True))
    op.create_index("uq_jobs_tracked_once_key_unfinished", "jobs_tracked", ["once_key"],
                    unique=True, sqlite_where=sa.text(UNFINISHED),
                    postgresql_where=sa.text(UNFINISHED))


def downgrade() -> None:
    op.drop_index("uq_jobs_tracked_once_key_unfinished", "jobs_tracked")
    op.drop_column("jobs_tracked", "once_key")
