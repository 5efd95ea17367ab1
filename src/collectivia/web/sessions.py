"""ASGI middleware giving each request `request.session`, kept server-side (core.sessions).

It replaces Starlette's SessionMiddleware (which signs the whole session
into the cookie): routes, authlib and the CSRF guard still read and write a
plain dict, while the cookie carries only a random token. A route that signs
someone in or out calls `renew()`, so the old token dies with the old
session (no fixation, and a copied cookie stops working at logout).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from collectivia.core import sessions
from collectivia.core.db import Database
from collectivia.settings import Settings
from collectivia.web.tenancy import tenant_database

COOKIE_NAME = "collectivia_session"


@dataclass
class SessionControl:
    """What a route tells the middleware about the session, and what the load found."""

    expired: bool = False
    renew: bool = False


def renew(scope: Scope) -> None:
    """Give this session a new token at the end of the request and delete the old one."""
    scope["session_control"].renew = True


def session_expired(scope: Scope) -> bool:
    control = scope.get("session_control")
    return bool(control and control.expired)


def cookie_token(scope: Scope) -> str:
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            return cookie_parser(value.decode("latin-1")).get(COOKIE_NAME, "")
    return ""


def is_https(scope: Scope, settings: Settings) -> bool:
    return settings.https or scope.get("scheme") == "https"


class ServerSessionMiddleware:
    def __init__(self, app: ASGIApp, database: Database, settings: Settings):
        self.app = app
        self.database = database
        self.settings = settings
        self.lifetimes = sessions.Lifetimes.of(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        sent_token = cookie_token(scope)
        loaded = await run_in_threadpool(self._load, scope, sent_token) if sent_token else sessions.Loaded()
        scope["session"] = dict(loaded.data)
        scope["session_control"] = SessionControl(expired=loaded.expired)
        initial = json.dumps(loaded.data, sort_keys=True, default=str)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie = await run_in_threadpool(self._store, scope, loaded, initial, sent_token)
                if cookie:
                    MutableHeaders(scope=message).append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _load(self, scope: Scope, token: str) -> sessions.Loaded:
        with tenant_database(scope, self.database).session() as db:
            return sessions.load(db, token, self.lifetimes)

    def _store(self, scope: Scope, loaded: sessions.Loaded, initial: str, sent_token: str
               ) -> str | None:
        """Persist the session; return the Set-Cookie value when the browser must change it."""
        data = scope["session"]
        control: SessionControl = scope["session_control"]
        changed = json.dumps(data, sort_keys=True, default=str) != initial
        token = loaded.token
        with tenant_database(scope, self.database).session() as db:
            if token and control.renew:
                sessions.revoke(db, token)
                token = None
            if token is None:
                if not data:
                    return self._cookie(scope, "") if sent_token else None
                sessions.purge_idle(db, self.lifetimes)
                return self._cookie(scope, sessions.create(db, data))
            if not data:
                sessions.revoke(db, token)
                return self._cookie(scope, "")
            if changed or loaded.stale:
                if not sessions.save(db, token, data if changed else None):
                    return self._cookie(scope, "")  # revoked meanwhile: never resurrect it
        return None

    def _cookie(self, scope: Scope, token: str) -> str:
        max_age = int(self.lifetimes.absolute.total_seconds()) if token else 0
        cookie = f"{COOKIE_NAME}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax"
        return cookie + "; Secure" if is_https(scope, self.settings) else cookie
