"""A crash in the middle of a write leaves nothing in the file store once the platform restarts.

Every file written for a row not yet committed (CVs, HR documents, workspace
documents, job inputs) is marked pending until its transaction commits, and
so is a file the HR documents form keeps across an error. Issue 17: a SIGKILL
during a CV batch left an orphan file, which only the next CV batch deleted.
Now each web process and each `collectivia worker` deletes, as it starts,
what a dead writer left and no row names, and leaves alone the writes of the
processes still running.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from collectivia.core.files import PENDING, FileStore, recover_at_start
from collectivia.core.roles import Role
from collectivia.knowledge.models import KnowledgeDocument
from collectivia.web.app import create_app
from support import csrf_of, login_as, run_worker_once, text_of

HERE = Path(__file__).parent
NOTE = b"# Note de service\n\nArticle 1 : Astreintes\n\nL'astreinte du week-end est de 150 euros.\n"


def writer(database, settings, what: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(HERE / "interrupted_writer.py"), database.url,
                             str(settings.var_dir), what], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def crash(database, settings, what: str) -> str:
    """The digest of the file a process was writing when it was killed."""
    process = writer(database, settings, what)
    out, err = process.communicate(timeout=120)
    assert process.returncode == -9, err.decode()[-2000:]
    return out.decode().split()[0]


def markers(settings) -> list[str]:
    folder = FileStore(settings).root / PENDING
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def an_hour_later(settings) -> None:
    for marker in (FileStore(settings).root / PENDING).iterdir():
        old = time.time() - 3601
        os.utime(marker, (old, old))


def test_what_a_crash_left_is_deleted_when_the_web_process_starts(demo_database, settings):
    document = crash(demo_database, settings, "document-rh")
    kept = crash(demo_database, settings, "fichier-garde")
    store = FileStore(settings)
    assert store.exists(document) and store.exists(kept)          # the crash left them behind
    with demo_database.session() as session:                       # and no row names them
        assert session.execute(select(KnowledgeDocument.id).where(
            KnowledgeDocument.sha256 == document)).first() is None
    with TestClient(create_app(settings, demo_database)):
        pass
    assert not store.exists(document) and not store.exists(kept)
    assert markers(settings) == []


def test_the_worker_deletes_them_too_before_its_first_job(demo_database, settings):
    document = crash(demo_database, settings, "document-rh")
    run_worker_once(demo_database, settings)
    assert not FileStore(settings).exists(document) and markers(settings) == []


def test_processes_starting_together_spare_the_writers_still_at_work(demo_database, settings):
    orphan = crash(demo_database, settings, "document-rh")
    busy = writer(demo_database, settings, "en-cours")        # another process, mid-upload
    try:
        in_progress = busy.stdout.readline().decode().strip()
        starts = [threading.Thread(target=recover_at_start, args=(settings, [demo_database]))
                  for _ in range(3)]
        for start in starts:
            start.start()
        for start in starts:
            start.join(60)
        store = FileStore(settings)
        assert not store.exists(orphan)
        assert store.exists(in_progress) and len(markers(settings)) == 1
    finally:
        busy.stdin.close()                                     # then it dies too, uncommitted
        busy.wait(60)
    recover_at_start(settings, [demo_database])
    assert not FileStore(settings).exists(in_progress) and markers(settings) == []


def test_an_hr_document_added_keeps_its_file_and_no_marker(client, login, demo_database, settings):
    login(client, Role.GESTIONNAIRE_RH)
    added = client.post("/questions-rh/documents", data={
        "titre": "Note astreintes", "diffusion": "public",
        "csrf_token": csrf_of(client, "/questions-rh/documents")},
        files={"fichier": ("note.md", NOTE)})
    assert "« Note astreintes » est indexé" in text_of(added)
    with demo_database.session() as session:
        digest = session.execute(select(KnowledgeDocument.sha256).where(
            KnowledgeDocument.title == "Note astreintes")).scalar_one()
    assert FileStore(settings).exists(digest) and markers(settings) == []


def kept_token(page) -> str:
    return re.search(r'name="fichier_garde" value="([^"]+)"', page.text).group(1)


def test_a_file_kept_across_a_form_error_lasts_an_hour_unless_its_document_is_added(
        client, demo_database, settings):
    login_as(client, Role.GESTIONNAIRE_RH)
    token = csrf_of(client, "/questions-rh/documents")

    def send(**fields):
        return client.post("/questions-rh/documents",
                           data={"titre": "Note astreintes", "csrf_token": token, **fields},
                           files={"fichier": ("note.md", fields.pop("data"))} if "data" in fields
                           else None)

    # a restricted note with no role chosen: refused, the file kept for the next try
    corrected = kept_token(send(diffusion="restreint", data=NOTE))
    assert len(markers(settings)) == 1
    assert "est indexé" in text_of(send(diffusion="public", fichier_garde=corrected))
    # another note, and the HR officer gives up after the error
    abandoned = kept_token(send(diffusion="restreint", data=NOTE + b"Article 2 : Repos\n\nDeux jours.\n"))
    an_hour_later(settings)
    recover_at_start(settings, [demo_database])
    with demo_database.session() as session:
        digest = session.execute(select(KnowledgeDocument.sha256).where(
            KnowledgeDocument.title == "Note astreintes")).scalar_one()
    assert FileStore(settings).exists(digest)                  # its document names it: kept
    assert markers(settings) == []                             # the abandoned one is gone
    late = send(diffusion="public", fichier_garde=abandoned)
    assert late.status_code == 422 and "Choisissez un fichier" in text_of(late)
