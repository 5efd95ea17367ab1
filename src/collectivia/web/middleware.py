"""ASGI middleware: request bounds + CSRF, Prometheus metrics, security headers.

The CSRF guard runs inside the session middleware, so it can compare the
token sent with a form (field `csrf_token`, or header `X-CSRF-Token` for
scripts) with the one kept in the server-side session. It buffers the body
of unsafe requests, which also lets it refuse oversized posts before any
route sees them. Recordings (the paths of `upload_limits`) are the exception:
only their first bytes are kept, to find the CSRF token, and the rest streams
to the route, which spools it to a temporary file; the bound is counted as the
bytes arrive, so a 200 MB upload is never held in memory.
"""

from __future__ import annotations

import hmac
import re
import secrets
import time
from urllib.parse import parse_qs

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from collectivia.web.responses import plain_error
from collectivia.web.sessions import cookie_token

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# routes authenticated by an API token only: a session cookie gives no authority there
BEARER_ONLY_PREFIXES = ("/v1/",)
MULTIPART_TOKEN = re.compile(rb'name="csrf_token"\r\n\r\n([A-Za-z0-9_\-]{16,128})\r\n')
CSRF_REFUSED = ("Le formulaire a expiré ou n'est pas authentique (jeton CSRF invalide). "
                "Rechargez la page et recommencez.")
# a streamed upload's CSRF token is looked for in this many first bytes (forms send it first)
STREAMED_PREFIX = 64 * 1024

REQUESTS = Counter("collectivia_http_requests_total", "HTTP requests handled",
                   ["method", "route", "status"])
LATENCY = Histogram("collectivia_http_request_duration_seconds", "HTTP request latency",
                    ["method", "route"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))


def csrf_token(session: dict) -> str:
    """The session's CSRF token, created on first use."""
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


class UploadTooLarge(Exception):
    """A streamed upload went past its bound: the guard answers 413 in the route's stead."""


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


class GuardMiddleware:
    """Bound request bodies and check CSRF tokens on every unsafe, cookie-borne request."""

    def __init__(self, app: ASGIApp, max_form_bytes: int, max_upload_bytes: int,
                 upload_limits: dict[str, int] | None = None):
        self.app = app
        self.max_form_bytes = max_form_bytes
        self.max_upload_bytes = max_upload_bytes
        self.upload_limits = upload_limits or {}   # path -> bound, for larger uploads (audio)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in UNSAFE_METHODS:
            await self.app(scope, receive, send)
            return
        content_type = _header(scope, b"content-type").lower()
        multipart = content_type.startswith("multipart/form-data")
        json_body = content_type.startswith("application/json")
        limit = self.max_upload_bytes if (multipart or json_body) else self.max_form_bytes
        streamed = multipart and scope["path"] in self.upload_limits
        if streamed:
            limit = self.upload_limits[scope["path"]]
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > limit:
            await plain_error(scope, receive, send, 413, self._too_large(limit))
            return
        body, more = bytearray(), True

        def enough() -> bool:           # a recording: only the head, where its token is
            if streamed:
                return len(body) >= STREAMED_PREFIX or bool(MULTIPART_TOKEN.search(body))
            return len(body) > limit

        while more and not enough():
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body.extend(message.get("body", b""))
            more = message.get("more_body", False)
        if len(body) > limit:
            await plain_error(scope, receive, send, 413, self._too_large(limit))
            return
        if not self._csrf_ok(scope, bytes(body), content_type, multipart):
            await plain_error(scope, receive, send, 403, CSRF_REFUSED)
            return
        await self._forward(scope, receive, send, bytes(body), more, limit)

    async def _forward(self, scope: Scope, receive: Receive, send: Send, head: bytes,
                       more: bool, limit: int) -> None:
        """The app gets the bytes read so far, then the rest as it arrives, counted: past
        the bound, the guard answers 413 in its stead (the route's temporary file is closed)."""
        received, replayed, started = len(head), False, False

        async def counted() -> Message:
            nonlocal received, replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": head, "more_body": more}
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise UploadTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except UploadTooLarge:
            if started:
                raise
            await plain_error(scope, receive, send, 413, self._too_large(limit))

    @staticmethod
    def _too_large(limit: int) -> str:
        size = f"{limit / 1_000_000:.1f} Mo" if limit >= 100_000 else f"{limit / 1000:.0f} Ko"
        return f"La requête est trop volumineuse (limite : {size}). Rien n'a été enregistré."

    @staticmethod
    def _csrf_ok(scope: Scope, body: bytes, content_type: str, multipart: bool) -> bool:
        # Bearer-token clients (the OpenAI-compatible gateway, scripts) carry no ambient
        # cookie authority: a cross-site page cannot set this header without CORS. But any
        # request that sends a session cookie to a cookie-authenticated route needs the token,
        # whatever else it carries (`Authorization: Bearer junk` proves nothing).
        if _header(scope, b"authorization").lower().startswith("bearer ") and (
                not cookie_token(scope) or scope.get("path", "").startswith(BEARER_ONLY_PREFIXES)):
            return True
        expected = (scope.get("session") or {}).get("csrf", "")
        if not expected:
            return False
        sent = _header(scope, b"x-csrf-token")
        if not sent and multipart:
            match = MULTIPART_TOKEN.search(body[:1_000_000]) or MULTIPART_TOKEN.search(body)
            sent = match.group(1).decode() if match else ""
        elif not sent and content_type.startswith("application/x-www-form-urlencoded"):
            try:
                sent = parse_qs(body.decode("utf-8"), max_num_fields=1000).get("csrf_token", [""])[0]
            except (UnicodeDecodeError, ValueError):
                sent = ""
        return bool(sent) and hmac.compare_digest(sent.encode(), expected.encode())


class MetricsMiddleware:
    """Count requests and time them per route template (not per raw URL: bounded labels)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = {"code": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "non-routé"
            REQUESTS.labels(scope["method"], template, str(status["code"])).inc()
            LATENCY.labels(scope["method"], template).observe(time.perf_counter() - start)


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"frame-ancestors 'none'; form-action 'self' https:"),
]


HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


class SecurityHeadersMiddleware:
    """The headers above on every answer, and HSTS when the site is served over HTTPS
    (COLLECTIVIA_HTTPS, or a request that arrived as https through a trusted proxy)."""

    def __init__(self, app: ASGIApp, https: bool = False):
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if self.https or scope.get("scheme") == "https":
                    headers.append(HSTS)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_wrapper)
