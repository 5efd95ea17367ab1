"""Jobs a person waits for: deferred by a request, run by the queue, followed on a progress page.

A domain declares its kinds of such jobs in a `background.py` module (`KINDS`,
found by convention like `views.py`): the queue task's name, a French label,
who may follow one (`follow`, the domain's own need-to-know rule, on top of
"only the person who started it") and the work itself (`run`).

The request validates cheaply, calls `create` (the row, its input files in the
file store), commits, then `defer`s. The job `claim`s the row (one runner
only, even if the queue delivered it twice), reports with `advance` in the
same transactions as its work, and ends with `finish` or `fail`; either
releases the input files no row names any more. A domain's refusal
(`CollectiviaError`) ends the job at once with its French message; an
unexpected error puts it back in the queue (retries), and the last retry
ends it with a French reason while the detail goes to the log (and the
queue records the failure).

A runner owns the job by its lease: the `updated_at` it wrote last. Every
write of the runner (`advance`, `finish`, a failure) names it, so a runner
taken over after `STALE` (presumed dead, but only slow) can no longer change
the job: its write finds another lease, raises `Superseded`, and the
transaction holding it — its work with it — is rolled back. A job whose
runner died stays "en cours" until `stalled` finds it (the periodic
`jobs.stalled` task queues it again): the queue does not deliver a job
again by itself.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from sqlalchemy import CursorResult, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.db import Database
from collectivia.core.errors import CollectiviaError, Forbidden, InvalidInput, NotFound
from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.jobs.models import JobStatus, TrackedJob, TrackedJobFile
from collectivia.settings import Settings

log = logging.getLogger(__name__)

# A running job writes its progress at least this often; past it, its runner is presumed
# dead (a killed worker) and another may take the job over. A staff import stores the whole
# table in one transaction, so its lease is not renewed while it runs, only just before
# (`advance` then commit): 15 min leaves a bulk insert of the largest accepted table
# (`workforce.tableau.MAX_BYTES`) ample time. Were one ever slower, the table would still be
# stored once: the first runner's `finish`, in the import's transaction, finds the other's
# lease and the whole first import is rolled back.
STALE = timedelta(minutes=15)
# A followed job, its notes (a batch's file names) and its input files are kept this long:
# long enough to come back to the result, well within the candidatures' own retention.
KEPT = timedelta(days=30)
UNEXPECTED = ("Une erreur inattendue a interrompu le traitement ; ce qui était déjà enregistré "
              "est conservé. L'administrateur en trouve le détail dans le journal du serveur.")
RETRYING = ("Une erreur inattendue a interrompu le traitement ; ce qui était déjà enregistré est "
            "conservé et un nouvel essai est prévu.")
NOT_YOURS = "Ce traitement n'existe pas ou ne vous concerne pas."
GONE = "Le compte qui a lancé ce traitement est désactivé : il n'a pas été poursuivi."
STARTED = "Ce traitement est déjà lancé : il n'est pas lancé une seconde fois."


class Superseded(Exception):
    """This runner's lease was taken over (see the module docstring): it must stop."""


@dataclass(frozen=True)
class Kind:
    """One kind of followed job, declared by its domain (see the module docstring)."""

    name: str                                               # stable: stored in the queue
    label: str                                              # French, for people
    follow: Callable[[Session, User, dict], None]           # raises when this user may not
    run: Callable[[Database, Settings, TrackedJob], None]   # the work, with `advance`/`finish`
    origin: Callable[[dict], tuple[str, str]]               # (url, French label) to go back


@functools.cache
def kinds() -> dict[str, Kind]:
    from collectivia.core.discovery import modules_named

    return {kind.name: kind for module in modules_named("background")
            for kind in getattr(module, "KINDS", ())}


# ---- the request's side -----------------------------------------------------------------------

class AlreadyStarted(InvalidInput):
    """A job with the same `once_key` is waiting or running (`job_id`): no second one."""

    def __init__(self, job_id: int) -> None:
        super().__init__(STARTED)
        self.job_id = job_id


def create(session: Session, owner: User, kind: str, params: dict, store: FileStore,
           files: list[tuple[str, bytes]], total: int, once_key: str | None = None) -> TrackedJob:
    """The job's row and its input files, in the caller's transaction (commit, then `defer`).

    With `once_key` (a draft's import, say), a second job while the first is unfinished is
    refused by the database's unique index (`AlreadyStarted`, naming the first), even when
    two requests create it at the same instant; nothing of the second is kept."""
    job = TrackedJob(kind=kind, owner_id=owner.id, total=total, once_key=once_key,
                     params_json=json.dumps(params, ensure_ascii=False))
    try:
        with session.begin_nested():
            session.add(job)
            session.flush()
    except IntegrityError as exc:
        raise AlreadyStarted(session.execute(select(TrackedJob.id).where(
            TrackedJob.once_key == once_key, TrackedJob.status.in_(
                (JobStatus.WAITING.value, JobStatus.RUNNING.value)))).scalar_one()) from exc
    for position, (filename, data) in enumerate(files):
        session.add(TrackedJobFile(job_id=job.id, position=position, filename=filename[:255],
                                   sha256=store.put(data, session)))
    session.flush()
    return job


