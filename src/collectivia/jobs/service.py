"""What the operator sees of the queue, and the two things they may do to it.

Recent jobs, their state, attempts and dates are read through Procrastinate's
own job manager, so the page and `collectivia jobs` show exactly what the
workers see. Beside them, the jobs people wait for (`progress`): what, for
whom, since when and how far.

The queue lets an administrator relaunch a job that failed (Procrastinate's
`retry_job` accepts a failed job) and cancel one still waiting (only a job
nobody has taken: a running one cannot be stopped half-way, its work is
transactional). A followed job that failed is not relaunched here: its input
files were released when it failed, so its owner sends them again. A followed
job cancelled while waiting ends "Échec" with the reason on its progress page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import audit
from collectivia.core.db import Database
from collectivia.core.errors import InvalidInput
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role
from collectivia.jobs.models import JobStatus, TrackedJob
from collectivia.settings import Settings

STATUS_LABELS = {"todo": "en attente", "doing": "en cours", "succeeded": "terminée",
                 "failed": "en échec", "cancelled": "annulée", "aborting": "interruption demandée",
                 "aborted": "interrompue"}
TASK_LABELS = {"knowledge.embed_pending": "Vecteurs des documents déposés",
               "recruitment.purge": "Purge des candidatures (durée de conservation)",
               "assistant.purge": "Purge des conversations (durée de conservation)",
               "hrdesk.purge": "Purge des questions RH et des demandes (durée de conservation)",
               "knowledge.update": "Mise à jour des textes (Légifrance)",
               "jobs.cleanup": "Effacement des tâches terminées depuis 30 jours et des "
                               "traitements suivis lancés depuis 30 jours",
               "jobs.stalled": "Reprise des traitements suivis interrompus (processus arrêté)",
               "audit.checkpoint": "Point de contrôle du journal d'audit"}
CANCELLED = "Annulé par l'administrateur avant son démarrage : rien n'a été enregistré."
NOT_RETRYABLE = "Cette tâche n'est pas en échec (ou n'existe plus) : elle ne peut pas être relancée."
NOT_CANCELLABLE = ("Cette tâche n'est plus en attente (déjà commencée, terminée ou annulée) : elle "
                   "ne peut pas être annulée.")
FOLLOWED_NOT_RETRYABLE = ("Un traitement suivi en échec ne se relance pas d'ici : ses fichiers ont "
                          "été effacés à l'échec. La personne qui l'a lancé peut les déposer à "
                          "nouveau.")


def _followed(task: str) -> bool:
    from collectivia.jobs.progress import kinds

    return task in kinds()


@dataclass
class JobLine:
    id: int
    task: str
    status: str
    attempts: int
    scheduled_at: datetime | None

    @property
    def task_label(self) -> str:
        from collectivia.jobs.progress import kinds

        kind = kinds().get(self.task)
        return TASK_LABELS.get(self.task) or (kind.label if kind else self.task)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def can_retry(self) -> bool:
        return self.status == "failed" and not _followed(self.task)

    @property
    def can_cancel(self) -> bool:
        return self.status == "todo"


@dataclass
class FollowedLine:
    """A job someone waits for, as the administrator sees it (no file names: those are the
    owner's business)."""

    id: int
    label: str
    owner: str
    since: datetime
    status: JobStatus
    done: int
    total: int
    step: str


def recent_jobs(database: Database, limit: int = 200) -> list[JobLine]:
    """The newest jobs first (the in-process queue of SQLite shows this process's jobs)."""
    from collectivia.jobs import queue

    lines = [_line_of(job) for job in queue.app_for(database).job_manager.list_jobs()]
    return sorted(lines, key=lambda line: -line.id)[:limit]


def followed_in_progress(session: Session) -> list[FollowedLine]:
    """Followed jobs waiting or running, the oldest first (the one stuck longest on top)."""
    from collectivia.jobs.progress import kinds

    rows = session.execute(
        select(TrackedJob, User.full_name).join(User, User.id == TrackedJob.owner_id)
        .where(TrackedJob.status.in_((JobStatus.WAITING.value, JobStatus.RUNNING.value)))
        .order_by(TrackedJob.created_at, TrackedJob.id)).all()
    return [FollowedLine(job.id, kinds()[job.kind].label if job.kind in kinds() else job.kind,
                         owner, job.created_at, job.job_status, job.done, job.total, job.step)
            for job, owner in rows]


def jobs_for(database: Database, user: User, limit: int = 200) -> list[JobLine]:
    ensure_role(user, Role.ADMIN, action="consulter les tâches de fond")
    return recent_jobs(database, limit)


def followed_for(session: Session, user: User) -> list[FollowedLine]:
    ensure_role(user, Role.ADMIN, action="consulter les tâches de fond")
    return followed_in_progress(session)


def _job(database: Database, job_id: int):
    """The queue's job of this id, or None."""
    from collectivia.jobs import queue

    found = queue.app_for(database).job_manager.list_jobs(id=job_id)
    return found[0] if found else None


def _line_of(job) -> JobLine:
    return JobLine(job.id or 0, job.task_name, job.status or "", job.attempts, job.scheduled_at)


def retry(database: Database, user: User, job_id: int) -> JobLine:
    """Queue a failed job again, due now (one more attempt); audited."""
    from collectivia.jobs import queue

    ensure_role(user, Role.ADMIN, action="relancer une tâche de fond")
    job = _job(database, job_id)
    line = _line_of(job) if job is not None else None
    if line is not None and line.status == "failed" and _followed(line.task):
        raise InvalidInput(FOLLOWED_NOT_RETRYABLE)
    if line is None or not line.can_retry:
        raise InvalidInput(NOT_RETRYABLE)
    queue.app_for(database).job_manager.retry_job_by_id(job_id, retry_at=datetime.now(UTC))
    _audit(database, user, "jobs.retry", line)
    return line


def cancel(database: Database, settings: Settings, user: User, job_id: int) -> JobLine:
    """Cancel a job nobody has taken yet (the queue refuses any other); a followed job ends
    "Échec" with `CANCELLED` as its reason, and its input files are released. Audited."""
    from collectivia.jobs import progress, queue

    ensure_role(user, Role.ADMIN, action="annuler une tâche de fond")
    job = _job(database, job_id)
    if job is None or not queue.app_for(database).job_manager.cancel_job_by_id(job_id):
        raise InvalidInput(NOT_CANCELLABLE)
    line = _line_of(job)
    tracked_id = job.task_kwargs.get("tracked_id")
    if _followed(line.task) and tracked_id is not None:
        progress.cancel_waiting(database, settings, tracked_id, CANCELLED)
    _audit(database, user, "jobs.cancel", line)
    return line


def _audit(database: Database, user: User, action: str, line: JobLine) -> None:
    with database.session() as session:
        audit.record(session, action, actor=user, object_type="tâche", object_id=line.id,
                     details={"tache": line.task, "libelle": line.task_label})
