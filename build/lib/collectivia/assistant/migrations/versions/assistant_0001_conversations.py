"""assistant: conversations, messages, task prompts, API tokens, retention policy

Revision ID: assistant_0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "assistant_0001"
down_revision = None
branch_labels = ("assistant",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "assistant_conversations",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("scope", sa.String(80), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("task", sa.String(40), nullable=False),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assistant_conversations"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_assistant_conversations_user_id_users", ondelete="CASCADE"),
        sa.UniqueConstraint("scope", name="uq_assistant_conversations_scope"),
    )
    op.create_index("ix_assistant_conversations_user_id", "assistant_conversations", ["user_id"])
    op.create_index("ix_assistant_conversations_updated_at", "assistant_conversations",
                    ["updated_at"])
    op.create_table(
        "assistant_messages",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("conversation_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("sent_text", sa.Text, nullable=False),
        sa.Column("attachment_name", sa.String(200), nullable=False),
        sa.Column("privacy_note", sa.Text, nullable=False),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("prompt_tokens", sa.Integer, nullable=False),
        sa.Column("completion_tokens", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assistant_messages"),
        sa.ForeignKeyConstraint(["conversation_id"], ["assistant_conversations.id"],
                                name="fk_assistant_messages_conversation_id_assistant_conversations",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_assistant_messages_conversation_id", "assistant_messages",
                    ["conversation_id"])
    op.create_table(
        "assistant_task_prompts",
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("instructions", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("updated_by_id", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_assistant_task_prompts"),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"],
                                name="fk_assistant_task_prompts_updated_by_id_users",
                                ondelete="SET NULL"),
    )
    op.create_table(
        "assistant_api_tokens",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_used_at", sa.DateTime, nullable=True),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_assistant_api_tokens"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_assistant_api_tokens_user_id_users", ondelete="CASCADE"),
        sa.UniqueConstraint("token_hash", name="uq_assistant_api_tokens_token_hash"),
    )
    op.create_index("ix_assistant_api_tokens_user_id", "assistant_api_tokens", ["user_id"])
    op.create_table(
        "assistant_policy",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("retention_days", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assistant_policy"),
    )


def downgrade() -> None:
    op.drop_table("assistant_policy")
    op.drop_index("ix_assistant_api_tokens_user_id", "assistant_api_tokens")
    op.drop_table("assistant_api_tokens")
    op.drop_table("assistant_task_prompts")
    op.drop_index("ix_assistant_messages_conversation_id", "assistant_messages")
    op.drop_table("assistant_messages")
    op.drop_index("ix_assistant_conversations_updated_at", "assistant_conversations")
    op.drop_index("ix_assistant_conversations_user_id", "assistant_conversations")
    op.drop_table("assistant_conversations")