def defer(database: Database, settings: Settings, job: TrackedJob) -> None:
    """Queue the job (after its row is committed: the runner must see it)."""
    from collectivia.jobs import queue

    queue.defer(database, job.kind, queueing_lock=f"suivi-{job.id}", settings=settings,
                tracked_id=job.id)


def follow(session: Session, user: User, job_id: int) -> TrackedJob:
    """The job as its owner sees it; anyone else (or an owner who lost the right: the kind's
    `follow` refused) gets the same 404, which does not tell whether the job exists."""
    job = session.get(TrackedJob, job_id)
    kind = kinds().get(job.kind) if job is not None else None
    if job is None or kind is None or job.owner_id != user.id:
        raise NotFound(NOT_YOURS)
    try:
        kind.follow(session, user, job.params)
    except (Forbidden, NotFound) as exc:
        raise NotFound(NOT_YOURS) from exc
    return job


# ---- the job's side ---------------------------------------------------------------------------

def claim(database: Database, job_id: int) -> TrackedJob | None:
    """Mark the job running if nobody runs it (a stale runner counts as nobody); else None.
    The job returned holds this runner's lease in `updated_at`."""
    now = clock.now()
    with database.session() as session:
        taken = cast(CursorResult, session.execute(
            update(TrackedJob).where(TrackedJob.id == job_id, or_(
                TrackedJob.status == JobStatus.WAITING.value,
                (TrackedJob.status == JobStatus.RUNNING.value) & (TrackedJob.updated_at < now - STALE)))
            .values(status=JobStatus.RUNNING.value, updated_at=now))).rowcount
        return session.get(TrackedJob, job_id) if taken else None


def _write(session: Session, job: TrackedJob, **values) -> None:
    """Update the job as its runner, if this runner still holds it (else `Superseded`)."""
    lease = clock.now()
    written = cast(CursorResult, session.execute(update(TrackedJob).where(
        TrackedJob.id == job.id, TrackedJob.status == JobStatus.RUNNING.value,
        TrackedJob.updated_at == job.updated_at).values(**values, updated_at=lease))).rowcount
    if not written:
        raise Superseded(f"job {job.id} was taken over by another runner")
    job.updated_at = lease


def advance(session: Session, job: TrackedJob, *, done: int, total: int | None = None,
            step: str = "", state: dict | None = None) -> None:
    """Progress, in the caller's transaction: it shows when that work is committed."""
    values: dict = {"done": done, "step": step[:300]}
    if total is not None:
        values["total"] = total
    if state is not None:
        values["state_json"] = json.dumps(state, ensure_ascii=False)
    _write(session, job, **values)


def finish(session: Session, job: TrackedJob, *, summary: str, notes: list[str],
           result_url: str, result_label: str) -> None:
    """The job succeeded, in the caller's transaction (the last of its work)."""
    _write(session, job, status=JobStatus.DONE.value, summary=summary, step="",
           notes_json=json.dumps(notes, ensure_ascii=False), result_url=result_url,
           result_label=result_label, finished_at=clock.now())


def _stop(database: Database, job: TrackedJob, **values) -> bool:
    """End or suspend the job as its runner; False when another runner holds it now."""
    try:
        with database.session() as session:
            _write(session, job, **values)
    except Superseded:
        return False
    return True


def _fail(database: Database, job: TrackedJob, reason: str) -> None:
    _stop(database, job, status=JobStatus.FAILED.value, error=reason, step="",
          finished_at=clock.now())


def _release_inputs(database: Database, settings: Settings, job_ids: list[int],
                    *, forget_jobs: bool = False) -> None:
    """Forget the jobs' input files (and, with `forget_jobs`, the jobs themselves); delete the
    files no other row names (an unpacked ZIP, a refused CV)."""
    with database.session() as session:
        digests = list(session.execute(select(TrackedJobFile.sha256)
                                       .where(TrackedJobFile.job_id.in_(job_ids))).scalars())
        session.execute(delete(TrackedJobFile).where(TrackedJobFile.job_id.in_(job_ids)))
        if forget_jobs:
            session.execute(delete(TrackedJob).where(TrackedJob.id.in_(job_ids)))
    with database.session() as session:
        FileStore(settings).discard_unreferenced(session, digests)


