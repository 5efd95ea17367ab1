"""security: server-side sessions, atomic login throttles, the keyed audit chain's starting point

Revision ID: core_0002_security
Revises: core_0001
Create Date: 2026-12-06

`login_failures` (one row per failure, counted then written) gives way to
`login_throttles` (one row per key, reserved in one UPDATE). The audit chain
becomes HMAC-keyed from here on: `audit_chain_state` records how many events
were written before, which `audit verify` still checks with plain SHA-256.
"""
import sqlalchemy as sa
from alembic import op

revision = "core_0002_security"
down_revision = "core_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_sessions"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_web_sessions_user_id_users"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_index("ix_web_sessions_last_seen_at", "web_sessions", ["last_seen_at"])
    op.create_table(
        "login_throttles",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("tries", sa.Integer, nullable=False),
        sa.Column("last_try_at", sa.DateTime, nullable=False),
        sa.Column("blocked_until", sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_login_throttles"),
    )
    op.create_index("ix_login_throttles_last_try_at", "login_throttles", ["last_try_at"])
    op.drop_table("login_failures")
    op.create_table(
        "audit_chain_state",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("unkeyed_until_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_chain_state"),
    )
    # the migration point: every event already written predates the key
    op.execute("INSERT INTO audit_chain_state (id, unkeyed_until_id) "
               "SELECT 1, COALESCE(MAX(id), 0) FROM audit_events")


def downgrade() -> None:
    op.drop_table("audit_chain_state")
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("login", sa.String(120), nullable=False),
        sa.Column("client_ip", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_login", "login_failures", ["login"])
    op.create_index("ix_login_failures_client_ip", "login_failures", ["client_ip"])
    op.create_index("ix_login_failures_at", "login_failures", ["at"])
    op.drop_table("login_throttles")
    op.drop_table("web_sessions")
