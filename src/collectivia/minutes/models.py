"""A meeting's recording, its transcript and its compte rendu, kept for a short while.

`transcript` and `minutes_json` hold only pseudonymised text: the originals live in
the privacy vault under `scope`, re-identified for the owner when a page is shown,
and erased with the row by the retention purge (`expires_at`). The audio file is a
job input (jobs.progress), deleted as soon as the transcription is over.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from collectivia.core import clock
from collectivia.core.db import Base


class MinutesStatus(StrEnum):
    """Where a meeting stands; stored as its value (a plain string column)."""

    WAITING = "en_attente"       # the transcription job is queued or running
    TRANSCRIBED = "transcrit"    # a transcript, no compte rendu (no model, or drafting failed)
    DRAFTED = "redige"           # a compte rendu, the model's or the agent's
    FAILED = "echec"             # the transcription failed

    @property
    def label(self) -> str:
        return {"en_attente": "transcription en cours", "transcrit": "transcription seule",
                "redige": "compte rendu rédigé", "echec": "échec de la transcription"}[self.value]


class MeetingMinutes(Base):
    __tablename__ = "minutes_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    audio_name: Mapped[str] = mapped_column(String(255), default="")
    audio_format: Mapped[str] = mapped_column(String(10), default="")
    audio_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    job_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=MinutesStatus.WAITING.value)
    transcript: Mapped[str] = mapped_column(Text, default="")       # pseudonymised
    minutes_json: Mapped[str] = mapped_column(Text, default="")     # pseudonymised
    note: Mapped[str] = mapped_column(Text, default="")             # French, for the owner
    transcription_model: Mapped[str] = mapped_column(String(80), default="")
    model: Mapped[str] = mapped_column(String(80), default="")
    edited: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    @property
    def status_label(self) -> str:
        return MinutesStatus(self.status).label
