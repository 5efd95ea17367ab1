"""Shell pages: home, health, metrics, and the honest page of modules not built yet."""

from __future__ import annotations

import hmac
import os

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest,
                               multiprocess)
from sqlalchemy import text

from collectivia.core.discovery import PACKAGE_ROOT
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.web.api_docs import READERS as API_DOC_READERS
from collectivia.web.deps import open_session, require_user, settings_of
from collectivia.web.home import home_for
from collectivia.web.modules import MODULES, Module
from collectivia.web.templating import render

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(request: Request):
    with open_session(request) as session:
        user = require_user(request, session)
        return render(request, "home.html",
                      {"home": home_for(session, settings_of(request), user)})


FAVICON = PACKAGE_ROOT / "web" / "static" / "favicon.svg"


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers, feed readers and bookmarks ask for /favicon.ico whatever the page links to:
    answer with the SVG icon rather than a 404 on every page (and one line in the logs)."""
    return FileResponse(FAVICON, media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})


# what a request needs before anything else works: accounts, sessions, throttles, the audit
# chain and the quotas; a database not migrated (or a wrong one) fails here, not at login
NEEDED_TABLES = ("users", "web_sessions", "login_throttles", "audit_events", "llm_quotas",
                 "llm_quota_days")


@router.get("/healthz", include_in_schema=False)
def healthz(request: Request):
    """Readiness for the reverse proxy and the supervisor: the database answers and holds the
    tables a request needs (the queue's too on PostgreSQL). The models are loaded before the
    process serves at all (web.lifespan), so a 200 means logins work."""
    try:
        with open_session(request) as session:
            tables = NEEDED_TABLES + (("procrastinate_jobs",)
                                      if session.get_bind().dialect.name == "postgresql" else ())
            for table in tables:
                session.execute(text(f"SELECT 1 FROM {table} LIMIT 1"))
    except Exception:  # noqa: BLE001 - any DB failure means "not healthy"
        return JSONResponse({"status": "erreur", "database": "injoignable ou non migrée"},
                            status_code=503)
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
    return Response(generate_latest(_registry()), media_type=CONTENT_TYPE_LATEST)


def _registry():
    """Every worker's figures when served by several (PROMETHEUS_MULTIPROC_DIR, set by
    `collectivia serve --workers N`), else this process's own."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


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
