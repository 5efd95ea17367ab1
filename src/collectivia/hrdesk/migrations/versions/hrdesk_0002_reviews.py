"""hrdesk: "à revoir" flags when a cited article changes; articles cited by a ticket's answer;
the date a question is about

Revision ID: hrdesk_0002
Revises: hrdesk_0001
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "hrdesk_0002"
down_revision = "hrdesk_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("hrdesk_questions", sa.Column("as_of", sa.Date, nullable=True))
    op.add_column("hrdesk_tickets", sa.Column("refs", sa.String(500), nullable=False,
                                              server_default=""))
    op.create_table(
        "hrdesk_reviews",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("faq_id", sa.Integer, nullable=True),
        sa.Column("ticket_id", sa.Integer, nullable=True),
        sa.Column("ref", sa.String(80), nullable=False),
        sa.Column("change", sa.String(20), nullable=False),
        sa.Column("effective", sa.Date, nullable=True),
        sa.Column("old_chunk_id", sa.Integer, nullable=True),
        sa.Column("new_chunk_id", sa.Integer, nullable=True),
        sa.Column("diff", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("resolved_at", sa.DateTime, nullable=True),
        sa.Column("resolved_by_id", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_hrdesk_reviews"),
        sa.ForeignKeyConstraint(["faq_id"], ["hrdesk_faq.id"], ondelete="CASCADE",
                                name="fk_hrdesk_reviews_faq_id_hrdesk_faq"),
        sa.ForeignKeyConstraint(["ticket_id"], ["hrdesk_tickets.id"], ondelete="CASCADE",
                                name="fk_hrdesk_reviews_ticket_id_hrdesk_tickets"),
        sa.ForeignKeyConstraint(["resolved_by_id"], ["users.id"],
                                name="fk_hrdesk_reviews_resolved_by_id_users"),
    )
    op.create_index("ix_hrdesk_reviews_faq_id", "hrdesk_reviews", ["faq_id"])


def downgrade() -> None:
    op.drop_table("hrdesk_reviews")
    op.drop_column("hrdesk_tickets", "refs")
    op.drop_column("hrdesk_questions", "as_of")
