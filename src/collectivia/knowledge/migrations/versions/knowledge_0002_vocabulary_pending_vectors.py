"""knowledge: the collectivité's own vocabulary for the search; vectors computed in the background

Revision ID: knowledge_0002
Revises: knowledge_0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "knowledge_0002"
down_revision = "knowledge_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ALTER TABLE ADD COLUMN on both databases: a batch operation would rebuild the
    # table on SQLite, and dropping the old copy cascades to every chunk (foreign keys are on)
    op.add_column("knowledge_documents", sa.Column("vectors_pending", sa.Boolean, nullable=False,
                                                   server_default=sa.false()))
    op.create_table(
        "knowledge_local_terms",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("term", sa.String(80), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("wording", sa.String(300), nullable=False),
        sa.Column("created_by_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_knowledge_local_terms"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name="fk_knowledge_local_terms_created_by_id_users"),
        sa.UniqueConstraint("key", name="uq_knowledge_local_terms_key"),
    )


def downgrade() -> None:
    op.drop_table("knowledge_local_terms")
    op.drop_column("knowledge_documents", "vectors_pending")     # SQLite >= 3.35: in place
