"""What the operator sees of the queue: recent jobs, their state, attempts and dates.

Read through Procrastinate's own job manager, so the page and `collectivia
jobs` show exactly what the workers see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from collectivia.core.db import Database
from collectivia.core.models import User
from collectivia.core.roles import Role, ensure_role

STATUS_LABELS = {"todo": "en attente", "doing": "en cours", "succeeded": "terminée",
                 "failed": "en échec", "cancelled": "annulée", "aborting": "interruption demandée",
                 "aborted": "interrompue"}
TASK_LABELS = {"knowledge.embed_pending": "Vecteurs des documents déposés",
               "recruitment.purge": "Purge des candidatures (durée de conservation)",
               "assistant.purge": "Purge des conversations (durée de conservation)",
               "knowledge.update": "Mise à jour des textes (Légifrance)",
               "jobs.cleanup": "Effacement des tâches terminées depuis 30 jours et des "
                               "traitements suivis lancés depuis 30 jours",
               "jobs.stalled": "Reprise des traitements suivis interrompus (processus arrêté)"}


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


def recent_jobs(database: Database, limit: int = 200) -> list[JobLine]:
    """The newest jobs first (the in-process queue of SQLite shows this process's jobs)."""
    from collectivia.jobs import queue

    jobs = queue.app_for(database).job_manager.list_jobs()
    lines = [JobLine(j.id or 0, j.task_name, j.status or "", j.attempts, j.scheduled_at)
             for j in jobs]
    return sorted(lines, key=lambda line: -line.id)[:limit]


def jobs_for(database: Database, user: User, limit: int = 200) -> list[JobLine]:
    ensure_role(user, Role.ADMIN, action="consulter les tâches de fond")
    return recent_jobs(database, limit)
