"""`collectivia worker` runs the queued jobs; `collectivia jobs` lists them for the operator."""

from __future__ import annotations

import asyncio
import logging
import signal

import typer

from collectivia.core.french import accord


def _databases():
    """The default database and each collectivité's (COLLECTIVIA_TENANTS), once each."""
    from collectivia.core.db import Database
    from collectivia.core.tenants import parse
    from collectivia.settings import get_settings

    settings = get_settings()
    urls = [t.database_url for t in parse(settings.tenants).values()]
    if settings.database_url or not urls:
        urls.insert(0, settings.resolved_database_url())
    return [Database(url) for url in dict.fromkeys(urls)]


async def _run_workers(databases, once: bool, concurrency: int) -> None:
    """One Procrastinate worker per database in this event loop; SIGTERM/SIGINT stop them all
    after the jobs in hand (a job cut by a crash is retried: see the tasks' retry policy)."""
    from collectivia.jobs import queue, tasks

    apps = [queue.new_app(db) for db in databases]
    for app in apps:
        await app.open_async()
    try:
        for app, db in zip(apps, databases, strict=True):   # resume work left pending by a stopped process
            await tasks.resume_async(app, db, reclaim_running=False)
        runs = [asyncio.create_task(app.run_worker_async(
            **queue.worker_options(db, wait=not once), concurrency=concurrency))
            for app, db in zip(apps, databases, strict=True)]
        if not once:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, lambda: [r.cancel() for r in runs])
        await asyncio.gather(*runs, return_exceptions=True)
    finally:
        for app in apps:
            await app.close_async()


def worker(
    once: bool = typer.Option(False, "--once", help="Exécuter les tâches dues puis s'arrêter."),
    concurrency: int = typer.Option(1, help="Tâches menées de front par ce processus."),
) -> None:
    """Run the background jobs (embeddings, purges, nightly updates); start as many as needed."""
    from collectivia.core.files import recover_at_start
    from collectivia.settings import get_settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = get_settings()
    settings.resolved_audit_key()
    settings.check_shared_deployment()
    databases = _databases()
    recover_at_start(settings, databases)     # what a crash left in the file store
    typer.echo(f"Exécution des tâches de fond sur {accord(len(databases), 'base')} de données.")
    try:
        asyncio.run(_run_workers(databases, once, concurrency))
    finally:
        for db in databases:
            db.dispose()


def jobs(limit: int = typer.Option(50, help="Nombre de tâches affichées.")) -> None:
    """List the newest jobs with their state and attempts."""
    from collectivia.jobs import service

    for db in _databases():
        lines = service.recent_jobs(db, limit)
        if not lines:
            typer.echo("Aucune tâche.")
        for line in lines:
            when = f"{line.scheduled_at:%d/%m/%Y %H:%M}" if line.scheduled_at else "—"
            typer.echo(f"{line.id:>7}  {line.status_label:<14} {accord(line.attempts, 'essai'):<9}  "
                       f"{when:<16} {line.task_label}")
        db.dispose()


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    app.command("worker")(worker)
    app.command("jobs")(jobs)
