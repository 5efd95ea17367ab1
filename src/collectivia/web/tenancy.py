"""Routing each request to its collectivité's database by host name (core.tenants).

Outermost after the proxy headers: the session, the user, the audit chain
and every service below see only the database of the host asked for. An
unknown host gets a French 404 and touches no database.
"""

from __future__ import annotations

from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from collectivia.core.tenants import TenantRouter, host_of

SCOPE_KEY = "collectivia.tenant"


class TenantMiddleware:
    def __init__(self, app: ASGIApp, router: TenantRouter):
        self.app = app
        self.router = router

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        found = self.router.resolve(host_of(scope.get("headers", [])))
        if found is None:
            response = HTMLResponse("<!doctype html><html lang=\"fr\"><title>Collectivité "
                                    "inconnue</title><p>Aucune collectivité n'est servie à "
                                    "cette adresse.</p></html>", status_code=404)
            await response(scope, receive, send)
            return
        scope[SCOPE_KEY] = found
        await self.app(scope, receive, send)


def tenant_database(scope: Scope, default):
    """The request's collectivité database, or the single one when there are no tenants."""
    found = scope.get(SCOPE_KEY)
    return found[1] if found else default


def tenant_name(scope: Scope, default: str) -> str:
    found = scope.get(SCOPE_KEY)
    return found[0].name if found else default
