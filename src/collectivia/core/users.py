"""Managing accounts, roles and the collectivité's directions and services (admin only)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from collectivia.core import audit, sessions
from collectivia.core.errors import Conflict, InvalidInput, NotFound
from collectivia.core.models import Direction, Service, User
from collectivia.core.passwords import hash_password, password_problem
from collectivia.core.roles import Role, ensure_role

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,119}$")


@dataclass
class UserForm:
    login: str
    full_name: str
    role: str
    service_id: int | None
    email: str = ""
    password: str = ""
    active: bool = True


def _validate(session: Session, form: UserForm, creating: bool) -> list[str]:
    errors = []
    if not LOGIN_PATTERN.match(form.login):
        errors.append("L'identifiant doit faire 2 à 120 caractères : lettres minuscules, chiffres, "
                      "point, tiret, arobase.")
    if not form.full_name.strip() or len(form.full_name) > 200:
        errors.append("Le nom complet est obligatoire (200 caractères au plus).")
    if form.role not in {r.value for r in Role}:
        errors.append("Le rôle choisi n'existe pas.")
    if form.service_id is not None and session.get(Service, form.service_id) is None:
        errors.append("Le service choisi n'existe pas.")
    if form.email and ("@" not in form.email or len(form.email) > 254):
        errors.append("L'adresse électronique n'est pas valide.")
    if form.password or creating:
        if creating and not form.password:
            errors.append("Un mot de passe est obligatoire pour un compte local "
                          "(au moins 12 caractères).")
        elif problem := password_problem(form.password):
            errors.append(problem)
    return errors


def create_user(session: Session, actor: User | None, form: UserForm, *, system: bool = False,
                system_label: str = "CLI") -> User:
    """Create an account. `system=True` is for the server's operator (CLI, demo loader)."""
    if not system:
        ensure_role(actor, Role.ADMIN, action="créer un compte")
    form.login = form.login.strip().lower()
    if errors := _validate(session, form, creating=True):
        raise InvalidInput(" ".join(errors))
    if session.execute(select(User).where(User.login == form.login)).scalar_one_or_none():
        raise Conflict(f"L'identifiant « {form.login} » est déjà utilisé.")
    user = User(login=form.login, full_name=form.full_name.strip(), role=form.role,
                service_id=form.service_id, email=form.email.strip(), active=form.active,
                password_hash=hash_password(form.password))
    session.add(user)
    session.flush()
    audit.record(session, "user.create", actor=actor, actor_label=None if actor else system_label,
                 object_type="user", object_id=user.id,
                 details={"login": user.login, "role": user.role})
    return user


def update_user(session: Session, actor: User, user_id: int, form: UserForm) -> User:
    ensure_role(actor, Role.ADMIN, action="modifier un compte")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Ce compte n'existe pas.")
    form.login = user.login
    if errors := _validate(session, form, creating=False):
        raise InvalidInput(" ".join(errors))
    if user.id == actor.id and (form.role != Role.ADMIN or not form.active):
        raise InvalidInput("Vous ne pouvez pas retirer vos propres droits d'administrateur "
                           "ni désactiver votre propre compte.")
    changes: dict[str, object] = {}
    for field in ("full_name", "role", "service_id", "email", "active"):
        new = getattr(form, field)
        if getattr(user, field) != new:
            changes[field] = [getattr(user, field), new]
            setattr(user, field, new)
    if form.password:
        user.password_hash = hash_password(form.password)
        changes["mot_de_passe"] = "modifié"
    if "role" in changes or "active" in changes or form.password:
        changes["sessions_fermees"] = sessions.revoke_user(session, user.id)  # no stale rights
    audit.record(session, "user.update", actor=actor, object_type="user", object_id=user.id,
                 details=changes)
    return user


def list_users(session: Session, actor: User) -> list[User]:
    ensure_role(actor, Role.ADMIN, action="lister les comptes")
    return list(session.execute(select(User).order_by(User.full_name)).scalars())


def get_user(session: Session, actor: User, user_id: int) -> User:
    ensure_role(actor, Role.ADMIN, action="consulter un compte")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("Ce compte n'existe pas.")
    return user


def list_services(session: Session) -> list[Service]:
    return list(session.execute(
        select(Service).join(Direction).order_by(Direction.name, Service.name)
    ).scalars())


def ensure_service(session: Session, direction_code: str, direction_name: str,
                   service_name: str) -> Service:
    """Find or create a direction and one of its services (demo loader, imports)."""
    direction = session.execute(
        select(Direction).where(Direction.code == direction_code)
    ).scalar_one_or_none()
    if direction is None:
        direction = Direction(code=direction_code, name=direction_name)
        session.add(direction)
        session.flush()
    service = session.execute(
        select(Service).where(Service.direction_id == direction.id, Service.name == service_name)
    ).scalar_one_or_none()
    if service is None:
        service = Service(direction_id=direction.id, name=service_name)
        session.add(service)
        session.flush()
    return service


def find_by_login(session: Session, login: str) -> User | None:
    return session.execute(select(User).where(User.login == login.lower())).scalar_one_or_none()
