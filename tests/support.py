"""Helpers shared by the tests: signing in, reading CSRF tokens, API tokens, which database is
used, uploads read while other users write."""

from __future__ import annotations

import os
import re

from fastapi.testclient import TestClient

from collectivia.core.demo import DEMO_ACCOUNTS
from collectivia.core.roles import Role

USE_POSTGRES = os.environ.get("COLLECTIVIA_TEST_DATABASE", "sqlite") == "postgresql"

DEMO_PASSWORDS = {a.role: (a.login, a.password) for a in DEMO_ACCOUNTS}


def csrf_of(client: TestClient, path: str = "/connexion") -> str:
    """The CSRF token of the current session, read from a page's form."""
    html = client.get(path).text
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login_as(client: TestClient, role: Role) -> TestClient:
    login, password = DEMO_PASSWORDS[role]
    token = csrf_of(client)
    response = client.post("/connexion", data={"identifiant": login, "mot_de_passe": password,
                                               "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def api_token(client: TestClient, role: Role) -> str:
    """A personal API token made on the profile page by this demo account (the client leaves
    signed out: the token alone authenticates what it sends next)."""
    login_as(client, role)
    page = client.post("/profil/jetons", data={"csrf_token": csrf_of(client, "/profil"),
                                               "nom": "script"})
    client.cookies.clear()
    return page.text.split('id="nouveau-jeton" class="token-value" value="')[1].split('"')[0]


def run_worker_once(database, settings):
    """`collectivia worker --once` on this database and var directory, in its own process, as an
    operator starts it (explicit keys, as a shared deployment requires)."""
    import subprocess
    import sys
    from pathlib import Path

    from cryptography.fernet import Fernet

    environment = {**os.environ, "COLLECTIVIA_DATABASE_URL": database.url,
                   "COLLECTIVIA_VAR_DIR": str(settings.var_dir),
                   "COLLECTIVIA_SECRET_KEY": "test-secret-key-" + "x" * 32,
                   "COLLECTIVIA_VAULT_KEY": Fernet.generate_key().decode()}
    worker = subprocess.run([str(Path(sys.executable).parent / "collectivia"), "worker", "--once"],
                            env=environment, capture_output=True, timeout=300)
    assert worker.returncode == 0, worker.stderr.decode()[-2000:]
    return worker


def text_of(response) -> str:
    """The page's text as a user reads it (HTML entities such as &#39; decoded)."""
    import html

    return html.unescape(response.text)


def after_jobs(client: TestClient, response, database):
    """The progress page a form's queued job led to, reloaded once the queue has run, as
    `collectivia worker` (or the demo's in-process runner) would have run it meanwhile."""
    from collectivia.jobs import queue

    import time

    from collectivia.jobs.models import JobStatus, TrackedJob

    url = response.headers.get("location") or str(response.url)
    assert "/taches/" in url, f"no job followed: {url}"
    job_id = int(url.rstrip("/").split("/taches/")[1].split("/")[0].split("?")[0])
    for attempt in range(3):           # a job deferred while the queue was draining waits its turn
        queue.drain(database)
        with database.session() as session:
            job = session.get(TrackedJob, job_id)
            status, step = job.status, job.step
        if JobStatus(status).finished:
            break
        time.sleep(0.2 * (attempt + 1))
    assert JobStatus(status).finished, f"job {job_id} still {status} after draining: {step}"
    return client.get(url)


def zip_of(files: dict[str, bytes]) -> bytes:
    """A ZIP archive holding these files (name -> bytes), as a user would send a batch."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def others_write_while_files_are_read(monkeypatch, database) -> list[float]:
    """While an uploaded file is being read (every `sandbox.run`, where a parse may last a
    minute), another user's request writes: an audit event, committed in a session of its
    own. Returns how long each such write took.

    On SQLite a transaction left open around the parse holds the one write lock, and the
    other user would wait the busy timeout (30 s) before "database is locked": so the
    stand-in first checks that the upload holds no connection at all."""
    import time

    from collectivia.core import audit, sandbox

    took: list[float] = []
    parse = sandbox.run

    def parse_while_someone_writes(*args, **kwargs):
        assert database.engine.pool.checkedout() == 0, "a transaction is open during the parse"
        started = time.monotonic()
        with database.session() as other:
            audit.record(other, "test.ecriture_pendant_une_lecture", actor_label="un autre agent")
        took.append(time.monotonic() - started)
        return parse(*args, **kwargs)

    monkeypatch.setattr(sandbox, "run", parse_while_someone_writes)
    return took
