"""knowledge: article versions from Légifrance (validity dates), followed texts and their updates

Revision ID: knowledge_0003
Revises: knowledge_0002
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "knowledge_0003"
down_revision = "knowledge_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch): a rebuilt chunks table would lose nothing, but a rebuilt
    # documents table would cascade its deletion to every chunk on SQLite
    op.add_column("knowledge_chunks", sa.Column("legal_id", sa.String(40), nullable=False,
                                                server_default=""))
    op.add_column("knowledge_chunks", sa.Column("valid_from", sa.Date, nullable=True))
    op.add_column("knowledge_chunks", sa.Column("valid_until", sa.Date, nullable=True))
    op.add_column("knowledge_chunks", sa.Column("status", sa.String(20), nullable=False,
                                                server_default=""))
    op.create_index("ix_knowledge_chunks_valid_until", "knowledge_chunks", ["valid_until"])
    op.create_table(
        "knowledge_legal_sources",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("legal_id", sa.String(40), nullable=False),
        sa.Column("nor", sa.String(20), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("short_title", sa.String(120), nullable=False),
        sa.Column("nature", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("followed", sa.Boolean, nullable=False),
        sa.Column("listed", sa.Boolean, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=True),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("version_date", sa.Date, nullable=True),
        sa.Column("checked_at", sa.DateTime, nullable=True),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_knowledge_legal_sources"),
        sa.ForeignKeyConstraint(["document_id"], ["knowledge_documents.id"], ondelete="SET NULL",
                                name="fk_knowledge_legal_sources_document_id_knowledge_documents"),
        sa.UniqueConstraint("legal_id", name="uq_knowledge_legal_sources_legal_id"),
    )
    op.create_table(
        "knowledge_legal_updates",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("version_date", sa.Date, nullable=True),
        sa.Column("ran_at", sa.DateTime, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        sa.Column("modified", sa.Integer, nullable=False),
        sa.Column("repealed", sa.Integer, nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_knowledge_legal_updates"),
        sa.ForeignKeyConstraint(["source_id"], ["knowledge_legal_sources.id"], ondelete="CASCADE",
                                name="fk_knowledge_legal_updates_source_id_knowledge_legal_sources"),
    )
    op.create_index("ix_knowledge_legal_updates_source_id", "knowledge_legal_updates",
                    ["source_id"])


def downgrade() -> None:
    op.drop_table("knowledge_legal_updates")
    op.drop_table("knowledge_legal_sources")
    op.drop_index("ix_knowledge_chunks_valid_until", "knowledge_chunks")
    for column in ("status", "valid_until", "valid_from", "legal_id"):    # SQLite >= 3.35: in place
        op.drop_column("knowledge_chunks", column)
