"""Shadow-AI pages: monthly figures by direction and by service, log import, watched domains."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse

from collectivia.core.confidentiality import MIN_GROUP
from collectivia.core.french import accord
from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.roles import Role, ensure_role
from collectivia.governance import shadow, shadow_report
from collectivia.web.deps import open_session, require_user
from collectivia.web.templating import flash, render

router = APIRouter()

ACCESS: dict[str, frozenset[Role]] = {
    "GET /gouvernance/ia-fantome": frozenset(shadow.READERS),
    "POST /gouvernance/ia-fantome": frozenset(shadow.MANAGERS),
    "GET /gouvernance/ia-fantome/domaines": frozenset(shadow.MANAGERS),
    "POST /gouvernance/ia-fantome/domaines": frozenset(shadow.MANAGERS),
}


def _page(request: Request, session, user, import_id: int | None = None, error: str | None = None,
          status_code: int = 200):
    chosen, by_direction = shadow_report.report(session, user, import_id, "direction")
    _, by_service = shadow_report.report(session, user, chosen.id if chosen else None, "service")
    return render(request, "governance/shadow.html", {
        "chosen": chosen, "by_direction": by_direction, "by_service": by_service,
        "aggregation": shadow_report.aggregation(by_direction),
        "imports": shadow_report.imports(session, user), "threshold": MIN_GROUP,
        "domains_count": len(shadow.watched_domains(session)),
        "can_manage": Role(user.role) in shadow.MANAGERS, "error": error},
        status_code=status_code)


@router.get("/gouvernance/ia-fantome", include_in_schema=False)
def shadow_page(request: Request, import_id: int | None = None):
    with open_session(request) as session:
        user = require_user(request, session)
        return _page(request, session, user, import_id)


@router.post("/gouvernance/ia-fantome", include_in_schema=False)
def import_log(request: Request, fichier: Annotated[UploadFile | None, File()] = None):
    """Three steps, so that counting a log (up to a minute and a half) holds no transaction:
    rights and watchlist read, the log counted with no session open, the aggregates stored
    with the rights checked again. A refused log stores nothing."""
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *shadow.MANAGERS, action="importer un journal de connexions")
        watchlist = shadow.Watchlist.from_database(session)
    try:
        if fichier is None or not fichier.filename:
            raise InvalidInput("Choisissez le fichier journal (CSV) à importer.")
        counted = shadow.count_upload(fichier.file, fichier.filename, watchlist)
        with open_session(request) as session:
            user = require_user(request, session)
            record = shadow.save_import(session, user, counted)
    except CollectiviaError as exc:
        with open_session(request) as session:
            user = require_user(request, session)
            return _page(request, session, user, error=exc.message, status_code=exc.status_code)
    message = (f"Journal importé : {accord(record.lines_total, 'ligne')}, "
               f"{accord(record.lines_matched, 'connexion')} à une IA grand public.")
    if record.lines_malformed:
        ignored = accord(record.lines_malformed, "ligne mal formée ignorée",
                         "lignes mal formées ignorées")
        message += f" {ignored} (détail ci-dessous)."
    flash(request, message, "warning" if record.lines_malformed else "success")
    return RedirectResponse(f"/gouvernance/ia-fantome?import_id={record.id}", status_code=303)


def _domains_page(request: Request, session, text: str | None = None, error: str | None = None,
                  status_code: int = 200):
    domains = shadow.watched_domains(session)
    return render(request, "governance/shadow_domains.html", {
        "text": text if text is not None else shadow.domains_as_text(domains),
        "count": len(domains), "error": error}, status_code=status_code)


@router.get("/gouvernance/ia-fantome/domaines", include_in_schema=False)
def domains_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *shadow.MANAGERS, action="modifier la liste des services d'IA suivis")
        return _domains_page(request, session)


@router.post("/gouvernance/ia-fantome/domaines", include_in_schema=False)
def save_domains(request: Request, domaines: Annotated[str, Form(max_length=500_000)] = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *shadow.MANAGERS, action="modifier la liste des services d'IA suivis")
        try:
            with session.begin_nested():
                count = shadow.save_domains(session, user, domaines)
        except CollectiviaError as exc:
            return _domains_page(request, session, domaines, exc.message, exc.status_code)
        flash(request, f"Liste enregistrée : {count} domaines suivis.")
    return RedirectResponse("/gouvernance/ia-fantome/domaines", status_code=303)
