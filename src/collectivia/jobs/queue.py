"""The job queue every domain defers slow work to: Procrastinate, one queue per database.

Why Procrastinate: it is a maintained queue living in PostgreSQL itself, so a
job is claimed once (`SELECT ... FOR UPDATE SKIP LOCKED` inside its own
functions), retried with a policy, visible in a table the operator can list,
and deferred with no broker to run. Web processes only *defer*; `collectivia
worker` (any number of them, on any machine) runs the jobs.

SQLite (the embedded `make demo`) has no Procrastinate backend. There the
queue is Procrastinate's in-memory connector and the web process runs the
worker as one task of its own event loop (`runner`), so the demo needs no
second command. That connector keeps no job across a restart, which is why
every task here is an idempotent sweep of state kept in tables (a document's
`vectors_pending` flag, a posting's closing date): the runner defers the
sweeps again when it starts, and nothing is lost but a retry count.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from procrastinate import App, BaseConnector, PsycopgConnector, exceptions
from procrastinate.testing import InMemoryConnector

from collectivia.core.db import Database

log = logging.getLogger(__name__)

_apps: dict[str, App] = {}          # per database URL: the app web code defers through
_databases: dict[str, Database] = {}
_settings: dict[str, object] = {}   # per database URL: the settings its deferring app runs with
_lock = threading.Lock()


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


def conninfo(url: str) -> str:
    """A libpq URL (psycopg's own) from the SQLAlchemy one: the driver suffix dropped."""
    return "postgresql://" + url.split("://", 1)[1]


def new_app(database: Database) -> App:
    """An unopened Procrastinate app on this database, with every task registered."""
    from collectivia.jobs import tasks

    connector: BaseConnector
    if is_postgres(database.url):
        connector = PsycopgConnector(conninfo=conninfo(database.url), min_size=1, max_size=4)
    else:
        connector = InMemoryConnector()
    app = App(connector=connector)
    tasks.register(app)
    return app


def app_for(database: Database) -> App:
    """The process's app for this database, opened for deferring and listing (cached)."""
    with _lock:
        app = _apps.get(database.url)
        if app is None:
            app = new_app(database)
            app.open()
            _apps[database.url] = app
            _databases[database.url] = database
        return app


def defer(database: Database, task: str, *, lock: str | None = None,
          queueing_lock: str | None = None, settings=None, **kwargs) -> int | None:
    """Queue `task` (its short name, see `tasks`); None when the same job is already waiting.

    Call it after the transaction that made the work necessary is committed:
    the job runs in another process, which must see that work. `settings` are
    the deferring app's (file store, var directory): a job this process runs
    itself (SQLite, tests) runs with them; `collectivia worker` uses its own.
    """
    if settings is not None:
        _settings[database.url] = settings
    try:
        return app_for(database).configure_task(
            name=task, lock=lock, queueing_lock=queueing_lock).defer(**kwargs)
    except exceptions.AlreadyEnqueued:
        return None


async def defer_async(app: App, task: str, *, queueing_lock: str | None = None,
                      **kwargs) -> int | None:
    """`defer` from async code, on an app already opened (the worker's)."""
    try:
        return await app.configure_task(name=task, queueing_lock=queueing_lock
                                        ).defer_async(**kwargs)
    except exceptions.AlreadyEnqueued:
        return None


def worker_options(database: Database, *, wait: bool, name: str = "collectivia",
                   settings=None) -> dict:
    """The worker's arguments; its tasks find the database and settings in their context."""
    from collectivia.settings import get_settings

    settings = settings or _settings.get(database.url) or get_settings()
    return {"wait": wait, "install_signal_handlers": False, "name": name,
            "additional_context": {"database": database, "settings": settings},
            "fetch_job_polling_interval": 1.0 if wait else 0.1,
            "listen_notify": is_postgres(database.url) and wait}


def drain(database: Database) -> None:
    """Run every job due now, then return (tests, and the CLI before it exits).

    On PostgreSQL it is a second worker like any other: a job another worker
    holds is not taken twice. A database this process never deferred to is left alone.
    Called where an event loop already runs (a browser test's thread), it runs in a thread
    of its own.
    """
    if database.url not in _apps:
        return
    if is_postgres(database.url):
        app = new_app(database)

        async def run() -> None:
            async with app.open_async():
                await app.run_worker_async(**worker_options(database, wait=False))
    else:
        async def run() -> None:
            await _apps[database.url].run_worker_async(**worker_options(database, wait=False))
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(run())
        return
    failures: list[BaseException] = []
    thread = threading.Thread(target=lambda: _catching(failures, lambda: asyncio.run(run())))
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def _catching(failures: list[BaseException], call) -> None:
    try:
        call()
    except BaseException as exc:      # noqa: BLE001 - raised again in the calling thread
        failures.append(exc)


def drain_all() -> None:
    """`drain` every database this process deferred to (tests and one-shot commands)."""
    for database in list(_databases.values()):
        drain(database)


def forget(database: Database) -> None:
    """Close this database's app (a test database about to be dropped)."""
    with _lock:
        app = _apps.pop(database.url, None)
        _databases.pop(database.url, None)
        _settings.pop(database.url, None)
    if app is not None:
        app.close()
