"""Error answers written before routing (too large, CSRF): HTML for people, JSON for APIs."""

from __future__ import annotations

import html
import json

from starlette.types import Receive, Scope, Send


def wants_json(scope: Scope) -> bool:
    path = scope.get("path", "")
    accept = b""
    for key, value in scope.get("headers", []):
        if key == b"accept":
            accept = value
    return path.startswith(("/v1/", "/api/")) or (b"application/json" in accept
                                                   and b"text/html" not in accept)


ERROR_TYPES = {401: "authentication_error", 403: "permission_error", 404: "not_found_error",
               413: "invalid_request_error", 429: "rate_limit_error"}


def error_payload(status: int, message: str) -> dict:
    """The OpenAI-style error body every JSON client of the platform gets."""
    return {"error": {"message": message,
                      "type": ERROR_TYPES.get(status, "server_error" if status >= 500
                                              else "invalid_request_error"),
                      "param": None, "code": str(status)}}


async def plain_error(scope: Scope, receive: Receive, send: Send, status: int, message: str
                      ) -> None:
    if wants_json(scope):
        body = json.dumps(error_payload(status, message), ensure_ascii=False).encode()
        content_type = b"application/json"
    else:
        body = (
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            "<title>Erreur — CollectivIA</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
            "</head><body><main id=\"contenu\" class=\"page\"><h1>Requête refusée</h1>"
            f"<p role=\"alert\" class=\"alert alert-error\">{html.escape(message)}</p>"
            "<p><a href=\"/\">Retour à l'accueil</a></p></main></body></html>"
        ).encode()
        content_type = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
