"""Signed checkpoints of the audit chain, kept outside the database.

The keyed chain stops anyone from rewriting an event unseen, but not from
deleting the newest ones: what is left is still a valid chain. A checkpoint
is one JSON line — the last event's id and hash, the number of events, the
keyed chain's starting point — signed with the audit key and appended to a
file (and optionally sent to syslog) that an administrator of the database
cannot reach. `verify_against()` then names a truncation or a rewrite since.
Operators run `collectivia audit checkpoint --to FILE` periodically (cron,
systemd timer); see README "Journal d'audit".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import logging.handlers
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.audit import ChainProblem
from collectivia.core.french import accord
from collectivia.core.models import AuditEvent

KIND = "collectivia-audit-checkpoint/1"


@dataclass
class Checkpoint:
    at: str
    last_id: int
    last_hash: str
    events: int
    unkeyed_until_id: int
    signature: str = ""

    def fields(self) -> dict:
        values = asdict(self)
        values.pop("signature")
        return {"type": KIND, **values}

    def line(self) -> str:
        return json.dumps({**self.fields(), "signature": self.signature}, sort_keys=True)


def _sign(checkpoint: Checkpoint, key: bytes) -> str:
    message = json.dumps(checkpoint.fields(), sort_keys=True, separators=(",", ":"))
    return hmac.new(key, f"{KIND}\n{message}".encode(), hashlib.sha256).hexdigest()


def take(session: Session) -> Checkpoint:
    """The chain's current head, signed."""
    last = session.execute(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)
                           ).scalar_one_or_none()
    count = session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    checkpoint = Checkpoint(at=clock.now().isoformat(timespec="seconds"),
                            last_id=last.id if last else 0,
                            last_hash=last.hash if last else audit.GENESIS,
                            events=count, unkeyed_until_id=audit.unkeyed_until(session))
    checkpoint.signature = _sign(checkpoint, audit.chain_key())
    return checkpoint


def export(checkpoint: Checkpoint, path: Path, to_syslog: bool = False) -> None:
    """Append the checkpoint to `path` (created if needed), and to syslog when asked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(checkpoint.line() + "\n")
    if to_syslog:
        logger = logging.getLogger("collectivia.audit")
        handler = logging.handlers.SysLogHandler(
            address="/dev/log" if Path("/dev/log").exists() else ("localhost", 514))
        logger.addHandler(handler)
        try:
            logger.warning("%s", checkpoint.line())
        finally:
            logger.removeHandler(handler)
            handler.close()


class CheckpointError(Exception):
    """The checkpoint file is missing, unreadable or not signed with this installation's key."""


def last_in(path: Path) -> Checkpoint:
    """The newest checkpoint of a file, its signature checked."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as exc:
        raise CheckpointError(f"fichier de points de contrôle illisible : {exc.strerror}") from exc
    if not lines:
        raise CheckpointError("le fichier ne contient aucun point de contrôle")
    try:
        data = json.loads(lines[-1])
        if data.pop("type") != KIND:
            raise ValueError
        checkpoint = Checkpoint(**data)
    except (ValueError, TypeError, KeyError) as exc:
        raise CheckpointError("le dernier point de contrôle du fichier est mal formé") from exc
    if not hmac.compare_digest(_sign(checkpoint, audit.chain_key()), checkpoint.signature):
        raise CheckpointError("le dernier point de contrôle n'est pas signé avec la clé du "
                              "journal (COLLECTIVIA_AUDIT_KEY) : falsifié ou autre installation")
    return checkpoint


def verify_against(session: Session, checkpoint: Checkpoint) -> list[ChainProblem]:
    """What changed, since the checkpoint, that the chain alone cannot show."""
    problems: list[ChainProblem] = []
    newest = session.execute(select(func.max(AuditEvent.id))).scalar_one() or 0
    if newest < checkpoint.last_id:
        problems.append(ChainProblem(newest + 1, (
            f"journal tronqué : les événements {newest + 1} à {checkpoint.last_id}, présents au "
            f"point de contrôle du {checkpoint.at}, ont disparu")))
        return problems
    if checkpoint.last_id:
        anchor = session.get(AuditEvent, checkpoint.last_id)
        if anchor is None or anchor.hash != checkpoint.last_hash:
            problems.append(ChainProblem(checkpoint.last_id, (
                "l'événement ne correspond plus au point de contrôle du "
                f"{checkpoint.at} : le journal a été réécrit")))
    kept = session.execute(select(func.count()).select_from(AuditEvent)
                           .where(AuditEvent.id <= checkpoint.last_id)).scalar_one()
    if kept != checkpoint.events:
        gone = checkpoint.events - kept   # negative: events inserted before the checkpoint since
        done = "supprimé" if gone > 0 else "ajouté"
        problems.append(ChainProblem(None, accord(
            abs(gone), f"événement antérieur au point de contrôle a été {done}",
            f"événements antérieurs au point de contrôle ont été {done}s")))
    if audit.unkeyed_until(session) != checkpoint.unkeyed_until_id:
        problems.append(ChainProblem(None, (
            "le point de départ de la chaîne signée a été déplacé depuis le point de contrôle")))
    return problems
