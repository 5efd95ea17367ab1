"""Training: AI sessions (acculturation, prompting, RGPD, biases), attendance, share trained.

The seeds insist every agent be trained before using generative AI "sinon,
ils pourraient s'en servir sans comprendre les biais et les limites": the
figure the ethics committee follows is the share of active agents of each
direction who attended at least one session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.governance.directions import active_accounts
from collectivia.governance.models import TrainingAttendance, TrainingSession

MANAGERS = (Role.REFERENT_IA, Role.DPO, Role.ADMIN)
AGGREGATE_READERS = (*MANAGERS, Role.REPRESENTANT_PERSONNEL)
THEMES = {
    "acculturation": "Acculturation à l'IA générative",
    "prompting": "Bien formuler ses demandes (prompts)",
    "rgpd": "IA et protection des données (RGPD)",
    "biais": "Biais, limites et esprit critique",
}


def sessions(session: Session, user: User) -> list[TrainingSession]:
    ensure_role(user, *ALL_ROLES, action="consulter les formations")
    return list(session.execute(select(TrainingSession).order_by(TrainingSession.held_on.desc())
                                ).scalars())


def attended_by(session: Session, user: User) -> list[TrainingSession]:
    """The sessions this user attended (each agent sees their own record)."""
    ensure_role(user, *ALL_ROLES, action="consulter ses formations")
    return list(session.execute(select(TrainingSession).join(TrainingAttendance).where(
        TrainingAttendance.user_id == user.id).order_by(TrainingSession.held_on.desc())).scalars())


def get_session(session: Session, user: User, session_id: int) -> TrainingSession:
    ensure_role(user, *ALL_ROLES, action="consulter les formations")
    found = session.get(TrainingSession, session_id)
    if found is None:
        raise NotFound("Cette session de formation n'existe pas.")
    return found


def create_session(session: Session, user: User, title: str, theme: str, held_on: date | None,
                   duration_hours: float, trainer: str = "") -> TrainingSession:
    ensure_role(user, *MANAGERS, action="créer une session de formation")
    title = title.strip()
    if not 3 <= len(title) <= 200:
        raise InvalidInput("L'intitulé de la session doit compter de 3 à 200 caractères.")
    if theme not in THEMES:
        raise InvalidInput("Choisissez un thème dans la liste.")
    if held_on is None:
        raise InvalidInput("Indiquez la date de la session.")
    if not 0 < duration_hours <= 40:
        raise InvalidInput("La durée doit être comprise entre 0 et 40 heures.")
    created = TrainingSession(title=title, theme=theme, held_on=held_on,
                              duration_hours=duration_hours, trainer=trainer.strip()[:200],
                              created_at=clock.now())
    session.add(created)
    session.flush()
    audit.record(session, "governance.training.create", actor=user, object_type="formation",
                 object_id=created.id, details={"theme": theme})
    return created


def record_attendance(session: Session, user: User, session_id: int, logins: str) -> int:
    """Mark the listed accounts (logins separated by commas, spaces or lines) as present.

    All or nothing: one unknown login refuses the whole list, named in the
    message, so the referent fixes it without re-typing the rest.
    """
    ensure_role(user, *MANAGERS, action="enregistrer des présences")
    training = get_session(session, user, session_id)
    wanted = [w for w in re.split(r"[\s,;]+", logins.strip().lower()) if w]
    if not wanted:
        raise InvalidInput("Indiquez au moins un identifiant d'agent présent.")
    if len(wanted) > 2000:
        raise InvalidInput("2 000 présences au plus par envoi.")
    found = {u.login.lower(): u for u in session.execute(
        select(User).where(func.lower(User.login).in_(set(wanted)))).unique().scalars()}
    unknown = sorted({w for w in wanted if w not in found})
    if unknown:
        raise InvalidInput("Identifiants inconnus : " + ", ".join(unknown[:10])
                           + (" …" if len(unknown) > 10 else "") + ". Aucune présence n'a été enregistrée.")
    already = {a.user_id for a in training.attendances}
    added = 0
    for login in dict.fromkeys(wanted):
        agent = found[login]
        if agent.id not in already:
            session.add(TrainingAttendance(session=training, user_id=agent.id,
                                           recorded_at=clock.now()))
            already.add(agent.id)
            added += 1
    audit.record(session, "governance.training.attendance", actor=user, object_type="formation",
                 object_id=training.id, details={"presences_ajoutees": added})
    return added


@dataclass
class DirectionTraining:
    direction: str
    agents: int
    trained: int

    @property
    def share(self) -> float:
        return self.trained / self.agents if self.agents else 0.0


def share_by_direction(session: Session, user: User, theme: str = "") -> list[DirectionTraining]:
    """Active agents and how many attended at least one session (of a theme), per direction."""
    ensure_role(user, *AGGREGATE_READERS, action="consulter le taux de formation")
    if theme and theme not in THEMES:
        raise InvalidInput("Thème inconnu.")
    totals = active_accounts(session)

    def attended(query):
        query = query.join(TrainingAttendance, TrainingAttendance.user_id == User.id)
        if theme:
            query = query.join(TrainingSession).where(TrainingSession.theme == theme)
        return query
    trained = active_accounts(session, attended)
    return [DirectionTraining(name, total, trained.get(name, 0))
            for name, total in sorted(totals.items())]
