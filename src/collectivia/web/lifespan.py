"""What each web process does once its app is built, before it answers a request.

Warm-up runs here, inside each worker and after every router is mounted, and
is awaited: the process starts serving (and /healthz answers) only once the
models are loaded. (A warm-up thread started beside the server raced the
app's own start: a login could answer 500 while /healthz said 200.)

On SQLite only, the process also runs the job queue as one task of its event
loop (`collectivia.jobs.queue`): the embedded demo needs no second command.
On PostgreSQL the web process never runs jobs; `collectivia worker` does.

Before serving, each process deletes what an interrupted write left in the
file store (`files.recover_at_start`), as `collectivia worker` does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from collectivia.core.discovery import modules_named
from collectivia.core.files import recover_at_start

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Each domain's `warmup.warm_up()` (heavy models), one after the other."""
    for module in modules_named("warmup"):
        module.warm_up()


async def _run_queue_in_process(app: FastAPI) -> None:
    from collectivia.jobs import queue, tasks

    database = app.state.db
    jobs = queue.app_for(database)
    await jobs.connector.open_async()        # notifications from deferring threads reach this loop
    # resume what a stopped process left pending; its queue died with it, so a job it left
    # "en cours" is nobody's now
    await tasks.resume_async(jobs, database, reclaim_running=True)
    await jobs.run_worker_async(**queue.worker_options(database, wait=True, name="demo",
                                                       settings=app.state.settings))


def databases_served(app: FastAPI) -> list:
    """The databases this process serves: each collectivité's (`COLLECTIVIA_TENANTS`), or the one."""
    router = app.state.tenants
    if not router:
        return [app.state.db]
    served = [router.database(tenant) for tenant in router.tenants.values()]
    return ([app.state.db] if app.state.settings.database_url else []) + served


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = app.state.settings
    await run_in_threadpool(recover_at_start, settings, databases_served(app))
    if settings.warm_up:
        await run_in_threadpool(warm_up)
    runner = None
    if settings.jobs_in_process and not app.state.db.url.startswith("postgresql") \
            and not app.state.tenants:
        runner = asyncio.create_task(_run_queue_in_process(app), name="job queue")
    try:
        yield
    finally:
        if runner is not None:
            runner.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await runner
