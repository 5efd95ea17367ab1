"""The API's OpenAPI description and its Swagger page, for administrators only.

They list every route and parameter of the platform: useful to whoever
integrates it, a map for whoever attacks it, so they are not public.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse

from collectivia.core.roles import Role, ensure_role
from collectivia.web.deps import open_session, require_user

router = APIRouter()

READERS = frozenset({Role.ADMIN})


def _require_admin(request: Request) -> None:
    with open_session(request) as session:
        user = require_user(request, session)
        ensure_role(user, *READERS, action="consulter la documentation de l'API")


@router.get("/api/openapi.json", include_in_schema=False)
def openapi(request: Request):
    _require_admin(request)
    return JSONResponse(request.app.openapi())


@router.get("/api/docs", include_in_schema=False)
def swagger(request: Request):
    _require_admin(request)
    return get_swagger_ui_html(openapi_url="/api/openapi.json", title="CollectivIA — API")
