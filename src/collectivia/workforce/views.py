"""Pages of the workforce map under /cartographie (French, server-rendered, no JS needed)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from collectivia.core.french import accord
from collectivia.core.errors import CollectiviaError, InvalidInput, NotFound
from collectivia.core.exports import XLSX_TYPE
from collectivia.core.roles import Role, ensure_role
from collectivia.jobs import progress
from collectivia.web.deps import database, open_session, require_user, settings_of
from collectivia.web.templating import flash, render
from collectivia.workforce import background, exports, report, service
from collectivia.workforce import results as results_mod
from collectivia.workforce.matching import MatchMode
from collectivia.workforce.reference import (
    ExposureSource, annex_reproduction, inet_jobs, occupation)
from collectivia.workforce.tableau import FIELDS, MAX_BYTES, NOT_KEPT

router = APIRouter()

ABANDON_TOO_LATE = ("Cet import est déjà lancé : il ne peut plus être abandonné. Une fois "
                    "terminé, vous pourrez le supprimer de la liste des imports.")
HR = frozenset(service.HR)
READERS = frozenset(service.READERS)
ACCESS: dict[str, frozenset[Role]] = {
    "GET /cartographie": READERS,
    "GET /cartographie/import": HR,
    "POST /cartographie/import": HR,
    "GET /cartographie/revue": HR,
    "POST /cartographie/revue": HR,
    "GET /cartographie/metiers": READERS,
    "GET /cartographie/annexe": READERS,
    "GET /cartographie/export.xlsx": READERS,
    "GET /cartographie/rapport": READERS,
    "GET /cartographie/rapport.pdf": READERS,
}


def _source(value: str) -> ExposureSource:
    try:
        return ExposureSource(value or "inet")
    except ValueError as exc:
        raise InvalidInput("Mesure d'exposition inconnue : choisissez INET, OIT 2023 ou OIT 2025."
                           ) from exc


@router.get("/cartographie", include_in_schema=False)
def results_page(request: Request, source: str = "inet", import_id: int | None = None):
    with open_session(request) as session:
        user = require_user(request, session)
        staff_import = service.current_import(session, user, import_id)
        chosen = _source(source)
        context: dict[str, Any] = {"sources": list(ExposureSource), "source": chosen, "import": staff_import,
                   "warning": results_mod.WARNING, "is_hr": user.role == Role.GESTIONNAIRE_RH,
                   "published": service.published_imports(session, user)}
        if staff_import is not None:
            analysis = service.analysis_of(session, user, staff_import)
            context["results"] = results_mod.build(analysis, chosen,
                                                   protected=results_mod.protects(user))
            context["to_review"] = sum(1 for a, _ in analysis.titles()
                                       if a.method in ("à vérifier", "aucun"))
        return render(request, "workforce/index.html", context, ai_output=True)


# --- import ---------------------------------------------------------------------------

@router.get("/cartographie/import", include_in_schema=False)
def import_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return render(request, "workforce/import.html", {
            "imports": service.list_imports(session, user), "max_mb": MAX_BYTES // 1_000_000})


@router.post("/cartographie/import", include_in_schema=False)
def upload(request: Request, fichier: UploadFile | None = File(None)):
    """A plain `def` (run in a thread); the file is parsed in the sandbox with no transaction
    open, so the SQLite write lock is not held while it is read."""
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.HR, action="importer le tableau des effectifs")
    try:
        if fichier is None or not fichier.filename:
            raise InvalidInput("Choisissez le fichier du tableau des effectifs (.csv ou .xlsx).")
        data = fichier.file.read(MAX_BYTES + 1)
        token = service.stage_upload(settings_of(request), user, data, fichier.filename)
    except CollectiviaError as exc:
        with open_session(request) as session:
            return render(request, "workforce/import.html", {
                "imports": service.list_imports(session, user), "error": exc.message,
                "max_mb": MAX_BYTES // 1_000_000}, status_code=exc.status_code)
    return RedirectResponse(f"/cartographie/import/{token}", status_code=303)


def _preview_page(request: Request, preview: service.Preview, mode: str,
                  error: str | None = None, status_code: int = 200):
    return render(request, "workforce/preview.html", {
        "p": preview, "fields": FIELDS, "not_kept": NOT_KEPT, "mode": mode, "error": error,
        "sample": preview.records[:5]}, status_code=status_code)


@router.get("/cartographie/import/{token}", include_in_schema=False)
def preview_page(request: Request, token: str):
    with open_session(request) as session:
        user = require_user(request, session)
        preview = service.preview(session, user, settings_of(request), token)
        return _preview_page(request, preview, MatchMode.FUZZY.value)


@router.post("/cartographie/import/{token}", include_in_schema=False)
async def confirm(request: Request, token: str):
    """The draft is loaded and matched in a thread: a large table must not hold the event loop;
    the import itself is queued (`background`) and followed on its progress page."""
    from starlette.concurrency import run_in_threadpool

    form = {k: str(v) for k, v in (await request.form()).items()}
    return await run_in_threadpool(_confirm, request, token, form)


def _confirm(request: Request, token: str, form: dict[str, str]):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.HR, action="importer le tableau des effectifs")
        settings = settings_of(request)
        action = form.get("action", "verifier")
        queued = background.queued_import(session, user, token)
        if action == "abandonner" and queued is not None:
            flash(request, ABANDON_TOO_LATE, "error")
            return RedirectResponse(f"/taches/{queued.id}", status_code=303)
        if action == "abandonner":
            service.discard_draft(settings, user, token)
            flash(request, "Import abandonné : rien n'a été enregistré.", "info")
            return RedirectResponse("/cartographie/import", status_code=303)
        mode = MatchMode.EXACT if form.get("mode") == "exact" else MatchMode.FUZZY
        mapping_form = {k: form.get(k, "") for k in (*FIELDS, *NOT_KEPT)}
        if action != "importer":
            try:
                preview = service.preview(session, user, settings, token, mapping_form, mode)
            except InvalidInput as exc:
                preview = service.preview(session, user, settings, token, None, mode)
                return _preview_page(request, preview, mode.value, exc.message, 422)
            return _preview_page(request, preview, mode.value)
        try:
            with session.begin_nested():
                job = background.start_import(session, user, settings, token, mapping_form, mode)
        except background.AlreadyQueued as exc:
            flash(request, exc.message, "info")
            return RedirectResponse(f"/taches/{exc.job.id}", status_code=303)
        except InvalidInput as exc:
            try:
                preview = service.preview(session, user, settings, token, mapping_form, mode)
            except InvalidInput:
                preview = service.preview(session, user, settings, token, None, mode)
            return _preview_page(request, preview, mode.value, exc.message, 422)
    progress.defer(database(request), settings, job)
    return RedirectResponse(f"/taches/{job.id}", status_code=303)


@router.post("/cartographie/imports/{import_id}/publier", include_in_schema=False)
def publish_import(request: Request, import_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        if service.publish_import(session, user, import_id):
            flash(request, "Cartographie publiée : c'est désormais celle que voient le référent IA, "
                           "les représentants du personnel et l'administrateur.")
        else:
            flash(request, "Cette cartographie était déjà publiée.", "info")
    return RedirectResponse(f"/cartographie?import_id={import_id}", status_code=303)


@router.post("/cartographie/imports/{import_id}/supprimer", include_in_schema=False)
def delete_import(request: Request, import_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        service.delete_import(session, user, import_id)
        flash(request, "L'import et ses lignes d'agents ont été supprimés.")
    return RedirectResponse("/cartographie/import", status_code=303)


# --- review of titles -------------------------------------------------------------------

@router.get("/cartographie/revue", include_in_schema=False)
def review_page(request: Request, tous: int = 0):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.HR, action="valider le rapprochement des métiers")
        staff_import = service.current_import(session, user)
        titles = []
        if staff_import is not None:
            titles = service.analysis_of(session, user, staff_import).titles()
        shown = titles if tous else [(a, n) for a, n in titles if a.method != "exact"]
        return render(request, "workforce/review.html", {
            "import": staff_import, "titles": shown, "all_count": len(titles), "tous": tous,
            "inet_jobs": inet_jobs()})


@router.post("/cartographie/revue", include_in_schema=False)
async def review(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.HR, action="valider le rapprochement des métiers")
        form = await request.form()
        changed = 0
        # one click on a proposal's button confirms it ("<row>|inet:<INET title>")
        row, _, confirmed = str(form.get("confirmer", "")).partition("|")
        if confirmed and f"titre_{row}" in form:
            changed += service.decide_title(session, user, str(form[f"titre_{row}"]), confirmed)
        for key in form:
            if not key.startswith("titre_"):
                continue
            i = key.removeprefix("titre_")
            choice = str(form.get(f"choix_{i}", ""))
            if choice == "autre":
                choice = "inet:" + str(form.get(f"metier_{i}", "")).strip()
            elif choice == "isco":
                choice = "isco:" + str(form.get(f"isco_{i}", "")).strip()
            if choice:
                changed += service.decide_title(session, user, str(form[key]), choice)
        decided = accord(changed, "décision de rapprochement enregistrée",
                         "décisions de rapprochement enregistrées")
        future = "elle s'appliquera" if changed == 1 else "elles s'appliqueront"
        flash(request, f"{decided} ; {future} aussi aux prochains imports." if changed
              else "Aucun changement.", "success" if changed else "info")
    return RedirectResponse("/cartographie/revue", status_code=303)


# --- tasks, annex ----------------------------------------------------------------------

@router.get("/cartographie/metiers", include_in_schema=False)
def jobs_page(request: Request, source: str = "oit2025"):
    with open_session(request) as session:
        user = require_user(request, session)
        staff_import = service.current_import(session, user)
        jobs = []
        if staff_import is not None:
            analysis = service.analysis_of(session, user, staff_import)
            jobs = results_mod.build(analysis, _source(source), charts=False,
                                     protected=results_mod.protects(user)).jobs
        return render(request, "workforce/jobs.html", {"jobs": jobs, "import": staff_import},
                      ai_output=True)


@router.get("/cartographie/metiers/{isco08}", include_in_schema=False)
def tasks_page(request: Request, isco08: str):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.READERS, action="consulter la cartographie des métiers")
        occ = occupation(isco08)
        if occ is None:
            raise NotFound(f"Aucun score OIT pour le code ISCO-08 « {isco08[:8]} ».")
        tasks = sorted(occ.tasks, key=lambda t: -(t.score_2025 or 0))
        inet = [j for j in inet_jobs() if j.isco08 == isco08]
        return render(request, "workforce/tasks.html", {"occ": occ, "tasks": tasks, "inet": inet})


@router.get("/cartographie/annexe", include_in_schema=False)
def annex_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *service.READERS, action="consulter la cartographie des métiers")
        rows = annex_reproduction()
        return render(request, "workforce/annex.html", {
            "rows": rows, "disagreements": [r for r in rows if not r.agrees]})


# --- exports ----------------------------------------------------------------------------

def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d")


@router.get("/cartographie/export.xlsx", include_in_schema=False)
def export_xlsx(request: Request, source: str = "inet"):
    with open_session(request) as session:
        user = require_user(request, session)
        staff_import = service.current_import(session, user)
        if staff_import is None:
            raise NotFound("Aucun tableau des effectifs n'a encore été importé.")
        analysis = service.analysis_of(session, user, staff_import)
        is_hr = user.role == Role.GESTIONNAIRE_RH
        data = exports.workbook(analysis, _source(source), with_agents=is_hr,
                                protected=not is_hr, title=f"Import du "
                                f"{staff_import.created_at:%d/%m/%Y} ({staff_import.filename})")
        service.audit_export(session, user, staff_import, "xlsx", with_agents=is_hr)
    return Response(data, media_type=XLSX_TYPE, headers={
                        "Content-Disposition":
                        f'attachment; filename="cartographie-metiers-{_stamp()}.xlsx"'})


@router.get("/cartographie/rapport", include_in_schema=False)
def report_html(request: Request, source: str = "inet"):
    with open_session(request) as session:
        user = require_user(request, session)
        staff_import = service.current_import(session, user)
        html = report.render_report(session, user, staff_import, _source(source),
                                    request.app.state.settings.collectivite_name)
        if staff_import is not None:
            service.audit_export(session, user, staff_import, "html", with_agents=False)
    return Response(html, media_type="text/html; charset=utf-8")


@router.get("/cartographie/rapport.pdf", include_in_schema=False)
def report_pdf(request: Request, source: str = "inet"):
    with open_session(request) as session:
        user = require_user(request, session)
        staff_import = service.current_import(session, user)
        html = report.render_report(session, user, staff_import, _source(source),
                                    request.app.state.settings.collectivite_name)
        if staff_import is not None:
            service.audit_export(session, user, staff_import, "pdf", with_agents=False)
    return Response(report.to_pdf(html), media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="rapport-cartographie-{_stamp()}.pdf"'})
