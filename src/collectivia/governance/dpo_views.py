"""The DPO's pages: the register of processing activities (art. 30) and the impact assessments (AIPD).

The DPO writes; the référent IA and the administrator read. Every save and
every download is an audit event (downloads through `core.exports`).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from collectivia.core.errors import InvalidInput
from collectivia.core.exports import csv_response, file_response
from collectivia.core.roles import Role, ensure_role
from collectivia.governance import dpia, processing, registry
from collectivia.governance.odt import ODT_TYPE, odt_bytes
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.templating import flash, render, templates

router = APIRouter()
READERS = frozenset(processing.READERS) | frozenset(dpia.READERS)
EDITORS = frozenset(processing.EDITORS) | frozenset(dpia.EDITORS)
ACCESS: dict[str, frozenset[Role]] = {
    "GET /gouvernance/traitements": frozenset(processing.READERS),
    "GET /gouvernance/traitements.csv": frozenset(processing.READERS),
    "GET /gouvernance/traitements.odt": frozenset(processing.READERS),
    "GET /gouvernance/aipd": frozenset(dpia.READERS),
}


def _form_values(form, names) -> dict[str, str]:
    return {name: str(form.get(name, ""))[:20_000] for name in names}


# --- register of processing activities ---------------------------------------------------------

@router.get("/gouvernance/traitements", include_in_schema=False)
def register_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return render(request, "governance/processing.html", {
            "entries": processing.entries(session, user, settings_of(request)),
            "fields": processing.FIELDS, "missing": processing.uncatalogued_packages(),
            "can_edit": Role(user.role) in EDITORS})


@router.get("/gouvernance/traitements.csv", include_in_schema=False)
def register_csv(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        rows = processing.rows(processing.entries(session, user, settings_of(request)))
        return csv_response(session, user, "registre-des-traitements.csv", processing.HEADER, rows)


@router.get("/gouvernance/traitements.odt", include_in_schema=False)
def register_odt(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        settings = settings_of(request)
        found = processing.entries(session, user, settings)
        blocks: list[tuple] = [("p", f"{settings.collectivite_name} — registre des activités de traitement "
                                     "(RGPD, article 30).")]
        for e in found:
            blocks.append(("h", 2, e.processing.name))
            blocks.append(("table", ["Rubrique", "Contenu"],
                           [[label, e.values[key]] for key, label in processing.FIELDS.items()]))
        content = odt_bytes("Registre des activités de traitement", blocks)
        return file_response(session, user, "registre-des-traitements.odt", content, ODT_TYPE, len(found))


def _processing_form(request: Request, session, user, key: str, values=None, errors=None,
                     status_code: int = 200):
    ensure_role(user, *processing.EDITORS, action="compléter le registre des traitements")
    found = processing.entry(session, user, settings_of(request), key)
    return render(request, "governance/processing_edit.html", {
        "e": found, "fields": processing.FIELDS, "values": values or found.values,
        "errors": errors or {}, "max": processing.MAX_FIELD}, status_code=status_code)


@router.get("/gouvernance/traitements/{key}", include_in_schema=False)
def processing_page(request: Request, key: str):
    with open_session(request) as session:
        user = require_user(request, session)
        return _processing_form(request, session, user, key[:40])


@router.post("/gouvernance/traitements/{key}", include_in_schema=False)
async def processing_save(request: Request, key: str):
    values = _form_values(await request.form(), processing.FIELDS)

    def run():
        with open_session(request) as session:
            user = require_user(request, session)
            ensure_role(user, *processing.EDITORS, action="compléter le registre des traitements")
            errors = processing.validate(values)
            if errors:
                return _processing_form(request, session, user, key[:40], values, errors, 422)
            with session.begin_nested():
                changed = processing.save_overrides(session, user, settings_of(request), key[:40], values)
            flash(request, f"Registre enregistré ({changed} rubrique(s) modifiée(s)).")
        return RedirectResponse("/gouvernance/traitements", status_code=303)
    return await run_in_threadpool(run)


# --- impact assessments ------------------------------------------------------------------------

@router.get("/gouvernance/aipd", include_in_schema=False)
def dpia_list(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        latest = dpia.latest_by_use_case(session, user)
        return render(request, "governance/dpia_list.html", {
            "items": registry.browse(session, user), "latest": latest, "decisions": dpia.DECISIONS,
            "statuses": registry.STATUSES})


def _context(use_case, version, versions):
    return {"uc": use_case, "v": version, "c": version.content if version else {},
            "versions": versions, "sections": dpia.SECTIONS, "risks": dpia.RISKS,
            "risk_fields": dpia.RISK_FIELDS, "levels": dpia.LEVELS, "decisions": dpia.DECISIONS,
            "level": dpia.level, "rf": dpia.risk_field}


@router.get("/gouvernance/cas-usage/{use_case_id}/aipd", include_in_schema=False)
def dpia_page(request: Request, use_case_id: int, version: int | None = None):
    with open_session(request) as session:
        user = require_user(request, session)
        found = dpia.versions(session, user, use_case_id)
        shown = dpia.version_of(session, user, use_case_id, version)
        return render(request, "governance/dpia.html", {
            **_context(registry.get(session, user, use_case_id), shown, found),
            "can_edit": Role(user.role) in EDITORS})


def _edit_page(request: Request, session, user, use_case_id: int, values: dict, errors=None,
               status_code: int = 200):
    return render(request, "governance/dpia_edit.html", {
        **_context(registry.get(session, user, use_case_id), None, []), "values": values,
        "errors": errors or {}}, status_code=status_code)


@router.get("/gouvernance/cas-usage/{use_case_id}/aipd/modifier", include_in_schema=False)
def dpia_edit(request: Request, use_case_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        values = dpia.draft(session, user, settings_of(request), use_case_id)
        return _edit_page(request, session, user, use_case_id, values)


@router.post("/gouvernance/cas-usage/{use_case_id}/aipd", include_in_schema=False)
async def dpia_save(request: Request, use_case_id: int):
    values = _form_values(await request.form(), dpia.field_names())

    def run():
        with open_session(request) as session:
            user = require_user(request, session)
            try:
                with session.begin_nested():
                    saved = dpia.save(session, user, use_case_id, values)
            except dpia.InvalidAssessment as exc:
                return _edit_page(request, session, user, use_case_id, values, exc.errors, exc.status_code)
            flash(request, f"Analyse d'impact enregistrée (version {saved.version}).")
        return RedirectResponse(f"/gouvernance/cas-usage/{use_case_id}/aipd", status_code=303)
    return await run_in_threadpool(run)


def _export_version(session, user, use_case_id: int, version: int | None):
    shown = dpia.version_of(session, user, use_case_id, version)
    if shown is None:
        raise InvalidInput("Cette analyse d'impact n'a encore aucune version enregistrée.")
    return registry.get(session, user, use_case_id), shown


@router.get("/gouvernance/cas-usage/{use_case_id}/aipd.odt", include_in_schema=False)
def dpia_odt(request: Request, use_case_id: int, version: int | None = None):
    with open_session(request) as session:
        user = require_user(request, session)
        use_case, shown = _export_version(session, user, use_case_id, version)
        return file_response(session, user, f"aipd-cas-usage-{use_case_id}-v{shown.version}.odt",
                             dpia.to_odt(use_case, shown), ODT_TYPE, 1, version=shown.version)


@router.get("/gouvernance/cas-usage/{use_case_id}/aipd.pdf", include_in_schema=False)
def dpia_pdf(request: Request, use_case_id: int, version: int | None = None):
    with open_session(request) as session:
        user = require_user(request, session)
        use_case, shown = _export_version(session, user, use_case_id, version)
        html = templates.env.get_template("governance/dpia_print.html").render(
            collectivite=settings_of(request).collectivite_name, **_context(use_case, shown, []))
        return file_response(session, user, f"aipd-cas-usage-{use_case_id}-v{shown.version}.pdf",
                             dpia.to_pdf(html), "application/pdf", 1, version=shown.version)
