"""Shared fixtures: a fresh database per test (SQLite by default, PostgreSQL on demand).

`COLLECTIVIA_TEST_DATABASE=postgresql` runs the data-layer tests against the
real server on 127.0.0.1:5432: one database is created per test run, migrated
once, and used as a template for a fresh copy per test; all are dropped at
the end. With SQLite the template is a migrated file copied per test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from collectivia.core import clock
from collectivia.core.db import Database
from collectivia.core.demo import load_demo
from collectivia.core.migrate import upgrade
from collectivia.jobs import queue
from collectivia.settings import Settings
from support import USE_POSTGRES, login_as

# The audit chain's HMAC key, explicit as every PostgreSQL deployment must have it, and the
# same in each process a test starts (CLI runs, servers).
os.environ.setdefault("COLLECTIVIA_AUDIT_KEY", "cle-du-journal-des-tests-" + "0" * 24)
PG_ADMIN_URL = os.environ.get("COLLECTIVIA_TEST_PG_ADMIN",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
DB_FIXTURES = {"database", "demo_database", "session", "app", "client", "settings"}


def pytest_collection_modifyitems(items):
    """Tests touching the database are marked `db`: `make test` runs them on PostgreSQL too."""
    for item in items:
        if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def pytest_configure(config):
    config.addinivalue_line("markers", "db: uses the database (run on SQLite and PostgreSQL)")


class _Postgres:
    def __init__(self):
        from sqlalchemy import create_engine

        self.admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        self.prefix = f"collectivia_test_{uuid.uuid4().hex[:8]}"
        self.created: list[str] = []

    def url(self, name: str) -> str:
        return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name

    def create(self, template: str | None = None) -> str:
        from sqlalchemy import text

        name = f"{self.prefix}_{len(self.created)}"
        clause = f" TEMPLATE {template}" if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}{clause}"))
        self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def drop_all(self) -> None:
        for name in reversed(self.created):
            self.drop(name)
        self.admin.dispose()


class Templates:
    """Migrated (and demo-loaded) databases, built once, copied for each test."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.pg = _Postgres() if USE_POSTGRES else None
        self._migrated: str | None = None
        self._demo: str | None = None

    def _build(self, with_demo: bool) -> str:
        if self.pg:
            name = self.pg.create()
            url = self.pg.url(name)
        else:
            name = str(self.tmp / f"template-{'demo' if with_demo else 'empty'}.db")
            url = f"sqlite:///{name}"
        upgrade(url)
        if with_demo:
            db = Database(url)
            with db.session() as session:
                load_demo(session)
            db.dispose()
        return name

    def fresh(self, with_demo: bool) -> str:
        if with_demo:
            self._demo = self._demo or self._build(True)
            template = self._demo
        else:
            self._migrated = self._migrated or self._build(False)
            template = self._migrated
        if self.pg:
            return self.pg.url(self.pg.create(template=template))
        copy = self.tmp / f"test-{uuid.uuid4().hex[:10]}.db"
        shutil.copyfile(template, copy)
        return f"sqlite:///{copy}"

    def close(self) -> None:
        if self.pg:
            self.pg.drop_all()


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Iterator[Templates]:
    t = Templates(tmp_path_factory.mktemp("db"))
    yield t
    t.close()


@pytest.fixture(autouse=True)
def _reset_clock():
    clock.reset()
    yield
    clock.reset()


def _finish_jobs(db: Database) -> None:
    """A queued job must not outlive its database: run what is due, then close its queue."""
    queue.drain(db)
    queue.forget(db)
    db.dispose()


@pytest.fixture
def database(templates) -> Iterator[Database]:
    """A freshly migrated, empty database."""
    db = Database(templates.fresh(with_demo=False))
    yield db
    _finish_jobs(db)


@pytest.fixture
def demo_database(templates) -> Iterator[Database]:
    """A fresh database holding the demo collectivité Admiville."""
    db = Database(templates.fresh(with_demo=True))
    yield db
    _finish_jobs(db)


@pytest.fixture
def session(demo_database):
    with demo_database.session() as s:
        yield s


@pytest.fixture
def settings(tmp_path) -> Settings:
    # jobs run when a test drains the queue (embedding_jobs.wait), not in the app's lifespan
    return Settings(var_dir=tmp_path / "var", secret_key="test-secret-key-" + "x" * 32,
                    login_max_failures=5, jobs_in_process=False, warm_up=False)


@pytest.fixture
def app(settings, demo_database):
    from collectivia.web.app import create_app

    return create_app(settings, demo_database)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def login():
    """`login(client, Role.DPO)` signs the client in as that demo account."""
    return login_as


@pytest.fixture
def upstream():
    """A real OpenAI-protocol server on loopback that records every request it receives."""
    from fake_openai_upstream import FakeUpstream

    server = FakeUpstream("principal").start()
    yield server
    server.stop()


@pytest.fixture
def spare_upstream():
    """A second upstream, for fallback tests."""
    from fake_openai_upstream import FakeUpstream

    server = FakeUpstream("secours", reply_prefix="Secours : ").start()
    yield server
    server.stop()
