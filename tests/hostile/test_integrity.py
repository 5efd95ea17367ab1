"""Nothing half-saved: savepoints nest, audited actions do not collide, a killed batch leaves no orphan.

Issue 17 saw, on SQLite: 5 % of pages in HTTP 500 with 10 recruiters
("UNIQUE constraint failed: audit_events.prev_hash"), a ZIP failing on its
6th file keeping the first 5 without a batch event, and a SIGKILL during a
200-CV batch leaving 139/200 and an orphan file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

import batch_worker
from collectivia.core import audit
from collectivia.core.files import FileStore
from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import Role
from collectivia.recruitment import candidates
from collectivia.recruitment.models import Candidate, CandidateDocument, Posting
from support import login_as
from test_sandbox import _serve

HERE = Path(__file__).parent


def _events(session, action: str) -> int:
    return session.execute(select(func.count()).select_from(AuditEvent)
                           .where(AuditEvent.action == action)).scalar_one()


def test_a_released_savepoint_is_undone_with_its_transaction(demo_database):
    with demo_database.session() as session:
        before = _events(session, "test.savepoint")
    try:
        with demo_database.session() as session:
            with session.begin_nested():
                audit.record(session, "test.savepoint")
            with session.begin_nested():
                audit.record(session, "test.savepoint")
            raise RuntimeError("the request fails after its savepoints were released")
    except RuntimeError:
        pass
    with demo_database.session() as session:
        assert _events(session, "test.savepoint") == before


def test_twenty_clients_on_audited_pages_get_no_error(app, demo_database):
    with demo_database.session() as session:
        posting = session.execute(select(Posting).where(Posting.reference == "REC-DEMO-001")
                                  ).scalar_one()
        candidate_ids = [c.id for c in posting.candidates][:5]
    server, thread, base = _serve(app)
    errors: list[str] = []
    answered = [0]

    cookies = {}
    for role in (Role.RECRUTEUR, Role.DPO):       # one sign-in each, shared by ten clients
        with httpx.Client(base_url=base, timeout=60) as client:
            login_as(client, role)
            cookies[role] = dict(client.cookies)
            client.get(f"/recrutement/candidatures/{candidate_ids[0]}")   # models loaded once

    def browse(index: int) -> None:
        role = Role.RECRUTEUR if index % 2 else Role.DPO
        with httpx.Client(base_url=base, timeout=60, cookies=cookies[role]) as client:
            while time.monotonic() < deadline:
                path = (f"/recrutement/candidatures/{candidate_ids[index % len(candidate_ids)]}"
                        "?original=1" if role == Role.RECRUTEUR
                        else "/admin/journal/export.csv?action=recruitment.candidate.original")
                response = client.get(path)
                answered[0] += 1
                if response.status_code != 200:
                    errors.append(f"{path}: {response.status_code}")

    clients = [threading.Thread(target=browse, args=(i,)) for i in range(20)]
    deadline = time.monotonic() + 6
    try:
        for t in clients:
            t.start()
        for t in clients:
            t.join()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"{answered[0]} audited pages in 6 s")
    assert errors == [] and answered[0] >= 40
    with demo_database.session() as session:
        assert audit.verify(session) == []


def _store_files(settings) -> set[str]:
    root = FileStore(settings).root
    return {p.parent.name + p.name for p in root.glob("??/*")} if root.exists() else set()


def test_a_batch_killed_half_way_leaves_whole_candidatures_and_no_orphan_file(
        demo_database, settings):
    with demo_database.session() as session:
        posting_id = session.execute(select(Posting.id).where(Posting.reference == "REC-DEMO-001")
                                     ).scalar_one()
        before = session.execute(select(func.count()).select_from(Candidate)
                                 .where(Candidate.posting_id == posting_id)).scalar_one()
    files_before = _store_files(settings)
    worker = subprocess.Popen([sys.executable, str(HERE / "batch_worker.py"), demo_database.url,
                               str(settings.var_dir), "40"], env={**os.environ},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        while True:
            with demo_database.session() as session:
                added = session.execute(select(func.count()).select_from(Candidate).where(
                    Candidate.posting_id == posting_id)).scalar_one() - before
            if added >= 5 or worker.poll() is not None:
                break
            time.sleep(0.02)
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL, worker.stderr.read().decode()[-2000:]

    with demo_database.session() as session:              # the restart
        FileStore(settings).recover(session)
        kept = session.execute(select(Candidate).where(Candidate.posting_id == posting_id)
                               .order_by(Candidate.id)).scalars().all()[before:]
        assert 5 <= len(kept) < 40
        cvs = {d.candidate_id: d.sha256 for d in session.execute(select(CandidateDocument))
               .scalars()}
        assert all(c.id in cvs for c in kept)              # every candidature has its CV
        assert _events(session, "recruitment.candidate.add") >= len(kept)
        referenced = set(session.execute(select(CandidateDocument.sha256)).scalars())
        assert _store_files(settings) - files_before <= referenced      # no orphan file
        assert all(FileStore(settings).exists(cvs[c.id]) for c in kept)
        assert audit.verify(session) == []

        user = session.execute(select(User).where(User.login == "recruteur")).scalar_one()
        report = candidates.upload(session, user, settings, posting_id, batch_worker.batch(40))
    assert len(report.already) == len(kept) and len(report.accepted) == 40 - len(kept)
    with demo_database.session() as session:
        total = session.execute(select(func.count()).select_from(Candidate)
                                .where(Candidate.posting_id == posting_id)).scalar_one()
    assert total == before + 40
