"""Local login with throttling, and the link between OIDC identities and accounts.

Failures are stored in the database, so throttling holds across workers and
restarts: after `login_max_failures` failures within the lockout window, for
one login or from one address, further attempts are refused until it ends.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import Forbidden, TooManyRequests
from collectivia.core.models import LoginFailure, User
from collectivia.core.passwords import verify_password
from collectivia.settings import Settings

WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect."


def _recent_failures(session: Session, login: str, client_ip: str, settings: Settings) -> int:
    since = clock.now() - timedelta(minutes=settings.login_lockout_minutes)
    by_login = session.execute(
        select(func.count()).where(LoginFailure.login == login, LoginFailure.at >= since)
    ).scalar_one()
    by_ip = session.execute(
        select(func.count()).where(LoginFailure.client_ip == client_ip, LoginFailure.at >= since)
    ).scalar_one()
    # an address gets more room than one login: several agents may share a NAT
    return max(by_login, by_ip // 4)


def authenticate(session: Session, login: str, password: str, client_ip: str,
                 settings: Settings) -> User:
    """Return the user for these credentials, or raise with a French message.

    The failure is recorded and audited even though the request fails: the
    caller commits the session in both cases.
    """
    login = login.strip().lower()[:120]
    if _recent_failures(session, login, client_ip, settings) >= settings.login_max_failures:
        audit.record(session, "auth.login", actor_label=login or "?", outcome="bloqué",
                     details={"raison": "trop de tentatives", "ip": client_ip})
        raise TooManyRequests(
            "Trop de tentatives de connexion échouées. Réessayez dans "
            f"{settings.login_lockout_minutes} minutes ou contactez votre administrateur."
        )
    user = session.execute(select(User).where(User.login == login)).scalar_one_or_none()
    if user is None or not verify_password(user.password_hash, password):
        session.add(LoginFailure(login=login, client_ip=client_ip))
        audit.record(session, "auth.login", actor_label=login or "?", outcome="échec",
                     details={"ip": client_ip})
        raise Forbidden(WRONG_CREDENTIALS)
    if not user.active:
        audit.record(session, "auth.login", actor=user, outcome="refusé",
                     details={"raison": "compte désactivé"})
        raise Forbidden("Ce compte est désactivé. Contactez votre administrateur.")
    session.execute(delete(LoginFailure).where(or_(LoginFailure.login == login)))
    user.last_login_at = clock.now()
    audit.record(session, "auth.login", actor=user, details={"methode": "mot de passe"})
    return user


def login_oidc(session: Session, claims: dict) -> User:
    """The account linked to an OIDC identity: by subject, else by e-mail (then linked).

    Accounts are never created on the fly: the administrator decides who has
    access and with which role.
    """
    subject = str(claims.get("sub") or "")
    email = str(claims.get("email") or "").strip().lower()
    user = None
    if subject:
        user = session.execute(select(User).where(User.oidc_subject == subject)).scalar_one_or_none()
    if user is None and email:
        user = session.execute(
            select(User).where(func.lower(User.email) == email)
        ).scalars().first()
        if user is not None and user.oidc_subject is None:
            user.oidc_subject = subject or None
    if user is None or not user.active:
        audit.record(session, "auth.login", actor_label=email or subject or "?", outcome="refusé",
                     details={"methode": "oidc", "raison": "compte inconnu ou désactivé"})
        raise Forbidden("Aucun compte actif ne correspond à cette identité. "
                        "Contactez votre administrateur pour qu'il vous ouvre un accès.")
    user.last_login_at = clock.now()
    audit.record(session, "auth.login", actor=user, details={"methode": "oidc"})
    return user
