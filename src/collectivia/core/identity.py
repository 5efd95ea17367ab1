"""Accounts from the identity provider: who the OIDC claims say a person is, at each login.

A collectivité of 5,000 agents does not create accounts by hand. With
`COLLECTIVIA_OIDC_CREATE_ACCOUNTS` on, the first login through ProConnect,
Keycloak or Entra ID creates the account, and the provider stays the source
of truth afterwards: role, direction and service are recomputed from the
claims and groups at every login, so leaving the HR group removes the HR
rights. Off (the default), the administrator creates accounts and a login
only links an identity to one of them.

The mapping is a list of rules read in order (`COLLECTIVIA_OIDC_RULES`,
JSON). A rule matches a group (`{"group": "GG-RH", ...}`) or any claim
(`{"claim": "department", "value": "DRH", ...}`) and may give a `role`, a
`direction` (code or name), a `service` (name) or `"disabled": true`. For
each of role, direction and service the first matching rule that gives it
wins. A matching "disabled" rule deactivates the account at that login,
whatever else matches: the provider says this person has left. With
`COLLECTIVIA_OIDC_REQUIRE_GROUP`, matching no rule at all means the same.

An account is kept up to date only once it is linked to the identity by its
subject (`sub`): an account the administrator created is linked at its first
OIDC login (by verified e-mail) but not changed at that login, and an
e-mail never reaches an account already linked to another subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock, sessions, users
from collectivia.core.errors import Forbidden
from collectivia.core.models import Direction, Service, User
from collectivia.core.roles import Role
from collectivia.settings import Settings

RULE_KEYS = {"group", "claim", "value", "role", "direction", "service", "disabled"}
NO_ACCOUNT = ("Aucun compte actif ne correspond à cette identité. "
              "Contactez votre administrateur pour qu'il vous ouvre un accès.")
DISABLED = ("Votre compte a été désactivé par le fournisseur d'identité. "
            "Contactez votre administrateur si c'est une erreur.")
NO_GROUP = ("Le fournisseur d'identité ne vous rattache à aucun groupe ouvrant l'accès à "
            "CollectivIA. Contactez votre administrateur.")


@dataclass
class Placement:
    """What the claims say: the role, direction and service, and whether access is withdrawn."""

    role: str | None = None
    direction: str | None = None
    service: str | None = None
    disabled: bool = False
    matched: list[int] = field(default_factory=list)  # rule numbers, for the audit log


def check_rules(rules: list[dict[str, Any]], default_role: str = Role.AGENT) -> None:
    """Refuse a mapping with a typo rather than silently giving no role (or the wrong one)."""
    roles = {r.value for r in Role}
    if default_role not in roles:
        raise ValueError(f"COLLECTIVIA_OIDC_DEFAULT_ROLE : rôle inconnu « {default_role} ».")
    for number, rule in enumerate(rules, start=1):
        unknown = set(rule) - RULE_KEYS
        if unknown:
            raise ValueError(f"COLLECTIVIA_OIDC_RULES, règle {number} : clé inconnue "
                             f"« {sorted(unknown)[0]} ».")
        if ("group" in rule) == ("claim" in rule):
            raise ValueError(f"COLLECTIVIA_OIDC_RULES, règle {number} : indiquez soit « group », "
                             "soit « claim » et « value ».")
        if "claim" in rule and "value" not in rule:
            raise ValueError(f"COLLECTIVIA_OIDC_RULES, règle {number} : « value » manquant.")
        if "role" in rule and rule["role"] not in roles:
            raise ValueError(f"COLLECTIVIA_OIDC_RULES, règle {number} : rôle inconnu "
                             f"« {rule['role']} » (attendu : {', '.join(sorted(roles))}).")


def _values(claims: dict[str, Any], name: str) -> set[str]:
    """A claim as a set of strings: Keycloak and Entra ID send lists, others single values."""
    value = claims.get(name)
    if value is None:
        return set()
    items = value if isinstance(value, list | tuple) else [value]
    return {str(v).lower() if isinstance(v, bool) else str(v) for v in items}


def place(claims: dict[str, Any], settings: Settings) -> Placement:
    """Walk the rules over the claims; direct claims fill direction and service last."""
    check_rules(settings.oidc_rules, settings.oidc_default_role)
    placement = Placement()
    for number, rule in enumerate(settings.oidc_rules, start=1):
        claim = rule.get("claim", settings.oidc_groups_claim)
        expected = rule["group"] if "group" in rule else rule["value"]
        expected = str(expected).lower() if isinstance(expected, bool) else str(expected)
        if expected not in _values(claims, claim):
            continue
        placement.matched.append(number)
        placement.disabled |= bool(rule.get("disabled"))
        for key in ("role", "direction", "service"):
            if key in rule and getattr(placement, key) is None:
                setattr(placement, key, str(rule[key]))
    for key, claim in (("direction", settings.oidc_direction_claim),
                       ("service", settings.oidc_service_claim)):
        if claim and getattr(placement, key) is None and claims.get(claim):
            setattr(placement, key, str(claims[claim]))
    placement.disabled |= settings.oidc_require_group and not placement.matched
    return placement


def find_service(session: Session, direction: str | None, service: str | None) -> Service | None:
    """The service the claims name, among those the administrator declared (never created).

    A direction alone is enough when it has a single service.
    """
    if not direction and not service:
        return None
    stmt = select(Service).join(Direction)
    if direction:
        wanted = direction.strip().lower()
        stmt = stmt.where(or_(func.lower(Direction.code) == wanted,
                              func.lower(Direction.name) == wanted))
    if service:
        stmt = stmt.where(func.lower(Service.name) == service.strip().lower())
    found = list(session.execute(stmt.limit(2)).scalars())
    return found[0] if len(found) == 1 else None


def _full_name(claims: dict[str, Any]) -> str:
    """`name`, or given + family name (ProConnect sends `usual_name`)."""
    if claims.get("name"):
        return str(claims["name"])[:200]
    parts = [claims.get("given_name"), claims.get("family_name") or claims.get("usual_name")]
    return " ".join(str(p) for p in parts if p)[:200] or str(claims.get("email") or "Agent")[:200]


def _free_login(session: Session, claims: dict[str, Any]) -> str:
    """A login from preferred_username or the e-mail, made valid and unique (dupont, dupont-2...)."""
    raw = str(claims.get("preferred_username") or claims.get("email") or claims["sub"]).lower()
    base = re.sub(r"[^a-z0-9._@-]", "-", raw).strip("-._@")[:100] or "agent"
    base = base if len(base) >= 2 else f"{base}-oidc"
    login, n = base, 1
    while session.execute(select(User.id).where(User.login == login)).first():
        n += 1
        login = f"{base}-{n}"
    return login


def create_service(session: Session, direction: str, service: str | None) -> Service:
    """The direction and service the claims name, created (`COLLECTIVIA_OIDC_CREATE_DIRECTIONS`).

    A known direction (by code or name) gets the missing service; a new one is
    coded from its name. Without a service name, the direction's name serves.
    """
    name = direction.strip()[:200]
    known = session.execute(select(Direction).where(or_(
        func.lower(Direction.code) == name.lower(),
        func.lower(Direction.name) == name.lower()))).scalars().first()
    code = known.code if known else re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")[:32]
    return users.ensure_service(session, code or "DIR", name, (service or name).strip()[:200])


def _service(session: Session, placement: Placement, settings: Settings) -> Service | None:
    service = find_service(session, placement.direction, placement.service)
    if service is None and placement.direction and settings.oidc_create_directions:
        service = create_service(session, placement.direction, placement.service)
    return service


def _find_account(session: Session, subject: str, email: str,
                  claims: dict[str, Any]) -> tuple[User | None, bool]:
    """The account and whether it was already linked to this subject.

    By subject; else by e-mail, unless the provider says the address is not
    verified, and only among accounts linked to no subject: an e-mail never
    reaches an account that another identity already owns.
    """
    if subject:
        user = session.execute(select(User).where(User.oidc_subject == subject)).scalar_one_or_none()
        if user is not None:
            return user, True
    if not email or claims.get("email_verified") is False:
        return None, False
    return session.execute(select(User).where(
        func.lower(User.email) == email, User.oidc_subject.is_(None))).scalars().first(), False


def _create(session: Session, claims: dict[str, Any], placement: Placement, service: Service | None,
            settings: Settings) -> User:
    user = User(login=_free_login(session, claims), full_name=_full_name(claims),
                email=str(claims.get("email") or "")[:254], role=placement.role or
                settings.oidc_default_role, service_id=service.id if service else None,
                oidc_subject=str(claims["sub"]), password_hash=None, active=True)
    session.add(user)
    session.flush()
    audit.record(session, "user.create", actor_label="fournisseur d'identité", object_type="user",
                 object_id=user.id, details={"login": user.login, "role": user.role,
                                             "regles": placement.matched})
    return user


def _update(session: Session, user: User, placement: Placement, service: Service | None,
            settings: Settings) -> None:
    """Apply what the provider says now; a change of rights closes the other sessions."""
    changes: dict[str, Any] = {}
    role = placement.role or settings.oidc_default_role
    if user.role != role:
        changes["role"] = [user.role, role]
        user.role = role
    if service is not None and user.service_id != service.id:
        changes["service_id"] = [user.service_id, service.id]
        user.service_id = service.id
    if changes:
        changes["sessions_fermees"] = sessions.revoke_user(session, user.id)
        audit.record(session, "user.update", actor_label="fournisseur d'identité",
                     object_type="user", object_id=user.id,
                     details={**changes, "regles": placement.matched})


def _deactivate(session: Session, user: User, placement: Placement) -> None:
    user.active = False
    closed = sessions.revoke_user(session, user.id)
    audit.record(session, "user.update", actor_label="fournisseur d'identité", object_type="user",
                 object_id=user.id, details={"active": [True, False], "sessions_fermees": closed,
                                             "regles": placement.matched})


def _refuse(session: Session, label: str, reason: str, message: str) -> Forbidden:
    audit.record(session, "auth.login", actor_label=label or "?", outcome="refusé",
                 details={"methode": "oidc", "raison": reason})
    return Forbidden(message)


def login_oidc(session: Session, claims: dict[str, Any], settings: Settings) -> User:
    """The account of an OIDC identity, created, updated or deactivated as the claims say."""
    subject = str(claims.get("sub") or "")
    email = str(claims.get("email") or "").strip().lower()
    label = email or subject
    placement = place(claims, settings)
    user, linked = _find_account(session, subject, email, claims)
    if placement.disabled:
        if user is not None and user.active and linked:
            _deactivate(session, user, placement)
        if not placement.matched:
            raise _refuse(session, label, "aucun groupe", NO_GROUP)
        raise _refuse(session, label, "désactivé par le fournisseur d'identité", DISABLED)
    if user is not None and not user.active:
        raise _refuse(session, label, "compte désactivé", NO_ACCOUNT)
    provisioning = settings.oidc_create_accounts
    if user is None and not (provisioning and subject):
        raise _refuse(session, label, "compte inconnu", NO_ACCOUNT)
    if user is not None and not linked:
        user.oidc_subject = subject or None  # linked from now on, left as the administrator made it
    elif user is None:
        user = _create(session, claims, placement, _service(session, placement, settings), settings)
    elif provisioning:
        _update(session, user, placement, _service(session, placement, settings), settings)
    user.last_login_at = clock.now()
    audit.record(session, "auth.login", actor=user, details={"methode": "oidc"})
    return user
