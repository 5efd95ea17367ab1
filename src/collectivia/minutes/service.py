"""Comptes rendus from recordings: upload, transcription job, drafting, edits, retention.

The request only checks the file (`audio.inspect`) and the owner's limits, and
queues a followed job (jobs.progress). The job holds the transcription on the
model's limits, the owner's quota and the direction's budget like any model call
(`llm.admission`; a direction over budget transcribes nothing), sends the audio to the declared transcription model,
deletes the audio, pseudonymises the transcript into the meeting's vault scope
and stores only that; then, if a chat model is open to the owner, it asks for
the compte rendu from the pseudonymised text. Pages re-identify for the owner
alone; the purge erases rows and vault scopes after `minutes_retention_days`.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.assistant import protection
from collectivia.core import audit, clock
from collectivia.core.db import Database
from collectivia.core.errors import CollectiviaError, InvalidInput, NotFound
from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.jobs import progress
from collectivia.jobs.models import TrackedJob
from collectivia.llm import Completion, LLMUnavailable, get_router
from collectivia.llm.admission import release
from collectivia.llm.usage import admit_call, admit_transcription, record_call
from collectivia.minutes import drafting
from collectivia.minutes.audio import inspect
from collectivia.minutes.drafting import Minutes
from collectivia.minutes.models import MeetingMinutes, MinutesStatus
from collectivia.settings import Settings

TRANSCRIBE = "minutes.transcribe"
SOURCE = "comptes_rendus"
NOT_YOURS = "Ce compte rendu n'existe pas (ou plus) ou ne vous appartient pas."
BLOCKED = ("La transcription contient des données que la politique de la collectivité interdit "
           "d'envoyer à un modèle d'IA : le compte rendu n'a pas été rédigé automatiquement. "
           "La transcription reste consultable et exportable.")


def transcription_router(session: Session, settings: Settings, user: User):
    return get_router(settings, session, user.role)


def start(session: Session, user: User, settings: Settings, title: str, filename: str,
          data) -> TrackedJob:
    """The cheap part, in the request: a transcription model, a real recording, limits that
    would let it through, the job queued (after the caller's commit) with the audio as its
    only input. `data` is bytes or the upload's mapped temporary file."""
    router = transcription_router(session, settings, user)
    if not router.transcription_available:
        raise LLMUnavailable("Aucun modèle de transcription n'est disponible pour vous : "
                             "l'enregistrement ne peut pas être transcrit.")
    title = " ".join(title.split())[:200]
    if not title:
        raise InvalidInput("Donnez un titre à la réunion (par exemple « Conseil d'école du 4 mars »).")
    info = inspect(data, max_bytes=settings.minutes_max_audio_bytes,
                   max_seconds=settings.minutes_max_audio_seconds)
    # refused now, on the form, rather than in the job: held then given back (the job holds)
    release(session, _hold(session, user, router, info.seconds, settings))
    meeting = MeetingMinutes(owner_id=user.id, scope=f"compte-rendu-{secrets.token_hex(8)}",
                             title=title, audio_name=filename[:255], audio_format=info.format,
                             audio_seconds=info.seconds, created_at=clock.now(),
                             expires_at=clock.now() + timedelta(days=settings.minutes_retention_days))
    session.add(meeting)
    session.flush()
    job = progress.create(session, user, TRANSCRIBE, {"meeting_id": meeting.id},
                          FileStore(settings), [(filename, data)], total=2)
    meeting.job_id = job.id
    audit.record(session, "comptes_rendus.depot", actor=user, object_type="compte_rendu",
                 object_id=meeting.id, details={"format": info.format,
                                                "duree_s": round(info.seconds or 0),
                                                "octets": len(data)})
    return job


def _hold(session: Session, user: User, router, seconds: float | None, settings: Settings):
    return admit_transcription(session, user, router, router.transcription_models()[0],
                               seconds or settings.minutes_max_audio_seconds)


def get(session: Session, user: User, meeting_id: int) -> MeetingMinutes:
    meeting = session.get(MeetingMinutes, meeting_id)
    if meeting is None or meeting.owner_id != user.id:
        raise NotFound(NOT_YOURS)
    return meeting


def list_for(session: Session, user: User) -> list[MeetingMinutes]:
    return list(session.execute(select(MeetingMinutes).where(MeetingMinutes.owner_id == user.id)
                                .order_by(MeetingMinutes.id.desc())).scalars())


# ---- the job ----------------------------------------------------------------------------------

def run_transcription(database: Database, settings: Settings, job: TrackedJob) -> None:
    """Transcribe (unless a previous attempt did), delete the audio, then draft."""
    with database.session() as session:
        user = progress.owner_of(session, job)
        meeting = get(session, user, job.params["meeting_id"])
        done = bool(meeting.transcript)
        router = transcription_router(session, settings, user)
        progress.advance(session, job, done=1 if done else 0, step="Transcription de l'enregistrement")
    if not done:
        (filename, audio), = progress.inputs(database, settings, job.id)
        held = None
        try:
            with database.session() as session:
                held = _hold(session, session.get_one(User, user.id), router,
                             session.get_one(MeetingMinutes, job.params["meeting_id"]).audio_seconds,
                             settings)
            transcript = router.transcribe(audio, filename)
        except Exception as exc:          # whatever failed, nothing stays held on the limits
            with database.session() as session:
                release(session, held)
                meeting = session.get_one(MeetingMinutes, job.params["meeting_id"])
                meeting.status = MinutesStatus.FAILED.value
                meeting.note = exc.message if isinstance(exc, CollectiviaError) else ""
                audit.record(session, "comptes_rendus.transcription", actor=user,
                             object_type="compte_rendu", object_id=meeting.id, outcome="échec",
                             details={"raison": type(exc).__name__})
            raise
        _store_transcript(database, settings, job, transcript, held)
        progress.release_inputs(database, settings, job.id)    # the audio goes at once
    with database.session() as session:
        progress.owner_of(session, job)
        progress.advance(session, job, done=1, step="Rédaction du compte rendu")
    draft(database, settings, job.params["meeting_id"], job.owner_id)
    with database.session() as session:
        meeting = session.get_one(MeetingMinutes, job.params["meeting_id"])
        summary = ("Compte rendu rédigé : relisez-le avant de l'utiliser."
                   if meeting.status == MinutesStatus.DRAFTED else "Transcription prête. " + meeting.note)
        progress.finish(session, job, summary=summary, notes=[],
                        result_url=f"/comptes-rendus/{meeting.id}",
                        result_label=f"Ouvrir « {meeting.title} »")


def _store_transcript(database: Database, settings: Settings, job: TrackedJob, transcript,
                      held) -> None:
    """The transcript, pseudonymised into the meeting's vault scope: never stored in clear."""
    with database.session() as session:
        user = progress.owner_of(session, job)
        meeting = get(session, user, job.params["meeting_id"])
        protected = protection.protect_all(session, [transcript.text], meeting.scope, settings)
        meeting.transcript = protected.texts[0] or " "
        meeting.transcription_model = transcript.model
        meeting.status = MinutesStatus.TRANSCRIBED.value
        meeting.note = BLOCKED if protected.blocked else ""
        router = transcription_router(session, settings, user)
        record_call(session, user, Completion(text="", model=transcript.model, prompt_tokens=0,
                                              completion_tokens=transcript.tokens,
                                              backend=transcript.backend), SOURCE, router, settings,
                    held)
        audit.record(session, "comptes_rendus.transcription", actor=user,
                     object_type="compte_rendu", object_id=meeting.id,
                     details={"modele": transcript.model, "moteur": transcript.backend,
                              "categories": protected.categories, "bloque": protected.blocked})
        progress.advance(session, job, done=1, step="Transcription terminée")


def draft(database: Database, settings: Settings, meeting_id: int, owner_id: int) -> None:
    """Ask the chat model for the compte rendu; without one (or refused), the transcript stays
    alone with a French note saying why. Never raises for a model failure."""
    with database.session() as session:
        user = session.get_one(User, owner_id)
        meeting = get(session, user, meeting_id)
        if meeting.note == BLOCKED:
            return
        router = get_router(settings, session, user.role)
        messages = drafting.messages_for(meeting.transcript)
        admission = None
        try:      # held like any model call: the quota, the direction's budget, model limits
            if router.available:
                admission = admit_call(session, user, router, None,
                                       sum(len(m.content) for m in messages) // 3,
                                       drafting.MAX_ANSWER_TOKENS)
        except CollectiviaError as refusal:
            meeting.note = refusal.message
            return
    try:
        if not router.available:
            raise LLMUnavailable("Aucun modèle de rédaction n'est disponible pour vous : seule la "
                                 "transcription est proposée (consultable et exportable).")
        completion = router.complete(messages, max_tokens=drafting.MAX_ANSWER_TOKENS)
        minutes = drafting.parse(completion.text)
    except Exception as exc:
        with database.session() as session:
            if admission is not None:
                if isinstance(exc, drafting.UnreadableMinutes):   # the call happened: counted
                    record_call(session, session.get(User, owner_id), completion, SOURCE, router,
                                settings, admission)
                else:
                    release(session, admission)
            if not isinstance(exc, CollectiviaError):
                raise
            meeting = session.get_one(MeetingMinutes, meeting_id)
            meeting.note = exc.message
            audit.record(session, "comptes_rendus.redaction", actor=session.get(User, owner_id),
                         object_type="compte_rendu", object_id=meeting_id, outcome="échec",
                         details={"raison": type(exc).__name__})
        return
    with database.session() as session:
        user = session.get_one(User, owner_id)
        meeting = session.get_one(MeetingMinutes, meeting_id)
        meeting.minutes_json = minutes.model_dump_json()
        meeting.model, meeting.status, meeting.note, meeting.edited = (
            completion.model, MinutesStatus.DRAFTED.value, "", False)
        record_call(session, user, completion, SOURCE, router, settings, admission)
        audit.record(session, "comptes_rendus.redaction", actor=user, object_type="compte_rendu",
                     object_id=meeting_id, details={"modele": completion.model,
                                                    "decisions": len(minutes.decisions),
                                                    "actions": len(minutes.actions)})


# ---- reading and editing, for the owner ---------------------------------------------------------

def transcript_of(session: Session, meeting: MeetingMinutes, settings: Settings) -> str:
    return protection.reidentify(session, meeting.transcript, meeting.scope, settings) if (
        meeting.transcript.strip()) else ""


def minutes_of(session: Session, meeting: MeetingMinutes, settings: Settings) -> Minutes | None:
    stored = drafting.loads(meeting.minutes_json)
    if stored is None:
        return None
    return stored.with_texts([protection.reidentify(session, text, meeting.scope, settings)
                              if text else "" for text in stored.texts()])


def edit(session: Session, user: User, settings: Settings, meeting_id: int,
         minutes: Minutes) -> MeetingMinutes:
    """The agent's version replaces the model's, pseudonymised in the same scope."""
    meeting = get(session, user, meeting_id)
    protected = protection.protect_all(session, minutes.texts(), meeting.scope, settings)
    meeting.minutes_json = minutes.with_texts(protected.texts).model_dump_json()
    meeting.edited = True
    meeting.status = MinutesStatus.DRAFTED.value
    audit.record(session, "comptes_rendus.modification", actor=user, object_type="compte_rendu",
                 object_id=meeting.id, details={"decisions": len(minutes.decisions),
                                                "actions": len(minutes.actions)})
    return meeting


def delete(session: Session, user: User, meeting_id: int) -> None:
    meeting = get(session, user, meeting_id)
    _erase(session, meeting)
    audit.record(session, "comptes_rendus.suppression", actor=user, object_type="compte_rendu",
                 object_id=meeting_id)


def _erase(session: Session, meeting: MeetingMinutes) -> None:
    protection.forget(session, meeting.scope)
    session.delete(meeting)


def purge_expired(session: Session, settings: Settings) -> int:
    """Transcripts and comptes rendus past their retention, with their pseudonyms; how many."""
    expired = list(session.execute(select(MeetingMinutes).where(
        MeetingMinutes.expires_at < clock.now())).scalars())
    for meeting in expired:
        _erase(session, meeting)
    if expired:
        audit.record(session, "comptes_rendus.purge", actor_label="système",
                     details={"supprimes": len(expired),
                              "conservation_jours": settings.minutes_retention_days})
    return len(expired)
