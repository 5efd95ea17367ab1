"""Jobs a person waits for: who started it, how far it is, how it ended, in French.

Procrastinate's own table says whether a job ran; it does not say *for whom*
nor *how far*: a recruiter who sent 120 CVs wants "43 / 120", then the
candidatures, and nobody else may read the file names of that batch. So each
such job has a `TrackedJob` row, written by the web request that deferred it
and updated by the job itself in the same transactions as its work (progress
never runs ahead of what is committed). Its input files stay in the file
store, named by `TrackedJobFile` rows (the store keeps a file while a row
names its `sha256`), until the job ends.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from collectivia.core import clock
from collectivia.core.db import Base


class JobStatus(StrEnum):
    WAITING = "en_attente"
    RUNNING = "en_cours"
    DONE = "termine"
    FAILED = "echec"

    @property
    def label(self) -> str:
        return {"en_attente": "En attente", "en_cours": "En cours", "termine": "Terminé",
                "echec": "Échec"}[self.value]

    @property
    def finished(self) -> bool:
        return self in (JobStatus.DONE, JobStatus.FAILED)


UNFINISHED = "status IN ('en_attente', 'en_cours')"


class TrackedJob(Base):
    __tablename__ = "jobs_tracked"
    # one unfinished job per `once_key` (a confirm form sent twice starts one job); the
    # database enforces it, so two requests at once cannot both pass a check
    __table_args__ = (Index("uq_jobs_tracked_once_key_unfinished", "once_key", unique=True,
                            sqlite_where=text(UNFINISHED), postgresql_where=text(UNFINISHED)),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))            # the queue task's name
    once_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    params_json: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(20), default=JobStatus.WAITING.value)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[str] = mapped_column(String(300), default="")
    state_json: Mapped[str] = mapped_column(Text, default="{}")  # the domain's, to resume
    summary: Mapped[str] = mapped_column(Text, default="")
    notes_json: Mapped[str] = mapped_column(Text, default="[]")
    error: Mapped[str] = mapped_column(Text, default="")
    result_url: Mapped[str] = mapped_column(String(300), default="")
    result_label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    @property
    def params(self) -> dict:
        return json.loads(self.params_json or "{}")

    @property
    def state(self) -> dict:
        return json.loads(self.state_json or "{}")

    @property
    def notes(self) -> list[str]:
        return json.loads(self.notes_json or "[]")

    @property
    def job_status(self) -> JobStatus:
        return JobStatus(self.status)


class TrackedJobFile(Base):
    """One uploaded file a job will read from the file store (kept until the job ends)."""

    __tablename__ = "jobs_tracked_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs_tracked.id", ondelete="CASCADE"),
                                        index=True)
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
