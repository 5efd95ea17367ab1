"""The transcription of a recording, run by the job queue and followed by its sender."""

from __future__ import annotations

from sqlalchemy.orm import Session

from collectivia.core.models import User
from collectivia.jobs import progress
from collectivia.minutes import service


def _follow(session: Session, user: User, params: dict) -> None:
    service.get(session, user, params["meeting_id"])


def _origin(params: dict) -> tuple[str, str]:
    return "/comptes-rendus", "Revenir aux comptes rendus"


KINDS = [progress.Kind(name=service.TRANSCRIBE, label="Transcription d'un enregistrement",
                       follow=_follow, run=service.run_transcription, origin=_origin)]
