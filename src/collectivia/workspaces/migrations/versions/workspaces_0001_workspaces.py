"""workspaces: shared workspaces, their members, documents and conversations

Revision ID: workspaces_0001
Revises:
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "workspaces_0001"
down_revision = None
branch_labels = ("workspaces",)
depends_on = "knowledge_0004"


def _fk(table: str, column: str, target: str, ondelete: str | None = None):
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}",
                                   ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_by_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workspaces"),
        _fk("workspaces", "created_by_id", "users"),
    )
    t = "workspace_members"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("workspace_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        _fk(t, "workspace_id", "workspaces", "CASCADE"),
        _fk(t, "user_id", "users"),
        sa.UniqueConstraint("workspace_id", "user_id", name=f"uq_{t}_workspace_id"),
    )
    op.create_index(f"ix_{t}_workspace_id", t, ["workspace_id"])
    op.create_index(f"ix_{t}_user_id", t, ["user_id"])
    t = "workspace_documents"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("workspace_id", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("added_by_id", sa.Integer, nullable=True),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        _fk(t, "workspace_id", "workspaces", "CASCADE"),
        _fk(t, "document_id", "knowledge_documents", "CASCADE"),
        _fk(t, "added_by_id", "users"),
        sa.UniqueConstraint("document_id", name=f"uq_{t}_document_id"),
    )
    op.create_index(f"ix_{t}_workspace_id", t, ["workspace_id"])
    t = "workspace_conversations"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("workspace_id", sa.Integer, nullable=False),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("shared", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        _fk(t, "workspace_id", "workspaces", "CASCADE"),
        _fk(t, "owner_id", "users"),
    )
    op.create_index(f"ix_{t}_workspace_id", t, ["workspace_id"])
    op.create_index(f"ix_{t}_owner_id", t, ["owner_id"])
    t = "workspace_exchanges"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("conversation_id", sa.Integer, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("sources", sa.Text, nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        _fk(t, "conversation_id", "workspace_conversations", "CASCADE"),
    )
    op.create_index(f"ix_{t}_conversation_id", t, ["conversation_id"])


def downgrade() -> None:
    for table in ("workspace_exchanges", "workspace_conversations", "workspace_documents",
                  "workspace_members", "workspaces"):
        op.drop_table(table)
