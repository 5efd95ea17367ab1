"""The AI charter: immutable versions, and each agent's acceptance of one exact version.

Editing the charter publishes a new version; earlier acceptances stay
recorded against the version that was read. An agent who submits the form
of a version that was replaced meanwhile is told so and shown the new text:
nothing is recorded for a text they did not read, and nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.errors import Conflict, InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.core.roles import ALL_ROLES, Role, ensure_role
from collectivia.governance.directions import UNKNOWN_DIRECTION, active_accounts
from collectivia.governance.models import CharterAcceptance, CharterVersion
from collectivia.governance.reference import DATA_DIR

EDITORS = (Role.REFERENT_IA, Role.ADMIN)
TRACKERS = (Role.REFERENT_IA, Role.DPO, Role.ADMIN)
AGGREGATE_READERS = (*TRACKERS, Role.REPRESENTANT_PERSONNEL)
ACCEPT_URL = "/gouvernance/charte"
DEFAULT_FILE = DATA_DIR / "charte_par_defaut.md"


def default_text() -> tuple[str, str]:
    """Title and body of the default charter, drafted from the seeds' check-list."""
    title, _, body = DEFAULT_FILE.read_text(encoding="utf-8").partition("\n")
    return title.lstrip("# ").strip(), body.strip()


def current(session: Session) -> CharterVersion | None:
    return session.execute(select(CharterVersion).order_by(CharterVersion.version.desc()).limit(1)
                           ).scalar_one_or_none()


def versions(session: Session, user: User) -> list[CharterVersion]:
    ensure_role(user, *ALL_ROLES, action="consulter la charte")
    return list(session.execute(select(CharterVersion).order_by(CharterVersion.version.desc())
                                ).scalars())


def get_version(session: Session, user: User, version: int) -> CharterVersion:
    ensure_role(user, *ALL_ROLES, action="consulter la charte")
    found = session.execute(select(CharterVersion).where(CharterVersion.version == version)
                            ).scalar_one_or_none()
    if found is None:
        raise NotFound("Cette version de la charte n'existe pas.")
    return found


def publish(session: Session, user: User | None, title: str, body: str, note: str = "",
            *, system: bool = False) -> CharterVersion:
    """Publish the next version; every agent will have to accept it."""
    if not system:
        ensure_role(user, *EDITORS, action="modifier la charte")
    title, body, note = title.strip(), body.strip(), note.strip()
    if len(title) < 5 or len(title) > 200:
        raise InvalidInput("Le titre de la charte doit compter de 5 à 200 caractères.")
    if len(body) < 50:
        raise InvalidInput("Le texte de la charte est trop court (50 caractères au moins).")
    if len(body) > 100_000:
        raise InvalidInput("Le texte de la charte dépasse 100 000 caractères.")
    if len(note) > 300:
        raise InvalidInput("La note de version dépasse 300 caractères.")
    latest = current(session)
    if latest and latest.title == title and latest.body == body:
        raise Conflict("Le texte n'a pas changé : aucune nouvelle version n'a été publiée.")
    number = (latest.version if latest else 0) + 1
    version = CharterVersion(version=number, title=title, body=body, note=note,
                             created_by_id=user.id if user else None, created_at=clock.now())
    try:
        with session.begin_nested():
            session.add(version)
    except IntegrityError as exc:  # someone published the same number a moment ago
        raise Conflict(f"Une version {number} vient d'être publiée par quelqu'un d'autre : "
                       "rechargez la charte avant de la modifier.") from exc
    audit.record(session, "governance.charter.publish", actor=user, object_type="charte",
                 object_id=number, details={"caracteres": len(body)})
    return version


def has_accepted(session: Session, user: User, version: CharterVersion) -> bool:
    return session.execute(select(CharterAcceptance.id).where(
        CharterAcceptance.user_id == user.id,
        CharterAcceptance.charter_version_id == version.id)).first() is not None


def accept(session: Session, user: User, version_number: int) -> CharterVersion:
    """Record that the user accepted this exact version, which must still be the current one."""
    ensure_role(user, *ALL_ROLES, action="accepter la charte")
    latest = current(session)
    if latest is None:
        raise NotFound("Aucune charte n'est publiée.")
    if version_number != latest.version:
        raise Conflict(f"La charte a été modifiée pendant votre lecture : la version {latest.version} "
                       f"remplace la version {version_number}. Lisez la nouvelle version "
                       "ci-dessous avant de l'accepter.")
    if has_accepted(session, user, latest):
        return latest
    try:
        with session.begin_nested():
            session.add(CharterAcceptance(charter_version_id=latest.id, user_id=user.id,
                                          accepted_at=clock.now()))
    except IntegrityError:  # a double click accepted it a moment ago: same outcome
        return latest
    audit.record(session, "governance.charter.accept", actor=user, object_type="charte",
                 object_id=latest.version)
    return latest


def blocks(body: str) -> list[tuple[str, object]]:
    """The charter text as headings, paragraphs and lists, rendered without raw HTML."""
    out: list[tuple[str, object]] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [line.rstrip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            out.append(("h", lines[0].lstrip("# ").strip()))
            lines = lines[1:]
        items = [line.lstrip()[2:].strip() for line in lines if line.lstrip().startswith(("- ", "* "))]
        if lines and len(items) == len(lines):
            out.append(("ul", items))
        elif lines:
            out.append(("p", " ".join(line.strip() for line in lines)))
    return out


@dataclass
class DirectionAcceptance:
    direction: str
    agents: int
    accepted: int

    @property
    def share(self) -> float:
        return self.accepted / self.agents if self.agents else 0.0


def acceptance_by_direction(session: Session, user: User) -> tuple[CharterVersion | None,
                                                                   list[DirectionAcceptance]]:
    """Share of active accounts that accepted the current version, per direction."""
    ensure_role(user, *AGGREGATE_READERS, action="suivre l'acceptation de la charte")
    latest = current(session)
    totals = active_accounts(session)
    accepted: dict[str, int] = {}
    if latest:
        accepted = active_accounts(session, lambda q: q.join(
            CharterAcceptance, CharterAcceptance.user_id == User.id).where(
            CharterAcceptance.charter_version_id == latest.id))
    rows = [DirectionAcceptance(name, total, accepted.get(name, 0))
            for name, total in sorted(totals.items())]
    return latest, rows


EXPORT_HEADER = ["version", "identifiant", "nom", "direction", "service", "acceptee_le_utc"]


def export_rows(session: Session, user: User) -> list[list[str]]:
    """Every acceptance of every version (who accepted which text, when), for the CSV export."""
    ensure_role(user, *TRACKERS, action="exporter les acceptations de la charte")
    rows = []
    query = (select(CharterAcceptance).join(CharterVersion)
             .order_by(CharterVersion.version, CharterAcceptance.accepted_at))
    for acceptance in session.execute(query).unique().scalars():
        who = acceptance.user
        rows.append([str(acceptance.charter_version.version), who.login, who.full_name,
                     who.direction.name if who.direction else UNKNOWN_DIRECTION,
                     who.service.name if who.service else "",
                     acceptance.accepted_at.isoformat(sep=" ", timespec="seconds")])
    audit.record(session, "governance.charter.export", actor=user, object_type="charte",
                 details={"lignes": len(rows)})
    return rows
