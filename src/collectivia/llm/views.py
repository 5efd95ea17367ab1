"""« Modèles de langage » (administrator): declare, edit, disable, delete and check the model
backends stored in the database, next to those of COLLECTIVIA_LLM_BACKENDS (read-only here)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from collectivia.core import audit
from collectivia.core.errors import CollectiviaError
from collectivia.core.roles import Role, ensure_role
from collectivia.llm import catalog
from collectivia.llm.catalog import BackendFormError, BackendInput, ModelRow
from collectivia.llm.config import parse_backends
from collectivia.llm.verify import verify
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.templating import flash, render

router = APIRouter()

ADMIN = frozenset({Role.ADMIN})
ACCESS = {
    "GET /admin/modeles": ADMIN,
    "POST /admin/modeles": ADMIN,
}
# routes with an id check the role in catalog (get_backend), like every service call
PAGE = "/admin/modeles"
MAX_MODEL_ROWS = 20
BLANK_ROWS = 2


def _rows_with_blanks(data: BackendInput) -> BackendInput:
    data.models = list(data.models) + [ModelRow() for _ in range(BLANK_ROWS)]
    return data


def _page(request, session, user, *, values: BackendInput | None = None, errors=None,
          editing=None, verification=None, checked=None, status_code=200):
    ensure_role(user, *ADMIN, action="administrer les modèles de langage")
    settings = settings_of(request)
    try:
        environment = parse_backends(settings.llm_backends)
    except CollectiviaError:
        environment = []
    return render(request, "llm/moteurs.html", {
        "title": "Modèles de langage",
        "backends": catalog.list_backends(session, user),
        "models_of": catalog.models_of,
        "environment": environment,
        "values": values or _rows_with_blanks(BackendInput()),
        "errors": errors or {},
        "editing": editing,
        "verification": verification,
        "checked": checked,
        "roles": list(Role),
    }, status_code=status_code)


@router.get(PAGE, include_in_schema=False)
def backends_page(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return _page(request, session, user)


@router.get(PAGE + "/{backend_id}", include_in_schema=False)
def backend_edit_page(request: Request, backend_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        backend = catalog.get_backend(session, user, backend_id)
        return _page(request, session, user, editing=backend,
                     values=_rows_with_blanks(catalog.input_of(backend)))


def _input_of(form) -> BackendInput:
    try:
        count = min(int(form.get("lignes", "0")), MAX_MODEL_ROWS)
    except ValueError:
        count = 0
    rows = [ModelRow(str(form.get(f"alias_{i}", "")).strip(), str(form.get(f"amont_{i}", "")),
                     str(form.get(f"contexte_{i}", "")), str(form.get(f"params_{i}", "")),
                     str(form.get(f"prix_entree_{i}", "")), str(form.get(f"prix_sortie_{i}", "")),
                     [str(r) for r in form.getlist(f"roles_{i}")],
                     str(form.get(f"nature_{i}", "chat")), str(form.get(f"par_minute_{i}", "")),
                     str(form.get(f"par_jour_{i}", ""))) for i in range(count)]
    return BackendInput(
        name=str(form.get("nom", ""))[:80], type=str(form.get("type", "openai")),
        base_url=str(form.get("adresse", ""))[:500], path=str(form.get("chemin", ""))[:500],
        api_key=str(form.get("cle_api", ""))[:2000], forget_key=form.get("oublier_cle") == "1",
        timeout=str(form.get("delai", "")), connect_timeout=str(form.get("delai_connexion", "")),
        models=rows)


def _save(request: Request, data: BackendInput, backend_id: int | None):
    with open_session(request) as session:
        user = require_user(request, session)
        try:
            backend = catalog.save_backend(session, user, settings_of(request), data, backend_id)
        except BackendFormError as exc:
            session.rollback()
            data.api_key = ""  # never sent back, even the one just typed
            editing = catalog.get_backend(session, user, backend_id) if backend_id else None
            return _page(request, session, user, values=_rows_with_blanks(data),
                         errors={"_": exc.message, **exc.errors}, editing=editing,
                         status_code=exc.status_code)
        name = backend.name
    flash(request, f"Moteur « {name} » enregistré : ses modèles sont disponibles "
                   "dans tous les processus de la plateforme.")
    return RedirectResponse(PAGE, status_code=303)


@router.post(PAGE, include_in_schema=False)
async def backend_create(request: Request):
    data = _input_of(await request.form())
    return await run_in_threadpool(_save, request, data, None)


@router.post(PAGE + "/{backend_id}", include_in_schema=False)
async def backend_update(request: Request, backend_id: int):
    data = _input_of(await request.form())
    return await run_in_threadpool(_save, request, data, backend_id)


def _toggle(request: Request, backend_id: int, enabled: bool):
    with open_session(request) as session:
        user = require_user(request, session)
        name = catalog.set_enabled(session, user, backend_id, enabled).name
    flash(request, f"Moteur « {name} » {'réactivé' if enabled else 'désactivé'}.")
    return RedirectResponse(PAGE, status_code=303)


@router.post(PAGE + "/{backend_id}/desactiver", include_in_schema=False)
def backend_disable(request: Request, backend_id: int):
    return _toggle(request, backend_id, False)


@router.post(PAGE + "/{backend_id}/activer", include_in_schema=False)
def backend_enable(request: Request, backend_id: int):
    return _toggle(request, backend_id, True)


@router.post(PAGE + "/{backend_id}/supprimer", include_in_schema=False)
def backend_delete(request: Request, backend_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        name = catalog.delete_backend(session, user, backend_id)
    flash(request, f"Moteur « {name} » supprimé.")
    return RedirectResponse(PAGE, status_code=303)


def _config_to_verify(request: Request, backend_id: int):
    with open_session(request) as session:
        user = require_user(request, session)
        return catalog.config_of(catalog.get_backend(session, user, backend_id),
                                 settings_of(request))


def _verified_page(request: Request, backend_id: int, result):
    with open_session(request) as session:
        user = require_user(request, session)
        backend = catalog.get_backend(session, user, backend_id)
        audit.record(session, "llm.moteur.verification", actor=user, object_type="moteur",
                     object_id=backend_id, outcome="succès" if result.ok else "échec",
                     details={"nom": backend.name, "resultat": result.summary})
        session.commit()
        return _page(request, session, user, verification=result, checked=backend)


@router.post(PAGE + "/{backend_id}/verifier", include_in_schema=False)
async def backend_verify(request: Request, backend_id: int):
    config = await run_in_threadpool(_config_to_verify, request, backend_id)
    result = await verify(config)
    return await run_in_threadpool(_verified_page, request, backend_id, result)
