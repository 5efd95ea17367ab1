"""Pages around the chat: task wording (HR), usage and carbon (referent IA), retention and
quotas (admin), and each user's profile with their personal API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from collectivia.assistant import conversations, prompts, tokens
from collectivia.core.errors import CollectiviaError, InvalidInput
from collectivia.core.exports import csv_response
from collectivia.core.french import accord
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.llm import get_router
from collectivia.llm import budgets as llm_budgets
from collectivia.llm import ratelimits
from collectivia.llm import usage as llm_usage
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()

EDITORS = frozenset(prompts.PROMPT_EDITORS)
USAGE_READERS = frozenset(llm_usage.USAGE_READERS)
ADMIN = frozenset({Role.ADMIN})

ACCESS = {
    "GET /assistant/consignes": EDITORS,
    "POST /assistant/consignes": EDITORS,
    "GET /assistant/usage": USAGE_READERS,
    "GET /assistant/usage.csv": USAGE_READERS,
    "GET /assistant/administration": ADMIN,
    "POST /assistant/administration/conservation": ADMIN,
    "POST /assistant/administration/quotas": ADMIN,
    "POST /assistant/administration/purge": ADMIN,
    "POST /assistant/administration/budgets": ADMIN,
    "GET /profil": ALL_ROLES,
    "POST /profil/jetons": ALL_ROLES,
}

Short = Annotated[str, Form(max_length=200)]


# --- drafting-task wording (HR service) ---------------------------------------------------

def _instructions_page(request, session, user, *, error=None, values=None, status_code=200):
    ensure_role(user, *EDITORS, action="modifier les consignes des tâches de rédaction")
    return render(request, "assistant/consignes.html",
                  {"title": "Consignes des tâches de rédaction",
                   "tasks": prompts.list_tasks(session), "error": error, "values": values or {},
                   "max_chars": prompts.MAX_INSTRUCTIONS}, status_code=status_code)


@router.get("/assistant/consignes", include_in_schema=False)
def instructions_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return _instructions_page(request, session, user)


@router.post("/assistant/consignes", include_in_schema=False)
def instructions_save(request: Request, tache: Short = "",
                      consignes: Annotated[str, Form(max_length=50_000)] = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *EDITORS, action="modifier les consignes des tâches de rédaction")
        try:
            task = prompts.save_instructions(session, user, tache, consignes)
        except CollectiviaError as exc:
            session.rollback()
            return _instructions_page(request, session, user, error=exc.message,
                                      values={tache: consignes}, status_code=exc.status_code)
    flash(request, f"Consignes de la tâche « {task.label} » enregistrées.")
    return RedirectResponse(f"/assistant/consignes#tache-{task.key}", status_code=303)


# --- usage, cost and carbon (referent IA, admin) --------------------------------------------

@router.get("/assistant/usage", include_in_schema=False)
def usage_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        lines = llm_usage.usage_report(session, user)
        llm = get_router(settings_of(request), session)
        return render(request, "assistant/usage.html", {
            "title": "Usage des modèles d'IA", "lines": lines, "totals": llm_usage.totals(lines),
            "models": llm.models() if llm.available else [],
            "zone": settings_of(request).llm_electricity_zone})


USAGE_HEADER = ["mois", "direction", "modele", "appels", "utilisateurs", "jetons_entree",
                "jetons_sortie", "cout_eur", "energie_kwh", "co2_kg"]


@router.get("/assistant/usage.csv", include_in_schema=False)
def usage_csv(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        lines = llm_usage.usage_report(session, user)
        rows = [[x.month, x.direction, x.model, x.calls, len(x.users), x.prompt_tokens,
                 x.completion_tokens, f"{x.cost_eur:.4f}".replace(".", ","),
                 f"{x.energy_kwh:.6f}".replace(".", ","), f"{x.gwp_kgco2eq:.6f}".replace(".", ",")]
                for x in lines]
        return csv_response(session, user, "usage_ia.csv", USAGE_HEADER, rows)


# --- retention and quotas (admin) -----------------------------------------------------------

def _admin_page(request, session, user, *, error=None, budget_error=None, typed=None,
                status_code=200):
    """`typed`: the budgets as the admin typed them (direction id -> text), shown back
    unchanged when one is refused."""
    ensure_role(user, *ADMIN, action="administrer l'assistant")
    budgets = [(d, typed.get(d.id, "") if typed is not None
                else "" if amount is None else french_euros(amount))
               for d, amount in llm_budgets.list_budgets(session, user)]
    return render(request, "assistant/administration.html", {
        "title": "Administration de l'assistant",
        "retention_days": conversations.retention_days(session, settings_of(request)),
        "quotas": llm_usage.list_quotas(session, user), "roles": list(Role), "error": error,
        "budgets": budgets, "budget_error": budget_error,
    }, status_code=status_code)


def french_euros(micro_eur: int) -> str:
    """A budget as the form shows it: « 1500 », « 250,50 »."""
    return f"{micro_eur / llm_budgets.MICRO:.2f}".removesuffix(".00").replace(".", ",")


@router.get("/assistant/administration", include_in_schema=False)
def admin_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return _admin_page(request, session, user)


def _admin_action(request: Request, action, success: str):
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *ADMIN, action="administrer l'assistant")
        try:
            result = action(session, user)
        except CollectiviaError as exc:
            session.rollback()
            return _admin_page(request, session, user, error=exc.message,
                               status_code=exc.status_code)
    flash(request, success.format(result=result))
    return RedirectResponse("/assistant/administration", status_code=303)


def _int(value: str, what: str) -> int:
    try:
        return int(value.replace(" ", "").replace("\u202f", ""))
    except ValueError:
        raise InvalidInput(f"{what} doit être un nombre entier.") from None


@router.post("/assistant/administration/conservation", include_in_schema=False)
def admin_retention(request: Request, jours: Short = ""):
    return _admin_action(
        request, lambda s, u: conversations.set_retention(s, u, _int(jours, "La durée")),
        "Durée de conservation des conversations enregistrée.")


@router.post("/assistant/administration/quotas", include_in_schema=False)
def admin_quota(request: Request, role: Short = "", identifiant: Short = "", jetons: Short = ""):
    def action(session, user):
        amount = _int(jetons, "Le quota") if jetons.strip() else None
        llm_usage.set_quota(session, user, role=role, login=identifiant, tokens_per_day=amount)
    return _admin_action(request, action, "Quota enregistré.")


@router.post("/assistant/administration/budgets", include_in_schema=False)
async def admin_budgets(request: Request):
    form = await request.form()
    typed = {int(key.removeprefix("budget_")): str(value)[:40] for key, value in form.items()
             if key.startswith("budget_") and key.removeprefix("budget_").isdigit()}
    return await run_in_threadpool(_save_budgets, request, typed)


def _save_budgets(request: Request, typed: dict[int, str]):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            llm_budgets.set_budgets(session, user, typed)
        except CollectiviaError as exc:
            session.rollback()
            return _admin_page(request, session, user, budget_error=exc.message, typed=typed,
                               status_code=exc.status_code)
    flash(request, "Budgets des directions enregistrés.")
    return RedirectResponse("/assistant/administration#titre-budgets", status_code=303)


@router.post("/assistant/administration/purge", include_in_schema=False)
def admin_purge(request: Request):
    return _admin_action(
        request, lambda s, u: accord(conversations.purge_expired(s, settings_of(request), actor=u),
                                     "conversation expirée supprimée"),
        "Purge effectuée : {result}.")


# --- profile and API tokens (every user) ----------------------------------------------------

def _profile_page(request, session, user, *, new_token=None, error=None, status_code=200):
    llm = get_router(settings_of(request), session, user.role)
    return render(request, "assistant/profil.html", {
        "title": "Mon profil", "tokens": tokens.list_tokens(session, user), "new_token": new_token,
        "error": error, "base_url": str(request.base_url).rstrip("/") + "/v1",
        "models": llm.models() if llm.available else [],
        "requests": {m.alias: ratelimits.used(session, m.alias)
                     for m in (llm.models() if llm.available else [])
                     if m.config.max_requests_per_minute or m.config.max_requests_per_day},
        "budget": llm_budgets.status(session, user),
        "quota": llm_usage.daily_quota(session, user),
        "used_today": llm_usage.tokens_today(session, user),
        "usage": llm_usage.personal_usage(session, user),
        "zone": settings_of(request).llm_electricity_zone,
    }, status_code=status_code)


@router.get("/profil", include_in_schema=False)
def profile(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return _profile_page(request, session, user)


@router.post("/profil/jetons", include_in_schema=False)
def token_create(request: Request, nom: Short = ""):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            token, clear = tokens.create_token(session, user, nom)
        except CollectiviaError as exc:
            session.rollback()
            return _profile_page(request, session, user, error=exc.message,
                                 status_code=exc.status_code)
        session.commit()
        # shown once, on this answer only (no redirect: the value must not sit in the session)
        return _profile_page(request, session, user, new_token={"name": token.name,
                                                                "value": clear})


@router.post("/profil/jetons/{token_id}/revoquer", include_in_schema=False)
def token_revoke(request: Request, token_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        token = tokens.revoke_token(session, user, token_id)
    flash(request, f"Le jeton « {token.name} » est révoqué : il ne donne plus accès à la passerelle.")
    return RedirectResponse("/profil", status_code=303)
