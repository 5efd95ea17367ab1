"""Every route against every role: the rights users see are the rights declared.

Each page declares who may open it: the shell in `web.pages.shell_access()`,
each domain in the `ACCESS` table of its `views.py` ("METHOD /path" -> roles).
A new route without a declaration fails this test, so no page ships with
unreviewed rights.
"""

from __future__ import annotations

import pytest
from starlette.routing import Mount

from collectivia.core.discovery import modules_named
from collectivia.core.roles import Role
from collectivia.web.pages import shell_access
from support import csrf_of

# /metrics, /api/docs and /api/openapi.json are not public: admins only (or the metrics token)
PUBLIC = {"GET /connexion", "POST /connexion", "POST /deconnexion", "GET /healthz",
          "GET /favicon.ico",
          "GET /connexion/oidc", "GET /connexion/oidc/retour"}
# The OpenAI-compatible gateway authenticates by personal API token, not by role:
# its rights are tested in tests/assistant.
BEARER_PREFIXES = ("/v1/",)


def declared_access() -> dict[str, frozenset[Role]]:
    access = dict(shell_access())
    for views in modules_named("views"):
        access.update(getattr(views, "ACCESS", {}))
    return access


def walk_routes(routes, prefix: str = ""):
    """(path, methods) of every endpoint, through included routers (FastAPI >= 0.165 keeps
    them as nested `_IncludedRouter` objects instead of flattening them into app.routes)."""
    for route in routes:
        if hasattr(route, "original_router"):
            yield from walk_routes(route.original_router.routes,
                                   prefix + getattr(route.include_context, "prefix", ""))
        elif isinstance(route, Mount):
            continue  # static files
        elif getattr(route, "methods", None):
            yield prefix + route.path, route.methods


def concrete_routes(app) -> set[str]:
    keys = set()
    for path, methods in walk_routes(app.routes):
        if "{" not in path and not path.startswith(BEARER_PREFIXES):
            keys |= {f"{method} {path}" for method in methods if method != "HEAD"}
    return keys


def test_the_route_walk_sees_the_modules_routes(app):
    routes = concrete_routes(app)
    assert "GET /admin/journal" in routes
    assert len(routes) > 20


def test_every_route_declares_who_may_use_it(app):
    undeclared = concrete_routes(app) - set(declared_access()) - PUBLIC
    assert not undeclared, f"routes without an access declaration: {sorted(undeclared)}"


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_each_role_gets_exactly_its_pages(client, login, role):
    login(client, role)
    token = csrf_of(client, "/")
    mismatches = []
    for key, allowed in sorted(declared_access().items()):
        method, path = key.split(" ", 1)
        if method == "GET":
            status = client.get(path, follow_redirects=False).status_code
            expected_ok = role in allowed
            if (expected_ok and status != 200) or (not expected_ok and status != 403):
                mismatches.append((key, status))
        elif role not in allowed:
            status = client.request(method, path, data={"csrf_token": token},
                                    follow_redirects=False).status_code
            if status != 403:
                mismatches.append((key, status))
    assert not mismatches, f"{role.value}: unexpected statuses {mismatches}"


def test_anonymous_visitors_are_sent_to_login_everywhere(client):
    for key in declared_access():
        method, path = key.split(" ", 1)
        if method == "GET" and path.startswith("/api/"):  # JSON clients get a 401, not a page
            assert client.get(path, follow_redirects=False).status_code == 401, key
        elif method == "GET":
            response = client.get(path, follow_redirects=False)
            assert response.status_code == 303, key
            assert response.headers["location"].startswith("/connexion")
