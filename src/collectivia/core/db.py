"""Database engine and sessions.

SQLite (WAL) is the embedded default; PostgreSQL (psycopg 3) is selected by
COLLECTIVIA_DATABASE_URL. The schema is only ever created by Alembic
migrations (see `collectivia.core.migrate`), never by `create_all`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` URLs and route them to psycopg 3."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_engine(url: str) -> Engine:
    """SQLite as SQLAlchemy documents it for real transactions ("Serializable isolation /
    Savepoints / Transactional DDL" in the pysqlite dialect notes).

    Left alone, the pysqlite driver emits BEGIN only before an INSERT or
    UPDATE, so a SELECT then INSERT of the audit chain ran in two
    transactions (two requests read the same last hash: "UNIQUE constraint
    failed: audit_events.prev_hash"), and a SAVEPOINT opened outside a
    transaction committed on RELEASE (a batch failing on its 6th file kept
    the first 5). Here the driver's own transaction handling is switched off
    and SQLAlchemy's `begin` emits `BEGIN IMMEDIATE`: each transaction takes
    the single write lock up front, waiting (busy timeout) for the one
    before, instead of failing when a read transaction tries to write; and
    savepoints nest inside it. WAL keeps readers of other processes unblocked.
    """
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None      # the driver never emits BEGIN/COMMIT itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    """An engine and its session factory, owned by the app or the CLI."""

    def __init__(self, url: str):
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        session = self.sessionmaker()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
