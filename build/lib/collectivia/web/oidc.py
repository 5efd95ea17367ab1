"""The OIDC client (Authlib), configured from the issuer's discovery document."""

from __future__ import annotations

from authlib.integrations.starlette_client import OAuth
from fastapi import Request

from collectivia.core.errors import NotFound


def oidc_client(request: Request):
    """The app's OIDC client, registered once on first use."""
    settings = request.app.state.settings
    if not settings.oidc_enabled:
        raise NotFound("La connexion par fournisseur d'identité n'est pas configurée.")
    oauth = getattr(request.app.state, "oauth", None)
    if oauth is None:
        oauth = OAuth()
        oauth.register(
            "oidc",
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret,
            server_metadata_url=settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
            client_kwargs={"scope": settings.oidc_scope, "code_challenge_method": "S256"},
        )
        request.app.state.oauth = oauth
    return oauth.create_client("oidc")
