"""Personal API tokens for the OpenAI-compatible gateway.

A token is shown once, at creation; only its SHA-256 is stored (a stolen
database gives no usable token). Tokens are long random strings, so a plain
hash is enough: there is nothing to brute-force as with a password.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.assistant.models import ApiToken
from collectivia.core import audit, clock
from collectivia.core.errors import Conflict, InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES, ensure_role

PREFIX = "cia-"
MAX_ACTIVE = 10
TOUCH_EVERY = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def list_tokens(session: Session, user: User) -> list[ApiToken]:
    ensure_role(user, *ALL_ROLES, action="consulter ses jetons d'API")
    return list(session.execute(select(ApiToken).where(ApiToken.user_id == user.id)
                                .order_by(ApiToken.id.desc())).scalars())


def create_token(session: Session, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for this user; the clear value is returned once and never stored."""
    ensure_role(user, *ALL_ROLES, action="créer un jeton d'API")
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("Donnez un nom au jeton (par exemple « Open WebUI » ou « script "
                           "de publipostage »).")
    if len(name) > 100:
        raise InvalidInput("Le nom du jeton est trop long (100 caractères au plus).")
    active = [t for t in list_tokens(session, user) if t.revoked_at is None]
    if len(active) >= MAX_ACTIVE:
        raise Conflict(f"Vous avez déjà {MAX_ACTIVE} jetons actifs : révoquez-en un d'abord.")
    clear = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, prefix=clear[:10], token_hash=_digest(clear),
                     created_at=clock.now())
    session.add(token)
    session.flush()
    audit.record(session, "assistant.jeton_cree", actor=user, object_type="jeton_api",
                 object_id=token.id, details={"prefixe": token.prefix})
    return token, clear


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    ensure_role(user, *ALL_ROLES, action="révoquer un jeton d'API")
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("Ce jeton n'existe pas.")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        audit.record(session, "assistant.jeton_revoque", actor=user, object_type="jeton_api",
                     object_id=token.id, details={"prefixe": token.prefix})
    return token


def user_for_token(session: Session, clear: str) -> User | None:
    """The active user owning this active token, or None."""
    if not clear.startswith(PREFIX) or len(clear) > 200:
        return None
    found = session.execute(select(ApiToken, User).join(User, User.id == ApiToken.user_id)
                            .where(ApiToken.token_hash == _digest(clear))).one_or_none()
    if found is None:
        return None
    token, user = found
    if token.revoked_at is not None or not user.active:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        token.last_used_at = now
    return user
