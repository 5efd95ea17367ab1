"""What every route needs: a database session, the signed-in user, rendering.

Routes open the session explicitly (`with open_session(request) as session:`)
so that it is committed before the answer leaves, and rolled back whole when
a service refuses the request.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session

from collectivia.core import clock
from collectivia.core.db import Database
from collectivia.core.models import User
from collectivia.settings import Settings


@dataclass(frozen=True)
class Viewer:
    """What the layout shows of the signed-in user, safe to use after the session closed."""

    id: int
    login: str
    full_name: str
    role: str
    role_label: str
    service_label: str

    @classmethod
    def of(cls, user: User) -> Viewer:
        return cls(user.id, user.login, user.full_name, user.role, user.role_label,
                   user.service.label if user.service else "")


class LoginRequired(Exception):
    """The route needs a signed-in user; `expired` says whether a session just timed out."""

    def __init__(self, expired: bool = False):
        self.expired = expired


def database(request: Request) -> Database:
    return request.app.state.db


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


@contextmanager
def open_session(request: Request) -> Iterator[Session]:
    with database(request).session() as session:
        yield session


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session for this user (a new CSRF token, against session fixation)."""
    request.session.clear()
    request.session.update({"uid": user.id, "epoch": user.session_epoch,
                            "seen": clock.now().timestamp()})


def current_user(request: Request, session: Session) -> User | None:
    """The signed-in user, or None. Raises LoginRequired(expired=True) after idle timeout."""
    uid = request.session.get("uid")
    if uid is None:
        return None
    idle_limit = settings_of(request).session_idle_minutes * 60
    now = clock.now().timestamp()
    if now - float(request.session.get("seen", 0)) > idle_limit:
        request.session.clear()
        raise LoginRequired(expired=True)
    user = session.get(User, uid)
    if user is None or not user.active or user.session_epoch != request.session.get("epoch"):
        request.session.clear()
        raise LoginRequired(expired=True)
    request.session["seen"] = now
    request.state.viewer = Viewer.of(user)
    return user


def require_user(request: Request, session: Session) -> User:
    user = current_user(request, session)
    if user is None:
        raise LoginRequired()
    return user


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "inconnu"
