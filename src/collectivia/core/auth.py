"""Local login, throttled, in constant time (OIDC logins are in `core.identity`).

Whether an account exists must not show: an unknown login costs the same
argon2 verification (against a dummy hash) and the same database work as a
wrong password. Throttling is in `core.throttle` (atomic, per account and
per address, growing delays).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock, throttle
from collectivia.core.errors import Forbidden, TooManyRequests
from collectivia.core.models import User
from collectivia.core.passwords import verify_password
from collectivia.settings import Settings

WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect."


def authenticate(session: Session, login: str, password: str, client_ip: str,
                 settings: Settings) -> User:
    """Return the user for these credentials, or raise with a French message.

    It commits `session` twice, so call it first in a fresh session: once the
    try is counted (it must hold even if the request dies), and before the
    slow argon2 check (no lock held meanwhile: SQLite takes its write lock
    when a transaction begins, PostgreSQL keeps the counters' row locks).
    The failure is audited even though the request fails: the caller
    commits the session in both cases.
    """
    login = login.strip().lower()[:120]
    client_ip = client_ip[:64]
    try:
        throttle.reserve(session, throttle.rules_for(session, login, client_ip, settings), settings)
    except throttle.Throttled as exc:
        session.rollback()
        audit.record(session, "auth.login", actor_label=login or "?", outcome="bloqué",
                     details={"raison": "trop de tentatives", "ip": client_ip})
        raise TooManyRequests(
            "Trop de tentatives de connexion échouées. Réessayez dans "
            f"{exc.minutes} minute{'s' if exc.minutes > 1 else ''} "
            "ou contactez votre administrateur.") from None
    session.commit()
    user = session.execute(select(User).where(User.login == login)).scalar_one_or_none()
    session.commit()
    # one argon2 verification whatever happens: against a dummy hash for an unknown login
    if not verify_password(user.password_hash if user else None, password) or user is None:
        audit.record(session, "auth.login", actor_label=login or "?", outcome="échec",
                     details={"ip": client_ip})
        raise Forbidden(WRONG_CREDENTIALS)
    if not user.active:
        audit.record(session, "auth.login", actor=user, outcome="refusé",
                     details={"raison": "compte désactivé"})
        raise Forbidden("Ce compte est désactivé. Contactez votre administrateur.")
    throttle.succeeded(session, login, client_ip)
    user.last_login_at = clock.now()
    audit.record(session, "auth.login", actor=user, details={"methode": "mot de passe"})
    return user
