"""A process caught in the middle of a write to the file store: `interrupted_writer.py URL VAR WHAT`.

WHAT is what it was writing:
- "document-rh": an HR document stored and indexed, its transaction not yet committed;
- "fichier-garde": a file kept for the HR documents form after a form error;
- "en-cours": a file put for a transaction still open, the process alive until stdin closes
  (the file only: on SQLite a real open transaction would hold every other writer).

It prints the file's SHA-256; then, except "en-cours", it kills itself with SIGKILL: no
handler runs, nothing is committed or cleaned, as in a crash or an out-of-memory kill.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from sqlalchemy import select

from collectivia.core.db import Database
from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.knowledge.chunking import chunk_document
from collectivia.knowledge.service import ReadUpload, UploadForm, store_upload
from collectivia.settings import Settings

NOTE = "# Note de service\n\nArticle 1 : Astreintes\n\nL'astreinte du week-end est de {n} euros.\n"


def main(url: str, var_dir: str, what: str) -> None:
    settings = Settings(var_dir=Path(var_dir), secret_key="test-secret-key-" + "x" * 32)
    text = NOTE.format(n=os.getpid())            # bytes of its own: a file of its own
    if what == "fichier-garde":
        print(FileStore(settings).keep(text.encode()), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    database = Database(url)
    with database.session() as session:
        if what == "en-cours":
            print(FileStore(settings).put(text.encode(), session), flush=True)
            sys.stdin.read()
            os.kill(os.getpid(), signal.SIGKILL)
        rh = session.execute(select(User).where(User.login == "rh")).scalar_one()
        upload = ReadUpload(data=text.encode(), filename="note.md", kind="markdown",
                            drafts=chunk_document(text), version_date=None)
        document = store_upload(session, rh, settings, upload, UploadForm(title="Note astreintes"))
        session.flush()
        print(document.sha256, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(*sys.argv[1:4])
