"""knowledge: documents with their audience, chunks with their vectors

Revision ID: knowledge_0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "knowledge_0001"
down_revision = None
branch_labels = ("knowledge",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "knowledge_documents",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("version_date", sa.Date, nullable=True),
        sa.Column("audience", sa.String(20), nullable=False),
        sa.Column("allowed_roles", sa.String(300), nullable=False),
        sa.Column("allowed_directions", sa.String(300), nullable=False),
        sa.Column("shipped", sa.Boolean, nullable=False),
        sa.Column("chunk_count", sa.Integer, nullable=False),
        sa.Column("created_by_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_knowledge_documents"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name="fk_knowledge_documents_created_by_id_users"),
    )
    op.create_table(
        "knowledge_chunks",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("ref", sa.String(80), nullable=False),
        sa.Column("is_article", sa.Boolean, nullable=False),
        sa.Column("section", sa.Text, nullable=False),
        sa.Column("heading", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_knowledge_chunks"),
        sa.ForeignKeyConstraint(["document_id"], ["knowledge_documents.id"], ondelete="CASCADE",
                                name="fk_knowledge_chunks_document_id_knowledge_documents"),
    )
    op.create_index("ix_knowledge_chunks_document_id", "knowledge_chunks", ["document_id"])
    op.create_index("ix_knowledge_chunks_ref", "knowledge_chunks", ["ref"])


def downgrade() -> None:
    op.drop_table("knowledge_chunks")
    op.drop_table("knowledge_documents")
