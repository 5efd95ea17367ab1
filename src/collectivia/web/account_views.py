"""Signing in and out: local accounts and OIDC (ProConnect, Keycloak, Entra ID...)."""

from __future__ import annotations

from typing import Annotated
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from collectivia.core import audit, auth, identity
from collectivia.core.errors import CollectiviaError
from collectivia.web.deps import (client_ip, current_user, local_path, open_session, settings_of,
                                  sign_in, sign_out)
from collectivia.web.oidc import oidc_client
from collectivia.web.templating import flash, render

router = APIRouter()


@router.get("/connexion", include_in_schema=False)
def login_page(request: Request, suivant: str = "/", expiree: int = 0):
    notice = "Votre session a expiré : veuillez vous reconnecter." if expiree else None
    return render(request, "login.html", {"next": local_path(suivant), "notice": notice,
                                          "oidc_label": settings_of(request).oidc_label,
                                          "oidc": settings_of(request).oidc_enabled})


@router.post("/connexion", include_in_schema=False)
def login(request: Request, identifiant: Annotated[str, Form(max_length=200)] = "",
          mot_de_passe: Annotated[str, Form(max_length=300)] = "",
          suivant: Annotated[str, Form(max_length=500)] = "/"):
    error = None
    with open_session(request) as session:
        try:
            user = auth.authenticate(session, identifiant, mot_de_passe, client_ip(request),
                                     settings_of(request))
        except CollectiviaError as exc:  # the failure itself is committed (throttling, audit)
            error = exc
        else:
            sign_in(request, user)
    if error is not None:
        return render(request, "login.html",
                      {"next": local_path(suivant), "error": error.message,
                       "login_value": identifiant[:120], "oidc": settings_of(request).oidc_enabled,
                       "oidc_label": settings_of(request).oidc_label},
                      status_code=error.status_code)
    return RedirectResponse(local_path(suivant), status_code=303)


@router.post("/deconnexion", include_in_schema=False)
def logout(request: Request):
    with open_session(request) as session:
        try:
            user = current_user(request, session)
        except CollectiviaError:
            user = None
        except Exception:  # noqa: BLE001 - an expired session logs out all the same
            user = None
        if user is not None:
            audit.record(session, "auth.logout", actor=user)
    sign_out(request)
    flash(request, "Vous êtes déconnecté.")
    return RedirectResponse("/connexion", status_code=303)


@router.get("/connexion/oidc", include_in_schema=False)
async def oidc_login(request: Request, suivant: str = "/"):
    client = oidc_client(request)
    request.session["oidc_next"] = local_path(suivant)
    redirect_uri = str(request.url_for("oidc_callback"))
    return await client.authorize_redirect(request, redirect_uri)


@router.get("/connexion/oidc/retour", include_in_schema=False, name="oidc_callback")
async def oidc_callback(request: Request):
    client = oidc_client(request)
    try:
        token = await client.authorize_access_token(request)
    except Exception as exc:  # noqa: BLE001 - any protocol failure gets one clear message
        return render(request, "login.html",
                      {"error": "La connexion via le fournisseur d'identité a échoué "
                                f"({type(exc).__name__}). Réessayez ou utilisez votre mot de passe.",
                       "next": "/", "oidc": True, "oidc_label": settings_of(request).oidc_label},
                      status_code=401)
    claims = dict(token.get("userinfo") or {})
    next_path = request.session.get("oidc_next", "/")
    error = None
    with open_session(request) as session:
        try:
            user = identity.login_oidc(session, claims, settings_of(request))
        except CollectiviaError as exc:
            error = exc
        else:
            sign_in(request, user)
    if error is not None:
        return render(request, "login.html", {"error": error.message, "next": "/", "oidc": True,
                                              "oidc_label": settings_of(request).oidc_label},
                      status_code=error.status_code)
    return RedirectResponse(next_path, status_code=303)
