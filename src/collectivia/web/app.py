"""The FastAPI application factory: middleware, error pages and the domains' routers."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from sqlalchemy.exc import DataError
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from collectivia import __version__
from collectivia.core import identity, tenants
from collectivia.core.db import Database
from collectivia.core.tenants import TenantRouter
from collectivia.core.discovery import PACKAGE_ROOT, modules_named
from collectivia.core.errors import CollectiviaError
from collectivia.settings import Settings, get_settings
from collectivia.web import account_views, admin_views, api_docs, pages
from collectivia.web.deps import LoginRequired
from collectivia.web.lifespan import lifespan
from collectivia.web.middleware import GuardMiddleware, MetricsMiddleware, SecurityHeadersMiddleware
from collectivia.web.sessions import ServerSessionMiddleware
from collectivia.web.responses import error_payload, wants_json
from collectivia.web.templating import render
from collectivia.web.tenancy import TenantMiddleware

HTTP_MESSAGES = {
    400: "La requête est mal formée.",
    401: "Vous devez vous connecter.",
    403: "Accès refusé.",
    404: "Cette page n'existe pas.",
    405: "Cette action n'est pas permise sur cette adresse.",
    413: "La requête est trop volumineuse.",
    422: "Les données envoyées ne sont pas valides.",
    429: "Trop de requêtes : réessayez dans quelques minutes.",
    500: "Une erreur interne est survenue. L'équipe technique a été prévenue.",
}


def _error(request: Request, status: int, message: str) -> Response:
    if wants_json(request.scope):
        return JSONResponse(error_payload(status, message), status_code=status)
    return render(request, "error.html", {"status": status, "message": message},
                  status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CollectiviaError)
    async def domain_error(request: Request, exc: CollectiviaError):
        return _error(request, exc.status_code, exc.message)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        if wants_json(request.scope):
            message = "Session expirée." if exc.expired else "Authentification requise."
            return JSONResponse(error_payload(401, message), status_code=401)
        target = "/connexion?suivant=" + quote(request.url.path)
        if exc.expired:
            target += "&expiree=1"
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        fields = sorted({str(e.get("loc", ["?"])[-1]) for e in exc.errors()})
        message = ("Le formulaire est incomplet ou mal formé"
                   + (f" (champs : {', '.join(fields)})" if fields else "") + ". Rien n'a été enregistré.")
        return _error(request, 422, message)

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def value_out_of_range(request: Request, exc: Exception):
        # A number beyond the database's range (SQLite refuses to bind it: OverflowError;
        # PostgreSQL: DataError), or a text beyond its column: looked up, an id such as
        # 99999999999999999999999 names nothing; sent in a form, it is refused.
        if request.method in ("GET", "HEAD"):
            return _error(request, 404, "L'élément demandé n'existe pas (numéro hors limites).")
        return _error(request, 422, "Une valeur envoyée dépasse les limites acceptées "
                                    "(numéro ou texte trop grand). Rien n'a été enregistré.")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        # still logged by the server; the user gets French words, not "Internal Server Error"
        return _error(request, 500, HTTP_MESSAGES[500])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else None
        if message in (None, "Not Found", "Method Not Allowed", "Bad Request"):
            message = HTTP_MESSAGES.get(exc.status_code, "Erreur.")
        return _error(request, exc.status_code, message)


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    settings.resolved_audit_key()  # refuse to start on PostgreSQL without an explicit audit key
    settings.check_shared_deployment()  # ... or without explicit cookie and vault keys
    identity.check_rules(settings.oidc_rules, settings.oidc_default_role)  # ... or a mapping typo
    app = FastAPI(title="CollectivIA", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None,  # served by web.api_docs, to administrators only
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.tenants = TenantRouter(tenants.parse(settings.tenants))
    app.state.db = database or Database(settings.resolved_database_url())

    # a domain's larger uploads (recordings): `UPLOAD_LIMITS` in its views, path -> setting name
    upload_limits = {path: getattr(settings, name) for views in modules_named("views")
                     for path, name in getattr(views, "UPLOAD_LIMITS", {}).items()}
    app.add_middleware(GuardMiddleware, max_form_bytes=settings.max_form_bytes,
                       max_upload_bytes=settings.max_upload_bytes, upload_limits=upload_limits)
    app.add_middleware(ServerSessionMiddleware, database=app.state.db, settings=settings)
    app.add_middleware(MetricsMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, https=settings.https)
    if app.state.tenants:
        app.add_middleware(TenantMiddleware, router=app.state.tenants)
    if settings.trusted_proxies:  # outermost: every layer sees the real client and scheme
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    _install_error_handlers(app)

    app.mount("/static", StaticFiles(directory=PACKAGE_ROOT / "web" / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(account_views.router)
    app.include_router(admin_views.router)
    app.include_router(api_docs.router)
    for views in modules_named("views"):
        if hasattr(views, "router"):
            app.include_router(views.router)
    app.include_router(pages.unavailable_router())
    return app
