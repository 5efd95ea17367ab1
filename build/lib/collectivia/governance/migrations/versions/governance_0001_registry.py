"""governance: use-case registry, boussole, charter, training, shadow-AI aggregates

Revision ID: governance_0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "governance_0001"
down_revision = None
branch_labels = ("governance",)
depends_on = "core_0001"


def _users_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["users.id"], name=f"fk_{table}_{column}_users")


# Foreign keys between governance tables get short explicit names: the
# convention's full form exceeds PostgreSQL's 63-character identifier limit.


def upgrade() -> None:
    t = "governance_use_cases"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("need", sa.Text, nullable=False),
        sa.Column("service_id", sa.Integer, nullable=True),
        sa.Column("proposer_id", sa.Integer, nullable=True),
        sa.Column("data_involved", sa.Text, nullable=False),
        sa.Column("expected_gain", sa.Text, nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("data_categories_json", sa.Text, nullable=False),
        sa.Column("personal_data", sa.Boolean, nullable=False),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("hosting", sa.String(20), nullable=False),
        sa.Column("supplier", sa.String(200), nullable=False),
        sa.Column("human_oversight", sa.Text, nullable=False),
        sa.Column("platform_module", sa.String(40), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("success_criteria", sa.Text, nullable=False),
        sa.Column("experiment_until", sa.Date, nullable=True),
        sa.Column("decision", sa.Text, nullable=False),
        sa.Column("decided_by_id", sa.Integer, nullable=True),
        sa.Column("decided_at", sa.DateTime, nullable=True),
        sa.Column("ai_act_level", sa.String(20), nullable=True),
        sa.Column("ai_act_answers_json", sa.Text, nullable=False),
        sa.Column("ai_act_result_json", sa.Text, nullable=False),
        sa.Column("classified_at", sa.DateTime, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=f"fk_{t}_service_id_services"),
        _users_fk(t, "proposer_id"),
        _users_fk(t, "decided_by_id"),
        sa.UniqueConstraint("platform_module", name=f"uq_{t}_platform_module"),
    )
    op.create_index(f"ix_{t}_status", t, ["status"])

    t = "governance_use_case_events"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("use_case_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor_id", sa.Integer, nullable=True),
        sa.Column("actor_name", sa.String(200), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=False),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["use_case_id"], ["governance_use_cases.id"],
                                name=f"fk_{t}_use_case"),
        _users_fk(t, "actor_id"),
    )
    op.create_index(f"ix_{t}_use_case_id", t, ["use_case_id"])

    t = "governance_boussole_scores"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("use_case_id", sa.Integer, nullable=False),
        sa.Column("criterion", sa.String(60), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("assessed_by_id", sa.Integer, nullable=True),
        sa.Column("assessed_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["use_case_id"], ["governance_use_cases.id"],
                                name=f"fk_{t}_use_case"),
        _users_fk(t, "assessed_by_id"),
        sa.UniqueConstraint("use_case_id", "criterion", name=f"uq_{t}_use_case_id"),
    )

    t = "governance_charter_versions"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("note", sa.String(300), nullable=False),
        sa.Column("created_by_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        _users_fk(t, "created_by_id"),
        sa.UniqueConstraint("version", name=f"uq_{t}_version"),
    )

    t = "governance_charter_acceptances"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("charter_version_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("accepted_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["charter_version_id"], ["governance_charter_versions.id"],
                                name=f"fk_{t}_version"),
        _users_fk(t, "user_id"),
        sa.UniqueConstraint("charter_version_id", "user_id", name=f"uq_{t}_charter_version_id"),
    )
    op.create_index(f"ix_{t}_user_id", t, ["user_id"])

    t = "governance_training_sessions"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("theme", sa.String(20), nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("duration_hours", sa.Float, nullable=False),
        sa.Column("trainer", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )

    t = "governance_training_attendances"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["session_id"], ["governance_training_sessions.id"],
                                name=f"fk_{t}_session"),
        _users_fk(t, "user_id"),
        sa.UniqueConstraint("session_id", "user_id", name=f"uq_{t}_session_id"),
    )
    op.create_index(f"ix_{t}_user_id", t, ["user_id"])

    t = "governance_ai_domains"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("domain", sa.String(253), nullable=False),
        sa.Column("service_label", sa.String(120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.UniqueConstraint("domain", name=f"uq_{t}_domain"),
    )

    t = "governance_shadow_imports"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("imported_by_id", sa.Integer, nullable=True),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("lines_total", sa.Integer, nullable=False),
        sa.Column("lines_malformed", sa.Integer, nullable=False),
        sa.Column("lines_matched", sa.Integer, nullable=False),
        sa.Column("malformed_json", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        _users_fk(t, "imported_by_id"),
    )

    t = "governance_shadow_counts"
    op.create_table(
        t,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("import_id", sa.Integer, nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("connections", sa.Integer, nullable=False),
        sa.Column("distinct_users", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.ForeignKeyConstraint(["import_id"], ["governance_shadow_imports.id"],
                                name=f"fk_{t}_import"),
    )
    op.create_index(f"ix_{t}_import_id", t, ["import_id"])


def downgrade() -> None:
    for table in ("governance_shadow_counts", "governance_shadow_imports", "governance_ai_domains",
                  "governance_training_attendances", "governance_training_sessions",
                  "governance_charter_acceptances", "governance_charter_versions",
                  "governance_boussole_scores", "governance_use_case_events",
                  "governance_use_cases"):
        op.drop_table(table)
