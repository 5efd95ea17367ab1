"""/comptes-rendus: upload a recording, follow its transcription, read, edit and export the
compte rendu. Every agent may use it, for their own meetings only."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route

from collectivia.assistant.export import DOCX_TYPE
from collectivia.core import clock
from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.exports import file_response
from collectivia.core.roles import ALL_ROLES
from collectivia.jobs import progress
from collectivia.llm import get_router
from collectivia.minutes import service
from collectivia.minutes.audio import FORMATS, Recording, mapped
from collectivia.minutes.drafting import ActionItem, Minutes
from collectivia.minutes.export import minutes_docx
from collectivia.minutes.gateway import audio_transcriptions
from collectivia.web.deps import database, open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()
router.routes.append(Route("/v1/audio/transcriptions", audio_transcriptions, methods=["POST"]))
PAGE = "/comptes-rendus"
ACCESS = {
    f"GET {PAGE}": ALL_ROLES,
    f"POST {PAGE}": ALL_ROLES,
}
# recordings are larger than other uploads: the request guard reads this bound (web.app)
UPLOAD_LIMITS = {PAGE: "minutes_max_audio_bytes",
                 "/v1/audio/transcriptions": "minutes_max_audio_bytes"}
MAX_ACTIONS = 50
BLANK_ACTIONS = 2


def _index(request: Request, session, user, *, errors: dict | None = None, title: str = "",
           status_code: int = 200):
    settings = settings_of(request)
    role_router = get_router(settings, session, user.role)
    return render(request, "minutes/index.html", {
        "title": "Comptes rendus de réunion", "meetings": service.list_for(session, user),
        "transcription": role_router.transcription_available, "drafting": role_router.available,
        "errors": errors or {}, "meeting_title": title, "formats": FORMATS,
        "max_mb": settings.minutes_max_audio_bytes // 1_000_000,
        "max_hours": settings.minutes_max_audio_seconds / 3600,
        "retention_days": settings.minutes_retention_days}, status_code=status_code)


@router.get(PAGE, include_in_schema=False)
def index(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return _index(request, session, user)


def _upload(request: Request, title: str, filename: str, data: Recording):
    settings = settings_of(request)
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            job = service.start(session, user, settings, title, filename, data)
        except CollectiviaError as exc:
            session.rollback()
            field = "titre" if "titre" in exc.message else "enregistrement"
            return _index(request, session, user, errors={field: exc.message}, title=title,
                          status_code=exc.status_code)
        session.commit()
        progress.defer(database(request), settings, job)
        return RedirectResponse(f"/taches/{job.id}", status_code=303)


@router.post(PAGE, include_in_schema=False)
async def upload(request: Request):
    """The recording arrives in a temporary file (bounded by the request guard as it streams),
    is read in place, stored for the job, and the temporary file is closed, so deleted."""
    async with request.form(max_files=1) as form:
        recording = form.get("enregistrement")
        title = str(form.get("titre", ""))[:400]
        if recording is None or isinstance(recording, str) or not recording.filename:
            return await run_in_threadpool(_upload, request, title, "", b"")
        with mapped(recording.file) as data:
            return await run_in_threadpool(_upload, request, title, recording.filename, data)


@router.get(PAGE + "/{meeting_id}", include_in_schema=False)
def detail(request: Request, meeting_id: int, errors: dict | None = None):
    settings = settings_of(request)
    with open_session(request) as session:
        user = require_user(request, session)
        meeting = service.get(session, user, meeting_id)
        minutes = service.minutes_of(session, meeting, settings) or Minutes()
        minutes.actions = list(minutes.actions) + [ActionItem.model_construct(qui="", quoi="", quand="")
                                                   for _ in range(BLANK_ACTIONS)]
        return render(request, "minutes/detail.html", {
            "title": meeting.title, "meeting": meeting, "minutes": minutes,
            "transcript": service.transcript_of(session, meeting, settings),
            "errors": errors or {}}, ai_output=True)


def _minutes_of(form) -> Minutes:
    try:
        count = min(int(form.get("lignes", "0")), MAX_ACTIONS)
    except ValueError:
        count = 0
    actions = []
    for i in range(count):
        qui, quoi, quand = (str(form.get(f"{k}_{i}", "")).strip() for k in ("qui", "quoi", "quand"))
        if quoi:
            actions.append(ActionItem(qui=qui[:300], quoi=quoi[:2000], quand=quand[:200]))
        elif qui or quand:
            raise InvalidInput(f"Action {i + 1} : indiquez ce qu'il faut faire (« Quoi »).")
    decisions = [line.strip() for line in str(form.get("decisions", "")).splitlines() if line.strip()]
    return Minutes(resume=str(form.get("resume", ""))[:20_000], decisions=decisions[:200],
                   actions=actions)


@router.post(PAGE + "/{meeting_id}", include_in_schema=False)
async def save(request: Request, meeting_id: int):
    form = await request.form()
    try:
        minutes = _minutes_of(form)
    except InvalidInput as exc:
        return await run_in_threadpool(detail, request, meeting_id, {"actions": exc.message})
    return await run_in_threadpool(_save, request, meeting_id, minutes)


def _save(request: Request, meeting_id: int, minutes: Minutes):
    with open_session(request) as session:
        user = require_user(request, session)
        service.edit(session, user, settings_of(request), meeting_id, minutes)
    flash(request, "Compte rendu enregistré.")
    return RedirectResponse(f"{PAGE}/{meeting_id}", status_code=303)


@router.post(PAGE + "/{meeting_id}/rediger", include_in_schema=False)
def redraft(request: Request, meeting_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        service.get(session, user, meeting_id)
    service.draft(database(request), settings_of(request), meeting_id, user.id)
    return RedirectResponse(f"{PAGE}/{meeting_id}", status_code=303)


@router.post(PAGE + "/{meeting_id}/supprimer", include_in_schema=False)
def remove(request: Request, meeting_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        service.delete(session, user, meeting_id)
    flash(request, "Compte rendu, transcription et pseudonymes supprimés.")
    return RedirectResponse(PAGE, status_code=303)


@router.get(PAGE + "/{meeting_id}/export.docx", include_in_schema=False)
def export(request: Request, meeting_id: int):
    settings = settings_of(request)
    with open_session(request) as session:
        user = require_user(request, session)
        meeting = service.get(session, user, meeting_id)
        content = minutes_docx(meeting, service.minutes_of(session, meeting, settings),
                               service.transcript_of(session, meeting, settings),
                               settings.collectivite_name, clock.now())
        slug = re.sub(r"[^A-Za-z0-9]+", "-", meeting.title).strip("-")[:50] or "reunion"
        return file_response(session, user, f"compte-rendu-{slug}.docx", content, DOCX_TYPE, 1,
                             compte_rendu=meeting.id)
