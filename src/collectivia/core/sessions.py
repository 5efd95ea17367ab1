"""Browser sessions kept in the database, so that ending one ends it everywhere.

A signed cookie holding the user id cannot be taken back: logout only asked
the browser to forget it, and a copy kept working for 14 days on every
machine. Here the cookie holds a random token and the database holds the
session under the token's SHA-256; logout, deactivation or a role change
delete the row, and every process, on every machine, sees it gone on the
next request. Sessions end after `session_idle_minutes` without use and
after `session_absolute_hours` in any case.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import cast

from sqlalchemy import CursorResult, delete, update
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.models import WebSession
from collectivia.settings import Settings

# last_seen_at is rewritten at most this often when nothing else changed (fewer writes)
TOUCH_EVERY = timedelta(minutes=1)


@dataclass
class Lifetimes:
    idle: timedelta
    absolute: timedelta

    @classmethod
    def of(cls, settings: Settings) -> Lifetimes:
        return cls(timedelta(minutes=settings.session_idle_minutes),
                   timedelta(hours=settings.session_absolute_hours))


@dataclass
class Loaded:
    """What a cookie's token opened: the session data, or why there is none."""

    token: str | None = None
    data: dict = field(default_factory=dict)
    expired: bool = False           # a signed-in session ran out (the user is told so)
    stale: bool = False             # last seen long enough ago to be touched


def _row_id(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def load(db: Session, token: str, lifetimes: Lifetimes) -> Loaded:
    """The session behind a cookie's token; an expired one is deleted on the spot."""
    row = db.get(WebSession, _row_id(token))
    if row is None:
        return Loaded()
    now = clock.now()
    if now - row.last_seen_at > lifetimes.idle or now - row.created_at > lifetimes.absolute:
        db.delete(row)
        return Loaded(expired=row.user_id is not None)
    try:
        data = json.loads(row.data)
    except ValueError:
        data = {}
    return Loaded(token=token, data=data if isinstance(data, dict) else {},
                  stale=now - row.last_seen_at >= TOUCH_EVERY)


def create(db: Session, data: dict) -> str:
    """Store a new session and return the token its cookie will carry."""
    token = secrets.token_urlsafe(32)
    now = clock.now()
    db.add(WebSession(id=_row_id(token), user_id=data.get("uid"), data=_dump(data),
                      created_at=now, last_seen_at=now))
    return token


def save(db: Session, token: str, data: dict | None) -> bool:
    """Write the session's new data (or only its last use, when `data` is None).

    An UPDATE, never an upsert: a session revoked while this request ran
    stays revoked. Returns False when the row is gone.
    """
    values: dict = {"last_seen_at": clock.now()}
    if data is not None:
        values.update(data=_dump(data), user_id=data.get("uid"))
    result = cast(CursorResult, db.execute(update(WebSession).where(WebSession.id == _row_id(token)).values(**values)))
    return result.rowcount > 0


def revoke(db: Session, token: str) -> None:
    db.execute(delete(WebSession).where(WebSession.id == _row_id(token)))


def revoke_user(db: Session, user_id: int) -> int:
    """End every session of one user (deactivation, role or password change)."""
    return cast(CursorResult, db.execute(delete(WebSession).where(WebSession.user_id == user_id))).rowcount


def purge_idle(db: Session, lifetimes: Lifetimes) -> int:
    """Delete the sessions idle for too long (run whenever one is created, so that visitors
    who never sign in do not pile up; one range on an index). Sessions past their absolute
    lifetime but still in use are deleted when next loaded."""
    return cast(CursorResult, db.execute(delete(WebSession).where(
        WebSession.last_seen_at < clock.now() - lifetimes.idle))).rowcount
