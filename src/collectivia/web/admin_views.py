"""Administration pages: accounts and roles (admin), the audit log (DPO and admin)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from collectivia.core import audit, audit_checkpoints, users
from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.french import parse_date
from collectivia.core.roles import ROLE_LABELS, Role, ensure_role
from collectivia.web.deps import database, open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()

ShortText = Annotated[str, Form(max_length=300)]


def _form(login: str, nom: str, role: str, service: str, courriel: str, mot_de_passe: str,
          actif: str) -> users.UserForm:
    try:
        service_id = int(service) if service else None
    except ValueError as exc:
        raise InvalidInput("Le service choisi n'existe pas.") from exc
    return users.UserForm(login=login, full_name=nom, role=role, service_id=service_id,
                          email=courriel, password=mot_de_passe, active=actif == "oui")


def _users_page(request: Request, session, actor, error: str | None = None,
                values: dict | None = None, status_code: int = 200):
    return render(request, "admin_users.html", {
        "users": users.list_users(session, actor),
        "services": users.list_services(session),
        "roles": ROLE_LABELS,
        "error": error,
        "values": values or {},
    }, status_code=status_code)


@router.get("/admin/utilisateurs", include_in_schema=False)
def users_page(request: Request):
    with open_session(request) as session:
        actor = require_user(request, session)
        return _users_page(request, session, actor)


@router.post("/admin/utilisateurs", include_in_schema=False)
def create_user(request: Request, login: ShortText = "", nom: ShortText = "",
                role: ShortText = "agent", service: ShortText = "", courriel: ShortText = "",
                mot_de_passe: ShortText = "", actif: ShortText = "oui"):
    with open_session(request) as session:
        actor = require_user(request, session)
        ensure_role(actor, Role.ADMIN, action="créer un compte")
        try:
            with session.begin_nested():
                created = users.create_user(session, actor, _form(
                    login, nom, role, service, courriel, mot_de_passe, actif))
        except CollectiviaError as exc:
            values = {"login": login, "nom": nom, "role": role, "service": service,
                      "courriel": courriel}
            return _users_page(request, session, actor, exc.message, values, exc.status_code)
        flash(request, f"Le compte « {created.login} » a été créé.")
    return RedirectResponse("/admin/utilisateurs", status_code=303)


@router.get("/admin/utilisateurs/{user_id}", include_in_schema=False)
def edit_user_page(request: Request, user_id: int):
    with open_session(request) as session:
        actor = require_user(request, session)
        target = users.get_user(session, actor, user_id)
        return render(request, "admin_user_edit.html", {
            "target": target, "services": users.list_services(session), "roles": ROLE_LABELS})


@router.post("/admin/utilisateurs/{user_id}", include_in_schema=False)
def edit_user(request: Request, user_id: int, nom: ShortText = "", role: ShortText = "",
              service: ShortText = "", courriel: ShortText = "", mot_de_passe: ShortText = "",
              actif: ShortText = "non"):
    with open_session(request) as session:
        actor = require_user(request, session)
        target = users.get_user(session, actor, user_id)
        try:
            with session.begin_nested():
                users.update_user(session, actor, user_id, _form(
                    target.login, nom, role, service, courriel, mot_de_passe, actif))
        except CollectiviaError as exc:
            return render(request, "admin_user_edit.html", {
                "target": target, "services": users.list_services(session),
                "roles": ROLE_LABELS, "error": exc.message}, status_code=exc.status_code)
        flash(request, f"Le compte « {target.login} » a été mis à jour.")
    return RedirectResponse("/admin/utilisateurs", status_code=303)


def _parse_day(value: str) -> datetime | None:
    if not value:
        return None
    day = parse_date(value)
    if day is None:
        raise InvalidInput(f"La date « {value[:20]} » doit être une date valide, au format "
                           "JJ/MM/AAAA.")
    return datetime(day.year, day.month, day.day)


def _filter(action: str, auteur: str, du: str, au: str) -> audit.AuditFilter:
    until = _parse_day(au)
    return audit.AuditFilter(action=action.strip()[:80], actor=auteur.strip()[:200],
                             since=_parse_day(du), until=until + timedelta(days=1) if until else None)


@router.get("/admin/journal", include_in_schema=False)
def audit_page(request: Request, action: str = "", auteur: str = "", du: str = "", au: str = "",
               page: int = 1):
    with open_session(request) as session:
        actor = require_user(request, session)
        flt = _filter(action, auteur, du, au)
        events, total = audit.browse(session, actor, flt, page=page)
        return render(request, "audit.html", {
            "events": events, "total": total, "page": max(page, 1), "per_page": 50,
            "filters": {"action": action, "auteur": auteur, "du": du, "au": au},
            "checkpoint_warning": audit_checkpoints.staleness(settings_of(request),
                                                              database(request).url)})


@router.get("/admin/journal/export.csv", include_in_schema=False)
def audit_export(request: Request, action: str = "", auteur: str = "", du: str = "", au: str = ""):
    with open_session(request) as session:
        actor = require_user(request, session)
        content = audit.export_csv(session, actor, _filter(action, auteur, du, au))
    return Response(content, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="journal-audit.csv"'})


@router.get("/admin/journal/verification", include_in_schema=False)
def audit_verify_page(request: Request):
    with open_session(request) as session:
        actor = require_user(request, session)
        ensure_role(actor, *audit.AUDIT_READERS, action="vérifier le journal d'audit")
        problems = audit.verify(session)
        return render(request, "audit_verify.html", {"problems": problems})
