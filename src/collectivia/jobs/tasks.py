"""The jobs themselves: each a thin call into its domain's service, safe to run twice.

Names are stable strings (they are stored in the queue table). A task reads
its database from the worker's context, so one `collectivia worker` serves
every collectivité of a centre de gestion (`tenants`). Periodic tasks are
deferred by the worker itself at their hour (Procrastinate's cron), once per
database whatever the number of workers.
"""

from __future__ import annotations

import logging

from procrastinate import App, JobContext, RetryStrategy

from collectivia.core.db import Database

log = logging.getLogger(__name__)

EMBED = "knowledge.embed_pending"
STALLED = "jobs.stalled"
CHECKPOINT = "audit.checkpoint"
# 4 attempts in all: the first, then 3 retries (Procrastinate's `max_attempts` counts the
# retries) after 30 s, 60 s, 90 s (exponential_wait=30 meant 30 s, 15 min, 7.5 h:
# Procrastinate raises that number to the power of the attempt)
RETRY = RetryStrategy(max_attempts=3, wait=30, linear_wait=30)


def _database(context: JobContext) -> Database:
    return context.additional_context["database"]


def embed_pending(context: JobContext) -> int:
    """Vectors of every document still waiting for them (uploads, new legal articles)."""
    from collectivia.knowledge import embedding_jobs

    return embedding_jobs.embed_pending(_database(context))


def recruitment_purge(context: JobContext, timestamp: int) -> None:
    """Candidates' data past the retention period (what `collectivia recruitment purge` does)."""
    from collectivia.recruitment.retention import purge_expired
    from collectivia.settings import get_settings

    with _database(context).session() as session:
        purge_expired(session, get_settings())


def assistant_purge(context: JobContext, timestamp: int) -> None:
    """Conversations past their retention period (what `collectivia assistant purge` does)."""
    from collectivia.assistant.conversations import purge_expired
    from collectivia.settings import get_settings

    with _database(context).session() as session:
        purge_expired(session, get_settings())


def minutes_purge(context: JobContext, timestamp: int) -> None:
    """Transcripts and comptes rendus past their retention (`collectivia minutes purge`)."""
    from collectivia.minutes.service import purge_expired
    from collectivia.settings import get_settings

    with _database(context).session() as session:
        purge_expired(session, get_settings())


def hrdesk_purge(context: JobContext, timestamp: int) -> None:
    """Questions RH past their retention period (questions, opinions, hand-overs answered)."""
    from collectivia.hrdesk.retention import purge_expired
    from collectivia.settings import get_settings

    with _database(context).session() as session:
        purge_expired(session, get_settings())


def knowledge_update(context: JobContext, timestamp: int) -> None:
    """The nightly Légifrance update, when the collectivité has its PISTE application."""
    from collectivia.knowledge.legal.followed import update_from_piste
    from collectivia.settings import get_settings

    settings = get_settings()
    if not settings.legifrance_client_id:
        log.info("Légifrance update skipped: COLLECTIVIA_LEGIFRANCE_CLIENT_ID is not set")
        return
    for outcome in update_from_piste(_database(context), settings):
        log.info("Légifrance: %s", outcome.line())


def audit_checkpoint(context: JobContext, timestamp: int) -> None:
    """A signed checkpoint of the audit chain, appended outside the database
    (`COLLECTIVIA_AUDIT_CHECKPOINT_FILE`): what `collectivia audit checkpoint` does."""
    from collectivia.core import audit_checkpoints

    database, settings = _database(context), _settings(context)
    path = audit_checkpoints.checkpoint_file(settings, database.url)
    audit_checkpoints.write(database, path, to_syslog=settings.audit_checkpoint_syslog,
                            actor_label="Tâche de fond")


def _settings(context: JobContext):
    from collectivia.settings import get_settings

    return context.additional_context.get("settings") or get_settings()


def run_followed(context: JobContext, tracked_id: int) -> None:
    """A job a person follows on its progress page (CV batch, staff import: `jobs.progress`)."""
    from collectivia.jobs import progress

    attempts = context.job.attempts if context.job else 0     # previous attempts
    progress.run(_database(context), _settings(context), tracked_id,
                 last_attempt=attempts >= (RETRY.max_attempts or 0))


async def resume_async(app: App, database: Database, *, reclaim_running: bool) -> None:
    """Queue again the sweep and the followed jobs a stopped process left unfinished, and a
    checkpoint of the audit journal at once (the last one may be days old, or none yet)."""
    import asyncio
    import time

    from collectivia.jobs import progress, queue

    await queue.defer_async(app, EMBED)
    await queue.defer_async(app, CHECKPOINT, queueing_lock=CHECKPOINT, timestamp=int(time.time()))
    for kind, tracked_id in await asyncio.to_thread(progress.unfinished, database,
                                                    reclaim_running=reclaim_running):
        await queue.defer_async(app, kind, queueing_lock=f"suivi-{tracked_id}",
                                tracked_id=tracked_id)


async def requeue_stalled(context: JobContext, timestamp: int) -> int:
    """Followed jobs left "en cours" by a killed worker, silent for longer than `STALE`, are
    queued again (the queue does not deliver a job twice by itself); how many."""
    import asyncio

    from collectivia.jobs import progress, queue

    stalled = await asyncio.to_thread(progress.stalled, _database(context))
    for kind, tracked_id in stalled:
        await queue.defer_async(context.app, kind, queueing_lock=f"suivi-{tracked_id}",
                                tracked_id=tracked_id)
    return len(stalled)


async def forget_old_jobs(context: JobContext, timestamp: int) -> None:
    """Jobs that succeeded more than 30 days ago leave the queue table (failures stay listed);
    followed jobs (CV batches, imports) started more than 30 days ago go with their files."""
    import asyncio

    from collectivia.jobs import progress

    await context.app.job_manager.delete_old_jobs(nb_hours=30 * 24)
    await asyncio.to_thread(progress.forget_old, _database(context), _settings(context))


def register(app: App) -> None:
    """Register every task on `app` (one app per database, see `queue.new_app`)."""
    app.task(name=EMBED, pass_context=True, retry=RETRY, lock="embeddings",
             queueing_lock="embeddings")(embed_pending)
    periodic = [("recruitment.purge", recruitment_purge, "30 2 * * *"),
               ("assistant.purge", assistant_purge, "45 2 * * *"),
               ("minutes.purge", minutes_purge, "50 2 * * *"),
               ("hrdesk.purge", hrdesk_purge, "55 2 * * *"),
               ("knowledge.update", knowledge_update, "0 3 * * *"),
               ("jobs.cleanup", forget_old_jobs, "30 3 * * *"),
               (CHECKPOINT, audit_checkpoint, "7 * * * *"),
               (STALLED, requeue_stalled, "*/5 * * * *")]
    from collectivia.jobs.progress import kinds

    for name in kinds():          # a lock per followed job is its `claim`, not the queue's
        app.task(name=name, pass_context=True, retry=RETRY)(run_followed)
    for name, function, cron in periodic:
        task = app.task(name=name, pass_context=True, retry=RETRY, queueing_lock=name)(function)
        app.periodic(cron=cron, periodic_id=name)(task)
