"""A content-addressed file store under var/files: originals are kept as uploaded.

Files are named by their SHA-256, so the same CV uploaded twice is stored
once, and a stored file can be checked against its name. The database keeps
the metadata (who, when, original filename).

A file written for a database row that is never committed (a refused
batch, a process killed mid-batch) must not stay behind. `put(data,
session)` leaves a marker beside a new file, dropped when the session
commits; `recover(session)` deletes a marked file that no row references
once its writer is gone (rolled back, dead process on this host, or an
hour old). A row names a stored file in a column called `sha256`, in any
table: that is what `recover` looks up before deleting anything. A file a
form keeps across an error (`keep`) carries the same marker from the start,
never dropped: it lasts an hour, unless a row has named it by then.

Every process runs `recover_at_start` before its first request or job, so
what a crash left is gone at the next start, not at the next CV batch. Many
processes may start at once: a marker whose writer still runs (on this host,
or younger than an hour elsewhere) is left alone, and deleting twice is
harmless. With several collectivités sharing the store, every database is
asked before a file is deleted (identical bytes are stored once for all).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import socket
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from collectivia.core.errors import NotFound
from collectivia.settings import Settings

log = logging.getLogger(__name__)

SHA256 = re.compile(r"^[0-9a-f]{64}$")
PENDING = ".pending"
STALE_SECONDS = 3600
ROLLED_BACK = "annule"
_SESSION_KEY = "collectivia_pending_files"


def _writer() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    for marker in session.info.pop(_SESSION_KEY, []):
        marker.unlink(missing_ok=True)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous) -> None:  # noqa: ANN001
    """The outer transaction is gone: its new files are for `recover` to check and delete."""
    if previous.parent is not None:
        return
    for marker in session.info.pop(_SESSION_KEY, []):
        digest = marker.name.partition(".")[0]
        with contextlib.suppress(FileNotFoundError):
            marker.rename(marker.with_name(f"{digest}.{ROLLED_BACK}"))


class FileStore:
    def __init__(self, settings: Settings):
        # COLLECTIVIA_FILE_STORE: one directory every machine mounts, so an original uploaded
        # through one machine is served by any other (content addressing makes writes idempotent)
        self.root = Path(settings.file_store) if settings.file_store else Path(settings.var_dir) / "files"

    def _path(self, digest: str) -> Path:
        if not SHA256.match(digest):
            raise NotFound("Fichier introuvable.")
        return self.root / digest[:2] / digest[2:]

    def put(self, data: bytes, session: Session | None = None) -> str:
        """Store the bytes (atomically) and return their SHA-256.

        With a session, a new file stays marked as pending until that session
        commits (see `recover`): call it last, once nothing else can fail.
        """
        digest = hashlib.sha256(data).hexdigest()
        if self._path(digest).exists():
            return digest
        if session is not None:
            session.info.setdefault(_SESSION_KEY, []).append(self._mark(digest))
        self._write(digest, data)
        return digest

    def keep(self, data: bytes) -> str:
        """Store bytes that no row names yet, for a form to send back (a file chosen before a
        form error): pending from the start, and for good, so `recover` deletes it once it is an
        hour old unless a row names it by then. Neither a crash nor an abandoned form leaves it
        behind."""
        digest = hashlib.sha256(data).hexdigest()
        if not self._path(digest).exists():
            self._mark(digest)
            self._write(digest, data)
        return digest

    def _mark(self, digest: str) -> Path:
        """The pending marker of a file about to be written by this process (written first)."""
        marker = self.root / PENDING / f"{digest}.{_writer()}"
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        return marker

    def _write(self, digest: str, data: bytes) -> None:
        path = self._path(digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, digest: str) -> bytes:
        path = self._path(digest)
        if not path.exists():
            raise NotFound("Fichier introuvable dans le stockage.")
        return path.read_bytes()

    def exists(self, digest: str) -> bool:
        return self._path(digest).exists()

    def delete(self, digest: str) -> None:
        """Remove a file (retention jobs); the caller makes sure no record still points to it."""
        self._path(digest).unlink(missing_ok=True)

    def discard_unreferenced(self, session: Session, digests: list[str]) -> int:
        """Delete those of these files no row names any more (a job's inputs, once it ended)."""
        removed = 0
        for digest in dict.fromkeys(digests):
            if not _referenced((session,), digest):
                self._path(digest).unlink(missing_ok=True)
                removed += 1
        return removed

    def recover(self, session: Session, *others: Session) -> int:
        """Delete the files left by writers that died before committing, and the kept files an
        hour old, that no row of these databases names; how many were deleted."""
        folder = self.root / PENDING
        if not folder.is_dir():
            return 0
        removed = 0
        for marker in folder.iterdir():
            digest, _, writer = marker.name.partition(".")
            if not SHA256.match(digest) or not _gone(writer, marker):
                continue
            if not _referenced((session, *others), digest):
                self._path(digest).unlink(missing_ok=True)
                removed += 1
            marker.unlink(missing_ok=True)
        return removed


def recover_at_start(settings: Settings, databases: list) -> int:
    """What a crash left in the file store, deleted as a process starts (web or worker), every
    database the store serves asked first. A failure is logged, never fatal: the next start,
    or the next CV batch, tries again."""
    try:
        with contextlib.ExitStack() as stack:
            sessions = [stack.enter_context(database.session()) for database in databases]
            removed = FileStore(settings).recover(*sessions) if sessions else 0
    except Exception:       # noqa: BLE001 - an unreadable store or database must not stop the start
        log.exception("pending files not recovered at start")
        return 0
    if removed:
        log.info("%d file(s) left by an interrupted write deleted", removed)
    return removed


def _gone(writer: str, marker: Path) -> bool:
    """Whether the process that left this marker can no longer commit."""
    if writer == ROLLED_BACK:
        return True
    host, _, pid = writer.rpartition("-")
    try:
        if time.time() - marker.stat().st_mtime > STALE_SECONDS:
            return True
    except FileNotFoundError:
        return False
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _referenced(sessions: tuple[Session, ...], digest: str) -> bool:
    from collectivia.core.db import Base

    columns = [table.c.sha256 for table in Base.metadata.tables.values() if "sha256" in table.c]
    return any(session.execute(select(column).where(column == digest).limit(1)).first()
               for session in sessions for column in columns)
