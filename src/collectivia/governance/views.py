"""Gouvernance IA pages: overview, use-case registry, AI Act questionnaire, register, committee.

The charter, training and shadow-AI pages live in `people_views.py` and
`shadow_views.py`, the DPO's in `dpo_views.py` and `subject_views.py`, the
benefits and evaluations in `benefit_views.py`; their routers and access tables
are merged here, where the platform looks for them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.french import parse_date
from collectivia.core.exports import csv_response, record_export
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.core.users import list_services
from collectivia.governance import aiact, charter, people_views, reference, register, registry
from collectivia.governance import benefit_views, committee, dpo_views, shadow_views, subject_views
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.modules import MODULES
from collectivia.web.templating import flash, render

router = APIRouter()

MANAGERS = frozenset(registry.MANAGERS)
PROPOSERS = frozenset(registry.PROPOSERS)
COMMITTEE = frozenset(register.COMMITTEE)
ACCESS: dict[str, frozenset[Role]] = {
    "GET /gouvernance": ALL_ROLES,
    "GET /gouvernance/cas-usage": ALL_ROLES,
    "GET /gouvernance/cas-usage.csv": ALL_ROLES,
    "GET /gouvernance/cas-usage/nouveau": PROPOSERS,
    "POST /gouvernance/cas-usage": PROPOSERS,
    "GET /gouvernance/classification": ALL_ROLES,
    "POST /gouvernance/classification": ALL_ROLES,
    "GET /gouvernance/registre": ALL_ROLES,
    "GET /gouvernance/registre.json": ALL_ROLES,
    "GET /gouvernance/registre.csv": ALL_ROLES,
    "GET /gouvernance/comite": COMMITTEE,
    **people_views.ACCESS,
    **shadow_views.ACCESS,
    **dpo_views.ACCESS,
    **benefit_views.ACCESS,
    **subject_views.ACCESS,
}
Text = Annotated[str, Form(max_length=5000)]
Short = Annotated[str, Form(max_length=300)]


def _parse_date(value: str, label: str) -> date | None:
    if not value.strip():
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise InvalidInput(f"La date « {label} » doit être une date valide, au format JJ/MM/AAAA.")
    return parsed


def _parse_id(value: str, label: str) -> int | None:
    if not value.strip():
        return None
    if not value.strip().isdigit():
        raise InvalidInput(f"{label} : choix invalide.")
    return int(value)


@router.get("/gouvernance", include_in_schema=False)
def overview(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        mine = [u for u in registry.browse(session, user) if u.proposer_id == user.id]
        current = charter.current(session)
        return render(request, "governance/overview.html", {
            "mine": mine, "statuses": registry.STATUSES,
            "charter": current,
            "charter_accepted": bool(current and charter.has_accepted(session, user, current)),
            "can_propose": Role(user.role) in PROPOSERS,
            "is_manager": Role(user.role) in MANAGERS,
            "is_committee": Role(user.role) in COMMITTEE,
        })


@router.get("/gouvernance/cas-usage", include_in_schema=False)
def use_cases(request: Request, statut: str = "", q: str = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        items = registry.browse(session, user, statut[:20], q[:100])
        return render(request, "governance/use_cases.html", {
            "items": items, "statuses": registry.STATUSES, "statut": statut, "q": q,
            "can_propose": Role(user.role) in PROPOSERS, "level_label": aiact.level_label})


@router.get("/gouvernance/cas-usage.csv", include_in_schema=False)
def use_cases_csv(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        rows = register.registry_rows(session, user)
        return csv_response(session, user, "registre-cas-usage-ia.csv", register.REGISTRY_HEADER,
                            rows)


def _proposal_page(request: Request, session, error: str | None = None, values: dict | None = None,
                   status_code: int = 200, matches: list | None = None):
    return render(request, "governance/propose.html", {
        "services": list_services(session), "values": values or {}, "error": error,
        "matches": matches, "reference": reference.dgafp(),
        "reference_cases": reference.dgafp_use_cases()}, status_code=status_code)


@router.get("/gouvernance/cas-usage/nouveau", include_in_schema=False)
def propose_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *PROPOSERS, action="proposer un cas d'usage")
        return _proposal_page(request, session, values={"service": str(user.service_id or "")})


@router.post("/gouvernance/cas-usage", include_in_schema=False)
def propose(request: Request, intitule: Short = "", besoin: Text = "", service: Short = "",
            donnees: Text = "", gain: Text = "", action: Short = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *PROPOSERS, action="proposer un cas d'usage")
        values = {"intitule": intitule, "besoin": besoin, "service": service,
                  "donnees": donnees, "gain": gain}
        if action == "apercu":  # compare with the DGAFP list before sending; nothing is saved
            return _proposal_page(request, session, values=values,
                                  matches=reference.similar_reference_cases(f"{intitule} {besoin}"))
        try:
            with session.begin_nested():
                created = registry.propose(session, user, registry.Proposal(
                    title=intitule, need=besoin, service_id=_parse_id(service, "Service"),
                    data_involved=donnees, expected_gain=gain))
        except CollectiviaError as exc:
            return _proposal_page(request, session, exc.message, values, exc.status_code)
        flash(request, f"Votre proposition n° {created.id} est enregistrée : le référent IA va l'instruire.")
        return RedirectResponse(f"/gouvernance/cas-usage/{created.id}", status_code=303)


def _detail_page(request: Request, session, user, use_case_id: int, error: str | None = None,
                 status_code: int = 200, values: dict | None = None):
    use_case = registry.get(session, user, use_case_id)
    return render(request, "governance/use_case.html", {
        "uc": use_case, "statuses": registry.STATUSES,
        "next_statuses": registry.next_statuses(use_case),
        "hosting": registry.HOSTING, "categories": registry.DATA_CATEGORIES,
        "modules": registry.PLATFORM_MODULES, "matches": registry.reference_matches(use_case),
        "module_paths": {m.key: m.path for m in MODULES},
        "boussole": registry.boussole_view(use_case), "scale": reference.scale(),
        "result": use_case.ai_act_result, "level_label": aiact.level_label,
        "is_manager": Role(user.role) in MANAGERS,
        "can_edit": registry.can_edit_sheet(user, use_case),
        "error": error, "values": values or {}}, status_code=status_code)


@router.get("/gouvernance/cas-usage/{use_case_id}", include_in_schema=False)
def use_case_page(request: Request, use_case_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        return _detail_page(request, session, user, use_case_id)


@router.post("/gouvernance/cas-usage/{use_case_id}/statut", include_in_schema=False)
def change_status(request: Request, use_case_id: int, statut: Short = "", decision: Text = "",
                  criteres: Text = "", fin: Short = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *MANAGERS, action="instruire un cas d'usage")
        try:
            with session.begin_nested():
                moved = registry.change_status(
                    session, user, use_case_id, statut, note=decision, success_criteria=criteres,
                    experiment_until=_parse_date(fin, "fin de l'expérimentation"))
        except CollectiviaError as exc:
            values = {"statut": statut, "decision": decision, "criteres": criteres, "fin": fin}
            return _detail_page(request, session, user, use_case_id, exc.message, exc.status_code,
                                values)
        flash(request, f"Cas d'usage passé à « {registry.STATUSES[moved.status]} ».")
    return RedirectResponse(f"/gouvernance/cas-usage/{use_case_id}", status_code=303)


def _sheet_page(request: Request, session, user, use_case_id: int, error: str | None = None,
                status_code: int = 200):
    use_case = registry.get(session, user, use_case_id)
    if not registry.can_edit_sheet(user, use_case):
        ensure_role(user, *MANAGERS, action="compléter la fiche d'un cas d'usage")
    return render(request, "governance/sheet.html", {
        "uc": use_case, "hosting": registry.HOSTING, "categories": registry.DATA_CATEGORIES,
        "modules": registry.PLATFORM_MODULES, "error": error}, status_code=status_code)


@router.get("/gouvernance/cas-usage/{use_case_id}/fiche", include_in_schema=False)
def sheet_page(request: Request, use_case_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        return _sheet_page(request, session, user, use_case_id)


@router.post("/gouvernance/cas-usage/{use_case_id}/fiche", include_in_schema=False)
def save_sheet(request: Request, use_case_id: int, finalite: Text = "",
               categories: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI default
               donnees_personnelles: Short = "non", modele: Short = "", hebergement: Short = "inconnu",
               fournisseur: Short = "", controle_humain: Text = "", module: Short = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            with session.begin_nested():
                registry.update_sheet(session, user, use_case_id, registry.Sheet(
                    purpose=finalite, data_categories=categories[:20],
                    personal_data=donnees_personnelles == "oui", model=modele, hosting=hebergement,
                    supplier=fournisseur, human_oversight=controle_humain, platform_module=module))
        except CollectiviaError as exc:
            if exc.status_code == 403:
                raise
            return _sheet_page(request, session, user, use_case_id, exc.message, exc.status_code)
        flash(request, "La fiche du cas d'usage est enregistrée.")
    return RedirectResponse(f"/gouvernance/cas-usage/{use_case_id}", status_code=303)


def _answers_of(form: FormData) -> dict:
    """Questionnaire answers from a form: yes/no fields as strings, choices as lists."""
    answers: dict = {}
    for question in aiact.questions():
        if question["type"] == "choices":
            answers[question["id"]] = [str(v)[:60] for v in form.getlist(question["id"])][:30]
        else:
            answers[question["id"]] = str(form.get(question["id"], ""))[:10]
    return answers


def _questionnaire(request: Request, *, action: str, answers: dict, result=None, uc=None,
                   error: str | None = None, status_code: int = 200):
    return render(request, "governance/classification.html", {
        "questions": aiact.questions(), "answers": answers, "result": result, "uc": uc,
        "action": action, "error": error, "source": aiact.rules()["source"]},
        status_code=status_code)


@router.get("/gouvernance/classification", include_in_schema=False)
def simulator_page(request: Request):
    with open_session(request) as session:
        require_user(request, session)
        return _questionnaire(request, action="/gouvernance/classification", answers={})


@router.post("/gouvernance/classification", include_in_schema=False)
async def simulator(request: Request):
    form = await request.form()
    answers = _answers_of(form)

    def run():
        with open_session(request) as session:
            require_user(request, session)
            try:
                result = aiact.classify(answers)
            except CollectiviaError as exc:
                return _questionnaire(request, action="/gouvernance/classification",
                                      answers=answers, error=exc.message, status_code=exc.status_code)
            return _questionnaire(request, action="/gouvernance/classification", answers=answers,
                                  result=result.as_dict())
    return await run_in_threadpool(run)


@router.get("/gouvernance/cas-usage/{use_case_id}/classification", include_in_schema=False)
def classification_page(request: Request, use_case_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *MANAGERS, action="classer un cas d'usage au regard de l'AI Act")
        use_case = registry.get(session, user, use_case_id)
        return _questionnaire(request, action=f"/gouvernance/cas-usage/{use_case.id}/classification",
                              answers=use_case.ai_act_answers, uc=use_case)


@router.post("/gouvernance/cas-usage/{use_case_id}/classification", include_in_schema=False)
async def classify(request: Request, use_case_id: int):
    form = await request.form()
    answers = _answers_of(form)

    def run():
        with open_session(request) as session:
            user = require_user(request, session)
            ensure_role(user, *MANAGERS, action="classer un cas d'usage au regard de l'AI Act")
            try:
                with session.begin_nested():
                    result = registry.classify(session, user, use_case_id, answers)
            except CollectiviaError as exc:
                if exc.status_code in (403, 404):
                    raise
                return _questionnaire(request, action=f"/gouvernance/cas-usage/{use_case_id}/classification",
                                      answers=answers, uc=registry.get(session, user, use_case_id),
                                      error=exc.message, status_code=exc.status_code)
            flash(request, f"Classification AI Act enregistrée : {result.label}.")
        return RedirectResponse(f"/gouvernance/cas-usage/{use_case_id}#ai-act", status_code=303)
    return await run_in_threadpool(run)


@router.post("/gouvernance/cas-usage/{use_case_id}/boussole", include_in_schema=False)
async def boussole(request: Request, use_case_id: int):
    form = await request.form()
    scores: dict[str, tuple[int | None, str]] = {}
    for criterion in reference.criteria():
        raw = str(form.get(f"note_{criterion['id']}", "")).strip()
        scores[criterion["id"]] = (int(raw) if raw.isdigit() else None if not raw else -1,
                                   str(form.get(f"commentaire_{criterion['id']}", ""))[:2000])

    def run():
        with open_session(request) as session:
            user = require_user(request, session)
            ensure_role(user, *MANAGERS, action="évaluer un cas d'usage avec la boussole")
            try:
                with session.begin_nested():
                    registry.score_boussole(session, user, use_case_id, scores)
            except CollectiviaError as exc:
                if exc.status_code in (403, 404):
                    raise
                return _detail_page(request, session, user, use_case_id, exc.message, exc.status_code)
            flash(request, "La boussole est enregistrée.")
        return RedirectResponse(f"/gouvernance/cas-usage/{use_case_id}#boussole", status_code=303)
    return await run_in_threadpool(run)


@router.get("/gouvernance/registre", include_in_schema=False)
def register_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        entries = register.register_entries(session, user, settings_of(request).collectivite_name)
        return render(request, "governance/register.html", {"entries": entries})


@router.get("/gouvernance/registre.json", include_in_schema=False)
def register_json(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        name = settings_of(request).collectivite_name
        entries = register.register_entries(session, user, name)
        record_export(session, user, "registre-ia.json", len(entries))
    return JSONResponse({"collectivite": name, "systemes": entries},
                        headers={"Content-Disposition": 'attachment; filename="registre-ia.json"'})


@router.get("/gouvernance/registre.csv", include_in_schema=False)
def register_csv(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        entries = register.register_entries(session, user, settings_of(request).collectivite_name)
        return csv_response(session, user, "registre-ia.csv", register.REGISTER_HEADER,
                            register.register_rows(entries))


@router.get("/gouvernance/comite", include_in_schema=False)
def committee_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        data = register.dashboard(session, user)
        return render(request, "governance/committee.html", {
            "d": data, "f": committee.figures(session, user), "statuses": registry.STATUSES})


router.include_router(people_views.router)
router.include_router(shadow_views.router)
router.include_router(dpo_views.router)
router.include_router(benefit_views.router)
router.include_router(subject_views.router)
