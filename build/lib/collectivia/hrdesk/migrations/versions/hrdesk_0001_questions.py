"""hrdesk: questions, hand-over tickets, FAQ, feedback

Revision ID: hrdesk_0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "hrdesk_0001"
down_revision = None
branch_labels = ("hrdesk",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "hrdesk_faq",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("refs", sa.String(500), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("ticket_id", sa.Integer, nullable=True),
        sa.Column("created_by_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("uses", sa.Integer, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_hrdesk_faq"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name="fk_hrdesk_faq_created_by_id_users"),
    )
    op.create_table(
        "hrdesk_questions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("citations", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("model", sa.String(120), nullable=False),
        sa.Column("flagged", sa.Boolean, nullable=False),
        sa.Column("faq_id", sa.Integer, nullable=True),
        sa.Column("latency_ms", sa.Integer, nullable=False),
        sa.Column("asked_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hrdesk_questions"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_hrdesk_questions_user_id_users"),
        sa.ForeignKeyConstraint(["faq_id"], ["hrdesk_faq.id"], ondelete="SET NULL",
                                name="fk_hrdesk_questions_faq_id_hrdesk_faq"),
    )
    op.create_index("ix_hrdesk_questions_user_id", "hrdesk_questions", ["user_id"])
    op.create_index("ix_hrdesk_questions_asked_at", "hrdesk_questions", ["asked_at"])
    op.create_table(
        "hrdesk_tickets",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("question_id", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("answered_by_id", sa.Integer, nullable=True),
        sa.Column("answered_at", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hrdesk_tickets"),
        sa.ForeignKeyConstraint(["question_id"], ["hrdesk_questions.id"],
                                name="fk_hrdesk_tickets_question_id_hrdesk_questions"),
        sa.ForeignKeyConstraint(["answered_by_id"], ["users.id"],
                                name="fk_hrdesk_tickets_answered_by_id_users"),
        sa.UniqueConstraint("question_id", name="uq_hrdesk_tickets_question_id"),
    )
    op.create_index("ix_hrdesk_tickets_status", "hrdesk_tickets", ["status"])
    op.create_table(
        "hrdesk_feedback",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("question_id", sa.Integer, nullable=False),
        sa.Column("useful", sa.Boolean, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hrdesk_feedback"),
        sa.ForeignKeyConstraint(["question_id"], ["hrdesk_questions.id"],
                                name="fk_hrdesk_feedback_question_id_hrdesk_questions"),
        sa.UniqueConstraint("question_id", name="uq_hrdesk_feedback_question_id"),
    )


def downgrade() -> None:
    op.drop_table("hrdesk_feedback")
    op.drop_table("hrdesk_tickets")
    op.drop_table("hrdesk_questions")
    op.drop_table("hrdesk_faq")