def release_inputs(database: Database, settings: Settings, job_id: int) -> None:
    """Let a running job drop its input files early, once it no longer needs them (a
    recording, as soon as it is transcribed); a retry then runs without them."""
    _release_inputs(database, settings, [job_id])


def forget_old(database: Database, settings: Settings) -> int:
    """Jobs started more than `KEPT` ago leave the table with their files, ended or not
    (what the nightly `jobs.cleanup` does); how many were forgotten."""
    with database.session() as session:
        old = list(session.execute(select(TrackedJob.id).where(
            TrackedJob.created_at < clock.now() - KEPT)).scalars())
    if old:
        _release_inputs(database, settings, old, forget_jobs=True)
    return len(old)


def inputs(database: Database, settings: Settings, job_id: int) -> list[tuple[str, bytes]]:
    """The job's input files, in the order they were sent."""
    with database.session() as session:
        rows = session.execute(select(TrackedJobFile.filename, TrackedJobFile.sha256)
                               .where(TrackedJobFile.job_id == job_id)
                               .order_by(TrackedJobFile.position)).all()
    store = FileStore(settings)
    return [(name, store.get(digest)) for name, digest in rows]


def owner_of(session: Session, job: TrackedJob) -> User:
    """The person the job acts for; a deactivated account stops it (French reason)."""
    user = session.get(User, job.owner_id)
    if user is None or not user.active:
        raise CollectiviaError(GONE)
    return user


def run(database: Database, settings: Settings, job_id: int, *, last_attempt: bool) -> None:
    """Run one followed job (what the queue task does); see the module docstring."""
    job = claim(database, job_id)
    if job is None:
        return                       # finished already, or another runner holds it
    kind = kinds()[job.kind]
    try:
        kind.run(database, settings, job)
    except Superseded:
        log.warning("job %s (%s) was taken over by another runner", job_id, job.kind)
        return
    except CollectiviaError as exc:
        _fail(database, job, exc.message)
    except Exception:
        log.exception("job %s (%s) failed", job_id, job.kind)
        if last_attempt:
            _fail(database, job, UNEXPECTED)
            _release_if_finished(database, settings, job_id)
        else:
            _stop(database, job, status=JobStatus.WAITING.value, step=RETRYING)
        raise                        # the queue records the failure, and retries if it may
    _release_if_finished(database, settings, job_id)


def cancel_waiting(database: Database, settings: Settings, job_id: int, reason: str) -> bool:
    """End a job nobody runs yet with `reason` (the administrator cancelled its queue job);
    False when a runner took it meanwhile. Its input files are released."""
    with database.session() as session:
        ended = cast(CursorResult, session.execute(update(TrackedJob).where(
            TrackedJob.id == job_id, TrackedJob.status == JobStatus.WAITING.value).values(
            status=JobStatus.FAILED.value, error=reason, step="", finished_at=clock.now(),
            updated_at=clock.now()))).rowcount
    if ended:
        _release_inputs(database, settings, [job_id])
    return bool(ended)


def _release_if_finished(database: Database, settings: Settings, job_id: int) -> None:
    with database.session() as session:
        finished = JobStatus(session.get_one(TrackedJob, job_id).status).finished
    if finished:
        _release_inputs(database, settings, [job_id])


def stalled(database: Database) -> list[tuple[str, int]]:
    """(task, id) of the jobs "en cours" whose runner has been silent for longer than `STALE`
    (a killed worker): the periodic `jobs.stalled` task queues them again."""
    with database.session() as session:
        return [(kind, job_id) for kind, job_id in session.execute(
            select(TrackedJob.kind, TrackedJob.id).where(
                TrackedJob.status == JobStatus.RUNNING.value,
                TrackedJob.updated_at < clock.now() - STALE)).all()]


def unfinished(database: Database, *, reclaim_running: bool) -> list[tuple[str, int]]:
    """(task, id) of the jobs to queue again at start-up. With `reclaim_running` (the single
    process of SQLite, whose queue died with it) a job left "en cours" waits again."""
    with database.session() as session:
        if reclaim_running:
            session.execute(update(TrackedJob).where(TrackedJob.status == JobStatus.RUNNING.value)
                            .values(status=JobStatus.WAITING.value))
        return [(kind, job_id) for kind, job_id in session.execute(
            select(TrackedJob.kind, TrackedJob.id).where(TrackedJob.status.in_(
                (JobStatus.WAITING.value, JobStatus.RUNNING.value)))).all()]
