"""Pages about people: the AI charter (read, accept, edit, follow) and training sessions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from collectivia.core.french import accord, parse_date
from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.exports import csv_response
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.governance import charter, training
from collectivia.web.deps import local_path, open_session, require_user
from collectivia.web.templating import flash, render

router = APIRouter()

ACCESS: dict[str, frozenset[Role]] = {
    "GET /gouvernance/charte": ALL_ROLES,
    "POST /gouvernance/charte/acceptation": ALL_ROLES,
    "GET /gouvernance/charte/modifier": frozenset(charter.EDITORS),
    "POST /gouvernance/charte/modifier": frozenset(charter.EDITORS),
    "GET /gouvernance/charte/suivi": frozenset(charter.AGGREGATE_READERS),
    "GET /gouvernance/charte/acceptations.csv": frozenset(charter.TRACKERS),
    "GET /gouvernance/formation": ALL_ROLES,
    "POST /gouvernance/formation": frozenset(training.MANAGERS),
}
Text = Annotated[str, Form(max_length=110_000)]
Short = Annotated[str, Form(max_length=300)]


def _next_path(value: str) -> str:
    """Where to go after accepting: only a local path (no open redirect)."""
    return local_path(value, default="/gouvernance")


def _charter_page(request: Request, session, user, error: str | None = None, suivant: str = "",
                  status_code: int = 200):
    current = charter.current(session)
    return render(request, "governance/charter.html", {
        "charter": current, "blocks": charter.blocks(current.body) if current else [],
        "accepted": bool(current and charter.has_accepted(session, user, current)),
        "versions": charter.versions(session, user), "error": error,
        "suivant": _next_path(suivant) if suivant else "",
        "can_edit": Role(user.role) in charter.EDITORS,
        "can_track": Role(user.role) in charter.AGGREGATE_READERS}, status_code=status_code)


@router.get("/gouvernance/charte", include_in_schema=False)
def charter_page(request: Request, suivant: str = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        return _charter_page(request, session, user, suivant=suivant[:200])


@router.post("/gouvernance/charte/acceptation", include_in_schema=False)
def accept(request: Request, version: Short = "", suivant: Short = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            if not version.isdigit():
                raise InvalidInput("Version de la charte manquante : rechargez la page.")
            with session.begin_nested():
                accepted = charter.accept(session, user, int(version))
        except CollectiviaError as exc:
            return _charter_page(request, session, user, exc.message, suivant, exc.status_code)
        flash(request, f"Merci : vous avez accepté la charte (version {accepted.version}).")
    return RedirectResponse(_next_path(suivant) if suivant else "/gouvernance/charte", status_code=303)


def _edit_page(request: Request, session, values: dict | None = None, error: str | None = None,
               status_code: int = 200):
    current = charter.current(session)
    if values is None:
        title, body = (current.title, current.body) if current else charter.default_text()
        values = {"titre": title, "texte": body, "note": ""}
    return render(request, "governance/charter_edit.html", {
        "charter": current, "values": values, "error": error}, status_code=status_code)


@router.get("/gouvernance/charte/modifier", include_in_schema=False)
def edit_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *charter.EDITORS, action="modifier la charte")
        return _edit_page(request, session)


@router.post("/gouvernance/charte/modifier", include_in_schema=False)
def publish(request: Request, titre: Short = "", texte: Text = "", note: Short = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *charter.EDITORS, action="modifier la charte")
        try:
            with session.begin_nested():
                version = charter.publish(session, user, titre, texte, note)
        except CollectiviaError as exc:
            return _edit_page(request, session, {"titre": titre, "texte": texte, "note": note},
                              exc.message, exc.status_code)
        flash(request, f"Version {version.version} de la charte publiée : chaque agent devra l'accepter.")
    return RedirectResponse("/gouvernance/charte", status_code=303)


@router.get("/gouvernance/charte/versions/{number}", include_in_schema=False)
def version_page(request: Request, number: int):
    with open_session(request) as session:
        user = require_user(request, session)
        version = charter.get_version(session, user, number)
        return render(request, "governance/charter_version.html", {
            "version": version, "blocks": charter.blocks(version.body)})


@router.get("/gouvernance/charte/suivi", include_in_schema=False)
def follow_up(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        current, rows = charter.acceptance_by_direction(session, user)
        return render(request, "governance/charter_follow.html", {
            "charter": current, "rows": rows,
            "can_export": Role(user.role) in charter.TRACKERS})


@router.get("/gouvernance/charte/acceptations.csv", include_in_schema=False)
def export(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        rows = charter.export_rows(session, user)
        return csv_response(session, user, "acceptations-charte-ia.csv", charter.EXPORT_HEADER,
                            rows)


def _training_page(request: Request, session, user, error: str | None = None,
                   values: dict | None = None, status_code: int = 200, theme: str = ""):
    role = Role(user.role)
    return render(request, "governance/training.html", {
        "sessions": training.sessions(session, user), "themes": training.THEMES,
        "mine": training.attended_by(session, user),
        "shares": training.share_by_direction(session, user, theme)
        if role in training.AGGREGATE_READERS else None,
        "theme": theme, "can_manage": role in training.MANAGERS,
        "error": error, "values": values or {}}, status_code=status_code)


@router.get("/gouvernance/formation", include_in_schema=False)
def training_page(request: Request, theme: str = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        theme = theme if theme in training.THEMES else ""
        return _training_page(request, session, user, theme=theme)


@router.post("/gouvernance/formation", include_in_schema=False)
def create_training(request: Request, intitule: Short = "", theme: Short = "", date_session: Short = "",
                    duree: Short = "", formateur: Short = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *training.MANAGERS, action="créer une session de formation")
        try:
            try:
                held_on = parse_date(date_session) if date_session else None
                if date_session and held_on is None:
                    raise ValueError(date_session)
                hours = float(duree.replace(",", ".")) if duree else 0.0
            except ValueError as exc:
                raise InvalidInput("Date (JJ/MM/AAAA) ou durée (en heures) invalide.") from exc
            with session.begin_nested():
                created = training.create_session(session, user, intitule, theme, held_on, hours,
                                                  formateur)
        except CollectiviaError as exc:
            values = {"intitule": intitule, "theme": theme, "date_session": date_session,
                      "duree": duree, "formateur": formateur}
            return _training_page(request, session, user, exc.message, values, exc.status_code)
        flash(request, f"Session « {created.title} » créée : enregistrez maintenant les présences.")
    return RedirectResponse(f"/gouvernance/formation/{created.id}", status_code=303)


def _session_page(request: Request, session, user, session_id: int, error: str | None = None,
                  logins: str = "", status_code: int = 200):
    found = training.get_session(session, user, session_id)
    can_manage = Role(user.role) in training.MANAGERS
    return render(request, "governance/training_session.html", {
        "s": found, "themes": training.THEMES, "can_manage": can_manage,
        "attendees": sorted(found.attendances, key=lambda a: a.user.full_name) if can_manage else [],
        "error": error, "logins": logins}, status_code=status_code)


@router.get("/gouvernance/formation/{session_id}", include_in_schema=False)
def session_page(request: Request, session_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        return _session_page(request, session, user, session_id)


@router.post("/gouvernance/formation/{session_id}/presences", include_in_schema=False)
def attendance(request: Request, session_id: int, identifiants: Text = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *training.MANAGERS, action="enregistrer des présences")
        try:
            with session.begin_nested():
                added = training.record_attendance(session, user, session_id, identifiants)
        except CollectiviaError as exc:
            if exc.status_code == 404:
                raise
            return _session_page(request, session, user, session_id, exc.message, identifiants,
                                 exc.status_code)
        flash(request, f"{accord(added, 'présence ajoutée', 'présences ajoutées')}.")
    return RedirectResponse(f"/gouvernance/formation/{session_id}", status_code=303)
