"""Import drafts: an uploaded staff table's cells, kept privately on disk until HR confirms.

The file is read once, in the sandbox's child process (a hostile workbook
costs a bounded amount of CPU and memory there, never the web process), and
its cells come back as the draft's JSON. A draft is bounded on disk: in bytes
(a 28 KB workbook once wrote a 219 MB draft), in number per user (an upload
replaces the oldest ones) and in total; drafts expire after DRAFT_HOURS.
"""

from __future__ import annotations

import json
import secrets
import time
from datetime import date, datetime
from datetime import time as dt_time
from pathlib import Path

from collectivia.core import sandbox
from collectivia.core.errors import InvalidInput, NotFound
from collectivia.core.models import User
from collectivia.settings import Settings
from collectivia.workforce.reader import RawTable, read_table

DRAFT_HOURS = 24
MAX_DRAFT_BYTES = 60_000_000
MAX_DRAFTS_PER_USER = 3
MAX_DRAFTS_TOTAL_BYTES = 400_000_000
BUDGET = sandbox.Budget(cpu_seconds=30, memory_bytes=1_500_000_000, wall_seconds=60)


def _directory(settings: Settings) -> Path:
    path = settings.var_dir / "workforce" / "brouillons"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _path(settings: Settings, user: User, token: str) -> Path:
    if not token.isalnum():
        raise NotFound("Ce brouillon d'import n'existe pas ou a expiré.")
    return _directory(settings) / f"{user.id}-{token}.json"


def _cell_to_json(value: object) -> dict:
    if isinstance(value, (datetime, date, dt_time)):
        return {"$": type(value).__name__, "v": value.isoformat()}
    return {"$": "str", "v": str(value)}


def _cell_from_json(obj: dict) -> object:
    kind = obj.get("$")
    if kind == "datetime":
        return datetime.fromisoformat(obj["v"])
    if kind == "date":
        return date.fromisoformat(obj["v"])
    if kind == "time":
        return dt_time.fromisoformat(obj["v"])
    return obj.get("v") if kind == "str" else obj


def parse_to_draft(data: bytes, filename: str) -> bytes:
    """Read the file and encode its cells as a draft (runs in the sandbox's child)."""
    table = read_table(data, filename)
    payload = {"filename": filename[:255], "kind": table.kind, "headers": table.headers,
               "rows": table.rows, "header_line": table.header_line, "notes": table.notes,
               "warnings": table.warnings}
    encoded = json.dumps(payload, default=_cell_to_json, separators=(",", ":")).encode()
    if len(encoded) > MAX_DRAFT_BYTES:
        raise InvalidInput(f"Le contenu du fichier dépasse {MAX_DRAFT_BYTES // 1_000_000} Mo une "
                           "fois lu : retirez les colonnes inutiles ou découpez-le.")
    return encoded


def stage(settings: Settings, user: User, data: bytes, filename: str) -> str:
    """Parse the upload in the sandbox, keep its cells as this user's draft, return its token."""
    name = (filename or "fichier").replace("\\", "/").rsplit("/", 1)[-1][:120]
    encoded = sandbox.run(parse_to_draft, data, filename, budget=BUDGET,
                          subject=f"Le fichier « {name} »")
    purge(settings, user)
    token = secrets.token_hex(12)
    path = _path(settings, user, token)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(encoded)
    tmp.replace(path)
    return token


def purge(settings: Settings, user: User | None = None) -> None:
    """Drop expired drafts, this user's oldest beyond the per-user count, then the oldest overall."""
    limit = time.time() - DRAFT_HOURS * 3600
    drafts = []
    for path in _directory(settings).iterdir():
        stat = path.stat()
        if stat.st_mtime < limit or (path.suffix == ".tmp" and stat.st_mtime < time.time() - 3600):
            path.unlink(missing_ok=True)
        elif path.suffix == ".json":
            drafts.append((stat.st_mtime, stat.st_size, path))
    drafts.sort()
    if user is not None:
        own = [d for d in drafts if d[2].name.startswith(f"{user.id}-")]
        for draft in own[:max(0, len(own) - (MAX_DRAFTS_PER_USER - 1))]:
            draft[2].unlink(missing_ok=True)
            drafts.remove(draft)
    total = sum(size for _, size, _ in drafts)
    for _, size, path in drafts:
        if total <= MAX_DRAFTS_TOTAL_BYTES - MAX_DRAFT_BYTES:
            break
        path.unlink(missing_ok=True)
        total -= size


def raw(settings: Settings, user: User, token: str) -> bytes:
    """The draft as stored (a queued import keeps a copy in the shared file store)."""
    path = _path(settings, user, token)
    if not path.exists():
        raise NotFound("Ce brouillon d'import n'existe pas ou a expiré : déposez à nouveau le fichier.")
    return path.read_bytes()


def decode(data: bytes) -> tuple[RawTable, str]:
    d = json.loads(data, object_hook=_cell_from_json)
    table = RawTable(d["filename"], d["kind"], d["headers"], d["rows"], d["header_line"],
                     d["notes"], d["warnings"])
    return table, d["filename"]


def load(settings: Settings, user: User, token: str) -> tuple[RawTable, str]:
    return decode(raw(settings, user, token))


def discard(settings: Settings, user: User, token: str) -> None:
    _path(settings, user, token).unlink(missing_ok=True)
