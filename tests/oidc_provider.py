"""A small OpenID Connect provider served on loopback for the login tests.

It speaks the authorization-code flow with PKCE, signs RS256 ID tokens and
publishes its discovery document and JWKS, like Keycloak or ProConnect do.
`identity` is the person who "logs in" at the provider.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import socket
import threading
import time
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import RedirectResponse


class OidcProvider:
    def __init__(self, client_id: str = "collectivia", client_secret: str = "s3cret"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
        self.identity = {"sub": "sub-123", "email": "agent@admiville.fr", "name": "Camille Durand"}
        self.codes: dict[str, dict] = {}
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self._app(), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> OidcProvider:
        self.thread.start()
        deadline = time.time() + 10
        while not self.server.started and time.time() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(5)

    def _app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                          "client_secret_post"],
            }

        @app.get("/jwks")
        def jwks():
            return {"keys": [self.key.as_dict(private=False)]}

        @app.get("/authorize")
        def authorize(request: Request):
            q = request.query_params
            if q.get("client_id") != self.client_id:
                raise HTTPException(400, "unknown client")
            code = secrets.token_urlsafe(16)
            self.codes[code] = {"nonce": q.get("nonce"), "challenge": q.get("code_challenge"),
                                "redirect_uri": q["redirect_uri"]}
            return RedirectResponse(q["redirect_uri"] + "?" + urlencode(
                {"code": code, "state": q["state"]}), status_code=302)

        @app.post("/token")
        def token(request: Request, code: str = Form(), code_verifier: str = Form(""),
                  redirect_uri: str = Form("")):
            grant = self.codes.pop(code, None)
            if grant is None or redirect_uri != grant["redirect_uri"]:
                raise HTTPException(400, "invalid_grant")
            digest = base64.urlsafe_b64encode(hashlib.sha256(code_verifier.encode()).digest())
            if grant["challenge"] and digest.rstrip(b"=").decode() != grant["challenge"]:
                raise HTTPException(400, "invalid_grant (PKCE)")
            now = int(time.time())
            claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 300,
                      "nonce": grant["nonce"], **self.identity}
            id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)
            return {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                    "expires_in": 300, "id_token": id_token}

        return app
