"""The administrator's page of background jobs (what `collectivia jobs` prints)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from collectivia.core.roles import Role
from collectivia.jobs import service
from collectivia.web.deps import database, open_session, require_user
from collectivia.web.templating import render

router = APIRouter()
ACCESS = {"GET /admin/taches": frozenset({Role.ADMIN})}


@router.get("/admin/taches")
def jobs_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        lines = service.jobs_for(database(request), user)
    return render(request, "jobs/list.html", {"jobs": lines})
