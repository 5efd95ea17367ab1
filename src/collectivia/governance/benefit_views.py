"""Pages of the benefits: the one-click "temps gagné" form, the DGS's cost / benefit report,
and the evaluation of each experimentation.

The rating form is a plain POST (CSRF field like every form): without
JavaScript the agent comes back to the answer with a thank-you message; with
it, `benefit.js` sends the same form and answers in place (JSON).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse

from collectivia.core.errors import CollectiviaError
from collectivia.core.exports import csv_response, file_response
from collectivia.core.roles import ALL_ROLES, Role
from collectivia.governance import benefits, evaluation, registry
from collectivia.governance.odt import ODT_TYPE, odt_bytes
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()
READERS = frozenset(benefits.READERS)
ACCESS: dict[str, frozenset[Role]] = {
    "POST /gouvernance/temps-gagne": ALL_ROLES,
    "GET /gouvernance/benefices": READERS,
    "GET /gouvernance/benefices.csv": READERS,
    "GET /gouvernance/benefices.odt": READERS,
}
Short = Annotated[str, Form(max_length=300)]


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _safe_return(path: str) -> str:
    """Back to the answer's page: a path of this site only, never another site's address."""
    if path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path[:300]
    return "/"


def _thanks(minutes: int | None, satisfied: bool | None) -> str:
    parts = []
    if minutes is not None:
        parts.append(f"{minutes} min de temps gagné" if minutes else "aucun temps gagné")
    if satisfied is not None:
        parts.append("réponse satisfaisante" if satisfied else "réponse non satisfaisante")
    return "Merci, votre estimation est enregistrée : " + ", ".join(parts) + "."


@router.post("/gouvernance/temps-gagne", include_in_schema=False)
def rate(request: Request, reponse: Short = "", minutes: Short = "", satisfait: Short = "",
         retour: Short = "/"):
    kind, _, answer_id = reponse.partition(":")
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            minutes_value = benefits.parse_minutes(minutes)
            satisfied = benefits.parse_satisfaction(satisfait)
            with session.begin_nested():
                benefits.rate(session, user, kind, int(answer_id) if answer_id.isdigit() else 0,
                              minutes_value, satisfied)
        except CollectiviaError as exc:
            if _wants_json(request):
                return JSONResponse({"message": exc.message}, status_code=exc.status_code)
            flash(request, exc.message, "error")
            return RedirectResponse(_safe_return(retour), status_code=303)
        message = _thanks(minutes_value, satisfied)
        if _wants_json(request):
            return JSONResponse({"message": message})
        flash(request, message)
    return RedirectResponse(_safe_return(retour), status_code=303)


@router.get("/gouvernance/benefices", include_in_schema=False)
def report_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return render(request, "governance/benefits.html", {
            "report": benefits.report(session, user), "statuses": registry.STATUSES,
            "choices": benefits.MINUTES_CHOICES})


@router.get("/gouvernance/benefices.csv", include_in_schema=False)
def report_csv(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        rows = benefits.summary_rows(benefits.report(session, user), registry.STATUSES)
        return csv_response(session, user, "temps-gagne-et-couts-ia.csv", benefits.SUMMARY_HEADER, rows)


@router.get("/gouvernance/benefices.odt", include_in_schema=False)
def report_odt(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        found = benefits.report(session, user)
        blocks: list[tuple] = [("p", f"{settings_of(request).collectivite_name} — temps gagné déclaré par "
                                     "les agents, coût et énergie des appels aux modèles, douze derniers mois. "
                                     "Le temps gagné est une estimation des agents, donnée en un clic "
                                     "après une réponse ; il n'est pas mesuré.")]
        for b in found:
            blocks.append(("h", 2, b.use_case.title))
            rows = benefits.summary_rows([b], registry.STATUSES)
            blocks.append(("table", benefits.SUMMARY_HEADER[2:], [row[2:] for row in rows]))
            crit = evaluation.criteria(session, user, b.use_case)
            blocks.append(("p", "Évaluation : " + evaluation.verdict(crit)))
        content = odt_bytes("Bilan coûts / bénéfices des usages de l'IA", blocks)
        return file_response(session, user, "bilan-couts-benefices-ia.odt", content, ODT_TYPE, len(found))


# --- evaluation of an experimentation ----------------------------------------------------------

def _evaluation_page(request: Request, session, user, use_case_id: int, error: str | None = None,
                     values: dict | None = None, status_code: int = 200):
    use_case = registry.get(session, user, use_case_id)
    found = evaluation.criteria(session, user, use_case)
    figures = None
    if Role(user.role) in READERS:
        figures = next((b for b in benefits.report(session, user) if b.use_case.id == use_case.id), None)
    return render(request, "governance/evaluation.html", {
        "uc": use_case, "criteria": found, "verdict": evaluation.verdict(found),
        "statuses": evaluation.STATUSES, "use_case_statuses": registry.STATUSES,
        "can_edit": Role(user.role) in evaluation.EDITORS, "figures": figures,
        "error": error, "values": values or {}}, status_code=status_code)


@router.get("/gouvernance/cas-usage/{use_case_id}/evaluation", include_in_schema=False)
def evaluation_page(request: Request, use_case_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        return _evaluation_page(request, session, user, use_case_id)


@router.post("/gouvernance/cas-usage/{use_case_id}/evaluation", include_in_schema=False)
def evaluation_save(request: Request, use_case_id: int, critere: Short = "", intitule: Short = "",
                    cible: Short = "", mesure: Short = "", statut: Short = "",
                    commentaire: Annotated[str, Form(max_length=2000)] = ""):
    values = {"label": intitule, "target": cible, "measured": mesure, "status": statut,
              "note": commentaire}
    with open_session(request) as session:
        user = require_user(request, session)
        use_case = registry.get(session, user, use_case_id)
        try:
            with session.begin_nested():
                evaluation.save(session, user, use_case, values,
                                int(critere) if critere.isdigit() else None)
        except CollectiviaError as exc:
            return _evaluation_page(request, session, user, use_case_id, exc.message,
                                    values | {"critere": critere}, exc.status_code)
        flash(request, "Critère d'évaluation enregistré.")
    return RedirectResponse(f"/gouvernance/cas-usage/{use_case_id}/evaluation", status_code=303)
