"""What every route needs: a database session, the signed-in user, rendering.

Routes open the session explicitly (`with open_session(request) as session:`)
so that it is committed before the answer leaves, and rolled back whole when
a service refuses the request.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit
from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session

from collectivia.core.db import Database
from collectivia.core.models import User
from collectivia.settings import Settings
from collectivia.web.sessions import renew, session_expired
from collectivia.web.tenancy import tenant_database


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
    """This request's database: its collectivité's when several are served (web.tenancy)."""
    return tenant_database(request.scope, request.app.state.db)


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


@contextmanager
def open_session(request: Request) -> Iterator[Session]:
    with database(request).session() as session:
        yield session


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session for this user: a new token and a new CSRF token (no fixation)."""
    request.session.clear()
    request.session["uid"] = user.id
    renew(request.scope)


def sign_out(request: Request) -> None:
    """End the session server-side: the token, and any copy of the cookie, stop working."""
    request.session.clear()
    renew(request.scope)


def current_user(request: Request, session: Session) -> User | None:
    """The signed-in user, or None. Raises LoginRequired(expired=True) when the session ran out
    (idle or absolute lifetime, see core.sessions) or the account was deactivated."""
    uid = request.session.get("uid")
    if uid is None:
        if session_expired(request.scope):
            raise LoginRequired(expired=True)
        return None
    user = session.get(User, uid)
    if user is None or not user.active:
        sign_out(request)
        raise LoginRequired(expired=True)
    request.state.viewer = Viewer.of(user)
    return user


def require_user(request: Request, session: Session) -> User:
    user = current_user(request, session)
    if user is None:
        raise LoginRequired()
    return user


def local_path(target: str | None, default: str = "/") -> str:
    """`target` if it is a path on this site, else `default`: a crafted `suivant=` link must
    not bounce the agent elsewhere. Browsers read `/\\host` like `//host`, and drop tabs
    and newlines inside URLs, so any backslash or control character is refused too."""
    if (not target or not target.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target)):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return parts.path + (f"?{parts.query}" if parts.query else "")


def client_ip(request: Request) -> str:
    """The client's address; behind COLLECTIVIA_TRUSTED_PROXIES it comes from X-Forwarded-For
    (rewritten by uvicorn's ProxyHeadersMiddleware, see web.app), never from anyone else."""
    return request.client.host if request.client else "inconnu"
