"""Signed checkpoints of the audit chain, kept outside the database.

The keyed chain stops anyone from rewriting an event unseen, but not from
deleting the newest ones: what is left is still a valid chain. A checkpoint
is one JSON line — the last event's id and hash, the number of events, the
keyed chain's starting point — signed with the audit key and appended to a
file (and optionally sent to syslog) that an administrator of the database
cannot reach. `verify_against()` then names a truncation or a rewrite since.

The job queue writes one every hour (`jobs.tasks`, "audit.checkpoint") to the
configured file (`COLLECTIVIA_AUDIT_CHECKPOINT_FILE`, one file per database
when a centre de gestion serves several); `collectivia audit checkpoint`
writes one at will. A checkpoint older than two days means truncation since
would go unnoticed: the administrator is warned (`staleness`). See README
"Journal d'audit".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import logging.handlers
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from collectivia.core import audit, clock
from collectivia.core.audit import ChainProblem
from collectivia.core.french import accord
from collectivia.core.models import AuditEvent

KIND = "collectivia-audit-checkpoint/1"
DEFAULT_FILE = "journal-points.jsonl"
MAX_AGE = timedelta(days=2)


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


def checkpoint_file(settings, database_url: str) -> Path:
    """Where the periodic job appends: the configured file (var/journal-points.jsonl by default);
    with several collectivités, one file each, named after the database (their chains differ)."""
    path = (Path(settings.audit_checkpoint_file) if settings.audit_checkpoint_file
            else Path(settings.var_dir) / DEFAULT_FILE)
    if settings.tenants:
        name = Path(make_url(database_url).database or "base").stem
        path = path.with_name(f"{path.stem}-{name}{path.suffix}")
    return path


def write(database, path: Path, *, to_syslog: bool = False, actor_label: str) -> Checkpoint:
    """Take a checkpoint, append it outside the database, then note it in the journal."""
    with database.session() as session:
        point = take(session)
    export(point, path, to_syslog=to_syslog)
    with database.session() as session:
        audit.record(session, "audit.checkpoint", actor_label=actor_label,
                     details={"dernier_evenement": point.last_id, "fichier": str(path),
                              "syslog": to_syslog})
    return point


def staleness(settings, database_url: str) -> str | None:
    """What the administrator must be told when the newest checkpoint is missing, unreadable or
    more than two days old: the deletion of the last events since would go unnoticed."""
    path = checkpoint_file(settings, database_url)
    remedy = ("Vérifiez que « collectivia worker » tourne (tâche « Point de contrôle du journal "
              "d'audit », chaque heure) et qu'il peut écrire ce fichier.")
    if not path.is_file():
        return (f"Aucun point de contrôle du journal d'audit n'a été écrit dans {path} : la "
                f"suppression des derniers événements passerait inaperçue. {remedy}")
    try:
        last = last_in(path)
        at = datetime.fromisoformat(last.at)
    except (CheckpointError, ValueError) as exc:
        return f"Les points de contrôle du journal d'audit ({path}) sont inutilisables : {exc}. {remedy}"
    if clock.now() - at > MAX_AGE:
        return (f"Le dernier point de contrôle du journal d'audit date du {at:%d/%m/%Y à %H h %M} "
                f"(UTC), il y a plus de deux jours : la suppression des derniers événements depuis "
                f"passerait inaperçue. {remedy}")
    return None


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
