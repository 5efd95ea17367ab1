"""minutes: meetings' transcripts and comptes rendus (pseudonymised, short retention)

Revision ID: minutes_0001
Revises:
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "minutes_0001"
down_revision = None
branch_labels = ("minutes",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "minutes_meetings",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column("scope", sa.String(80), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("audio_name", sa.String(255), nullable=False),
        sa.Column("audio_format", sa.String(10), nullable=False),
        sa.Column("audio_seconds", sa.Float, nullable=True),
        sa.Column("job_id", sa.Integer, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("transcript", sa.Text, nullable=False),
        sa.Column("minutes_json", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("transcription_model", sa.String(80), nullable=False),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("edited", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_minutes_meetings"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"],
                                name="fk_minutes_meetings_owner_id_users", ondelete="CASCADE"),
        sa.UniqueConstraint("scope", name="uq_minutes_meetings_scope"),
    )
    op.create_index("ix_minutes_meetings_owner_id", "minutes_meetings", ["owner_id"])
    op.create_index("ix_minutes_meetings_expires_at", "minutes_meetings", ["expires_at"])


def downgrade() -> None:
    op.drop_table("minutes_meetings")
