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


async def plain_error(scope: Scope, receive: Receive, send: Send, status: int, message: str
                      ) -> None:
    if wants_json(scope):
        body = json.dumps({"error": {"message": message, "type": "invalid_request_error",
                                     "code": status}}, ensure_ascii=False).encode()
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
