"""Helpers for the assistant tests: asking through the page, reading the audit log."""

from __future__ import annotations

import json

from sqlalchemy import select

from collectivia.core.models import AuditEvent
from support import csrf_of


def ask(client, message: str, *, conversation: int = 0, tache: str = "libre", files=None,
        path: str = "/assistant"):
    data = {"csrf_token": csrf_of(client, "/assistant"), "message": message, "tache": tache}
    if conversation:
        data["conversation"] = str(conversation)
    return client.post(path, data=data, files=files or {"piece_jointe": ("", b"")},
                       follow_redirects=False)


def stream_events(response) -> list[dict]:
    return [json.loads(line) for line in response.text.splitlines() if line.strip()]


def audit_events(database, action: str) -> list[dict]:
    with database.session() as session:
        rows = session.execute(select(AuditEvent).where(AuditEvent.action == action)
                               .order_by(AuditEvent.id)).scalars()
        return [{"outcome": e.outcome, "actor": e.actor, **json.loads(e.details)} for e in rows]
