"""Shell pages: home, health, metrics, and the honest page of modules not built yet."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.web.api_docs import READERS as API_DOC_READERS
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.modules import MODULES, Module
from collectivia.web.templating import render

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(request: Request):
    with open_session(request) as session:
        require_user(request, session)
        return render(request, "home.html")


@router.get("/healthz", include_in_schema=False)
def healthz(request: Request):
    """Liveness and database reachability, for the reverse proxy and the supervisor."""
    try:
        with open_session(request) as session:
            session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any DB failure means "not healthy"
        return JSONResponse({"status": "erreur", "database": "injoignable"}, status_code=503)
    return {"status": "ok", "database": "ok"}


def _metrics_token_ok(request: Request) -> bool:
    expected = settings_of(request).metrics_token
    sent = request.headers.get("authorization", "")
    return bool(expected) and hmac.compare_digest(sent.encode(), f"Bearer {expected}".encode())


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Prometheus figures, for the scraper's token (COLLECTIVIA_METRICS_TOKEN) or an admin:
    route names and volumes tell an outsider how the platform is used."""
    if not _metrics_token_ok(request):
        with open_session(request) as session:
            user = require_user(request, session)
            ensure_role(user, Role.ADMIN, action="consulter les métriques")
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


def shell_access() -> dict[str, frozenset[Role]]:
    """Who may open each shell page (checked route by route by the access-matrix test)."""
    access = {
        "GET /": ALL_ROLES,
        "GET /admin/utilisateurs": frozenset({Role.ADMIN}),
        "POST /admin/utilisateurs": frozenset({Role.ADMIN}),
        "GET /admin/journal": frozenset({Role.DPO, Role.ADMIN}),
        "GET /admin/journal/export.csv": frozenset({Role.DPO, Role.ADMIN}),
        "GET /admin/journal/verification": frozenset({Role.DPO, Role.ADMIN}),
        "GET /metrics": frozenset({Role.ADMIN}),
        "GET /api/docs": API_DOC_READERS,
        "GET /api/openapi.json": API_DOC_READERS,
    }
    for module in MODULES:
        if not module.available:
            access[f"GET {module.path}"] = module.roles
    return access


def unavailable_router() -> APIRouter:
    """Routes for the modules whose package has no views yet: they say so."""
    fallback = APIRouter()
    for module in MODULES:
        if not module.available:
            fallback.add_api_route(module.path, _unavailable_page(module), methods=["GET"],
                                   include_in_schema=False)
    return fallback


def _unavailable_page(module: Module):
    def page(request: Request):
        with open_session(request) as session:
            user = require_user(request, session)
            ensure_role(user, *module.roles, action=f"ouvrir le module {module.label}")
            return render(request, "unavailable.html", {"module": module})

    page.__name__ = f"unavailable_{module.key}"
    return page
