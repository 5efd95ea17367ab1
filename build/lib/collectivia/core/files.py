"""A content-addressed file store under var/files: originals are kept as uploaded.

Files are named by their SHA-256, so the same CV uploaded twice is stored
once, and a stored file can be checked against its name. The database keeps
the metadata (who, when, original filename).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from collectivia.core.errors import NotFound
from collectivia.settings import Settings

SHA256 = re.compile(r"^[0-9a-f]{64}$")


class FileStore:
    def __init__(self, settings: Settings):
        self.root = Path(settings.var_dir) / "files"

    def _path(self, digest: str) -> Path:
        if not SHA256.match(digest):
            raise NotFound("Fichier introuvable.")
        return self.root / digest[:2] / digest[2:]

    def put(self, data: bytes) -> str:
        """Store the bytes (atomically) and return their SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        path = self._path(digest)
        if path.exists():
            return digest
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

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
