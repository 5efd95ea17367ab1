"""jobs: Procrastinate's own schema (tables, functions, triggers) on PostgreSQL

Revision ID: jobs_0001
Revises:
Create Date: 2026-12-06

Applied from Procrastinate's shipped SQL (`SchemaManager.get_schema()`), the
way its documentation's "apply the schema" step does, but inside our one
`collectivia db upgrade`. SQLite has no Procrastinate backend: nothing to do.
Upgrading Procrastinate later means adding a revision that runs the library's
own migration files for that version.
"""
from contextlib import closing

from alembic import op

revision = "jobs_0001"
down_revision = None
branch_labels = ("jobs",)
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar() is not None:
        return
    from procrastinate.schema import SchemaManager

    # psycopg's own cursor, no parameters: the SQL holds literal '%' signs
    driver = bind.connection.dbapi_connection
    if driver is None:      # only once the connection is closed or invalidated
        raise RuntimeError("no open database connection to create the job queue's schema on")
    with closing(driver.cursor()) as cursor:
        cursor.execute(SchemaManager.get_schema())


def downgrade() -> None:
    raise NotImplementedError("the job queue's schema is not removed by a downgrade")
