"""jobs: the jobs a person waits for (CV batches, staff imports) and their input files

Revision ID: jobs_0002
Revises: jobs_0001
Create Date: 2026-12-06

Unlike Procrastinate's schema, these tables exist on SQLite too: the in-process
runner of the demo reads and resumes them the same way.
"""
import sqlalchemy as sa
from alembic import op

revision = "jobs_0002"
down_revision = "jobs_0001"
branch_labels = None
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "jobs_tracked",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("params_json", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(300), nullable=False),
        sa.Column("state_json", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("notes_json", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("result_url", sa.String(300), nullable=False),
        sa.Column("result_label", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_jobs_tracked_owner_id", "jobs_tracked", ["owner_id"])
    op.create_table(
        "jobs_tracked_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(),
                  sa.ForeignKey("jobs_tracked.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_jobs_tracked_files_job_id", "jobs_tracked_files", ["job_id"])
    op.create_index("ix_jobs_tracked_files_sha256", "jobs_tracked_files", ["sha256"])


def downgrade() -> None:
    op.drop_table("jobs_tracked_files")
    op.drop_table("jobs_tracked")
