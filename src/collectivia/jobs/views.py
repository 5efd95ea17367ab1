"""The administrator's page of background jobs (what `collectivia jobs` prints), and the
progress page of a job a person waits for (a CV batch, a staff import)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse

from collectivia.core.errors import InvalidInput
from collectivia.core.roles import Role
from collectivia.jobs import progress, service
from collectivia.web.deps import database, open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()
ADMIN = frozenset({Role.ADMIN})
# Concrete routes only, as everywhere (the access matrix calls each path as written); relaunching
# and cancelling a job are the administrator's by `service.retry` / `service.cancel` themselves.
ACCESS = {"GET /admin/taches": ADMIN}
REFRESH_SECONDS = 3


@router.get("/admin/taches")
def jobs_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        lines = service.jobs_for(database(request), user)
        followed = service.followed_for(session, user)
    return render(request, "jobs/list.html", {"jobs": lines, "followed": followed})


@router.post("/admin/taches/{job_id}/relancer", include_in_schema=False)
def retry_job(request: Request, job_id: int):
    return _act(request, lambda user: service.retry(database(request), user, job_id),
        "est relancée : un processus de fond la reprend dans un instant.")


@router.post("/admin/taches/{job_id}/annuler", include_in_schema=False)
def cancel_job(request: Request, job_id: int):
    return _act(request, lambda user: service.cancel(
        database(request), settings_of(request), user, job_id), "est annulée.")


def _act(request: Request, action, outcome: str) -> RedirectResponse:
    """Do `action` as the signed-in user, then back to the list with what happened (a refusal
    of the queue, such as a job started meanwhile, is said there too). The action opens its
    own short transactions: the request's is closed first (SQLite has one writer at a time)."""
    with open_session(request) as session:
        user = require_user(request, session)
    try:
        line = action(user)
    except InvalidInput as exc:
        flash(request, exc.message, "error")
    else:
        flash(request, f"La tâche n° {line.id} ({line.task_label}) {outcome}")
    return RedirectResponse("/admin/taches", status_code=303)


@router.get("/taches/{job_id}", include_in_schema=False)
def progress_page(request: Request, job_id: int, auto: int = 1):
    """Survives a reload: everything shown is read from the job's row. Until the job ends the
    page refreshes itself (meta refresh without JavaScript, which `auto=0` stops: RGAA 13.1;
    with it, job-progress.js asks `/taches/{id}/etat` and updates the page in place)."""
    with open_session(request) as session:
        user = require_user(request, session)
        job = progress.follow(session, user, job_id)
        kind = progress.kinds()[job.kind]
        return render(request, "jobs/progress.html", {
            "job": job, "status": job.job_status, "kind_label": kind.label,
            "origin": kind.origin(job.params), "auto": bool(auto), "refresh": REFRESH_SECONDS})


@router.get("/taches/{job_id}/etat", include_in_schema=False)
def progress_state(request: Request, job_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        job = progress.follow(session, user, job_id)
        status = job.job_status
        return JSONResponse({"statut": status.value, "libelle": status.label, "fait": job.done,
                             "total": job.total, "etape": job.step, "termine": status.finished},
                            headers={"Cache-Control": "no-store"})
