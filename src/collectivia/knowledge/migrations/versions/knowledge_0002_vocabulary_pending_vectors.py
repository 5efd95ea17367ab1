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
    with op.batch_alter_table("knowledge_documents") as batch:
        batch.add_column(sa.Column("vectors_pending", sa.Boolean, nullable=False,
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
    with op.batch_alter_table("knowledge_documents") as batch:
        batch.drop_column("vectors_pending")
