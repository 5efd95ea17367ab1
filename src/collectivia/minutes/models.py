"""A meeting's recording, its transcript and its compte rendu, kept for a short while.

`transcript` and `minutes_json` hold only pseudonymised text: the originals live in
the privacy vault under `scope`, re-identified for the owner when a page is shown,
and erased with the row by the retention purge (`expires_at`). The audio file is a
job input (jobs.progress), deleted as soon as the transcription is over.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from collectivia.core import clock
from collectivia.core.db import Base


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
    # "en_attente", "transcrit" (no compte rendu), "redige", "echec"
    status: Mapped[str] = mapped_column(String(20), default="en_attente")
    transcript: Mapped[str] = mapped_column(Text, default="")       # pseudonymised
    minutes_json: Mapped[str] = mapped_column(Text, default="")     # pseudonymised
    note: Mapped[str] = mapped_column(Text, default="")             # French, for the owner
    transcription_model: Mapped[str] = mapped_column(String(80), default="")
    model: Mapped[str] = mapped_column(String(80), default="")
    edited: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
