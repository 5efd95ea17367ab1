"""The append-only, hash-chained audit log: the one function every module writes through.

Each event's hash covers its own fields and the previous event's hash, so an
edited, inserted or deleted row breaks the chain and `verify()` names it.
The hash is an HMAC keyed with COLLECTIVIA_AUDIT_KEY (kept out of the
database): whoever edits a row cannot recompute the chain after it. Events
written before the key existed (up to `audit_chain_state.unkeyed_until_id`,
set by the migration) keep their plain SHA-256; the first keyed event pins
their last hash. Deleting the newest rows leaves a valid chain: that is what
the signed checkpoints exported outside the database catch
(`core.audit_checkpoints`).
Details must never carry raw personal data: callers pass categories, counts
and identifiers, not the text itself.

Events are chained when their transaction commits, not when they are
recorded: `record` keeps the event on the session, and the commit (or a read
of the log in the same transaction) takes the chain's lock, reads the last
hash and appends. The lock is so held for the few milliseconds of the
commit, never across the slow work a transaction did after recording (a
200-CV batch once held it 17 s while logins on other processes waited).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from collectivia.core import clock, exports
from collectivia.core.models import AuditChainState, AuditEvent, User
from collectivia.core.roles import Role, ensure_role
from collectivia.settings import get_settings

GENESIS = "0" * 64
SYSTEM = "système"
_POSTGRES_LOCK_ID = 4_202_611  # serialises appends to the chain across workers

AUDIT_READERS = (Role.DPO, Role.ADMIN)


def chain_key() -> bytes:
    return get_settings().resolved_audit_key()


def _payload(event: AuditEvent) -> bytes:
    return json.dumps(
        [event.at.isoformat(timespec="microseconds"), event.actor_id, event.actor, event.action,
         event.object_type, event.object_id, event.outcome, event.details, event.prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    ).encode("utf-8")


def _digest(event: AuditEvent, key: bytes | None) -> str:
    """HMAC-SHA256 under the chain key; plain SHA-256 (key None) for events older than the key."""
    if key is None:
        return hashlib.sha256(_payload(event)).hexdigest()
    return hmac.new(key, _payload(event), hashlib.sha256).hexdigest()


def unkeyed_until(session: Session) -> int:
    """The last event written before the chain was keyed (0 on a database born keyed)."""
    state = session.get(AuditChainState, 1)
    return state.unkeyed_until_id if state else 0


def record(
    session: Session,
    action: str,
    *,
    actor: User | None = None,
    actor_label: str | None = None,
    object_type: str = "",
    object_id: Any = "",
    outcome: str = "succès",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record one event in the caller's transaction; it joins the chain when that commits.

    It is committed, or rolled back, with the change it describes.
    """
    event = AuditEvent(
        at=clock.now(),
        actor_id=actor.id if actor else None,
        actor=actor_label or (f"{actor.full_name} ({actor.login})" if actor else SYSTEM),
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else "",
        outcome=outcome,
        details=json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str),
    )
    session.info.setdefault(_PENDING, []).append(event)
    return event


_PENDING = "collectivia.audit_pending"


def _append_pending(session: Session) -> None:
    """Chain the session's recorded events after the last one, under the chain's lock.

    PostgreSQL: a transaction-scoped advisory lock, released by the commit that
    follows at once. SQLite: the transaction already holds the database's write lock.
    """
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _POSTGRES_LOCK_ID})
    last = session.execute(
        select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).scalar_one_or_none()
    key = chain_key()
    for event in pending:
        event.prev_hash = last or GENESIS
        event.hash = last = _digest(event, key)
        session.add(event)
        session.flush()      # one at a time: ids follow the chain's order


@sa_event.listens_for(Session, "before_commit")
def _chain_on_commit(session: Session) -> None:
    _append_pending(session)


@sa_event.listens_for(Session, "do_orm_execute")
def _chain_before_reading_the_log(state) -> None:  # noqa: ANN001
    """A read of the log in the recording transaction sees its own events."""
    if (state.is_select and state.session.info.get(_PENDING)
            and any(m.class_ is AuditEvent for m in state.all_mappers)):
        _append_pending(state.session)


@sa_event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


@dataclass
class ChainProblem:
    event_id: int | None
    message: str


def verify(session: Session) -> list[ChainProblem]:
    """Walk the whole chain; return every break found (empty list: the log is intact).

    A truncation of the newest events is only visible against a checkpoint:
    see `audit_checkpoints.verify_against`.
    """
    problems: list[ChainProblem] = []
    expected_prev = GENESIS
    previous_id = 0
    key = chain_key()
    legacy_end = unkeyed_until(session)
    for event in session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
        if event.id != previous_id + 1 and previous_id:
            problems.append(ChainProblem(event.id, f"événements {previous_id + 1} à {event.id - 1} "
                                                   "supprimés (numérotation interrompue)"))
        if event.prev_hash != expected_prev:
            problems.append(ChainProblem(event.id, "le chaînage avec l'événement précédent est rompu "
                                                   "(événement supprimé ou inséré)"))
        if not hmac.compare_digest(_digest(event, None if event.id <= legacy_end else key),
                                   event.hash):
            problems.append(ChainProblem(event.id, "le contenu de l'événement a été modifié"))
        expected_prev = event.hash
        previous_id = event.id
    return problems


@dataclass
class AuditFilter:
    action: str = ""
    actor: str = ""
    since: datetime | None = None
    until: datetime | None = None


def _filtered(flt: AuditFilter):
    query = select(AuditEvent)
    if flt.action:
        query = query.where(AuditEvent.action.contains(flt.action))
    if flt.actor:
        query = query.where(AuditEvent.actor.contains(flt.actor))
    if flt.since:
        query = query.where(AuditEvent.at >= flt.since)
    if flt.until:
        query = query.where(AuditEvent.at < flt.until)
    return query


def browse(session: Session, user: User, flt: AuditFilter, page: int = 1, per_page: int = 50
           ) -> tuple[list[AuditEvent], int]:
    """One page of events, newest first, and the total count (DPO and admin only)."""
    ensure_role(user, *AUDIT_READERS, action="consulter le journal d'audit")
    query = _filtered(flt)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.execute(
        query.order_by(AuditEvent.id.desc()).offset((max(page, 1) - 1) * per_page).limit(per_page)
    ).scalars().all()
    return list(rows), total


CSV_HEADER = ["id", "date_heure_utc", "auteur", "action", "type_objet", "objet", "resultat",
              "details", "empreinte_precedente", "empreinte"]


def export_csv(session: Session, user: User, flt: AuditFilter) -> str:
    """The filtered log as CSV (Excel-friendly, see core.exports); the export is itself audited."""
    ensure_role(user, *AUDIT_READERS, action="exporter le journal d'audit")
    rows = [[e.id, e.at.isoformat(sep=" ", timespec="seconds"), e.actor, e.action, e.object_type,
             e.object_id, e.outcome, e.details, e.prev_hash, e.hash]
            for e in session.execute(_filtered(flt).order_by(AuditEvent.id)).scalars()]
    record(session, "audit.export", actor=user, details={"filtre_action": flt.action,
                                                         "filtre_auteur": flt.actor,
                                                         "lignes": len(rows)})
    return exports.csv_text(CSV_HEADER, rows)
