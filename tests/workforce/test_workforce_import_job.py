"""A confirmed staff-table import is stored by the job queue, all or nothing, followed by HR."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import func, select, update

from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.jobs import queue
from collectivia.jobs.models import JobStatus, TrackedJob
from collectivia.workforce.models import StaffImport, StaffRow
from support import after_jobs, csrf_of, text_of

DATA = Path(__file__).parent / "data"


def _confirm(client, content: bytes, filename: str):
    """Upload, read the preview's mapping as the browser would send it, confirm the import."""
    token = csrf_of(client, "/cartographie/import")
    preview_url = client.post("/cartographie/import", data={"csrf_token": token},
                              files={"fichier": (filename, content, "text/csv")},
                              follow_redirects=False).headers["location"]
    page = client.get(preview_url).text
    form = {"csrf_token": csrf_of(client, preview_url), "action": "importer", "mode": "fuzzy"}
    for name, body in re.findall(r'<select id="col-(\w+)" name="\w+">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="(\d+)" selected>', body)
        form[name] = chosen.group(1) if chosen else ""
    return client.post(preview_url, data=form, follow_redirects=False)


def _imports(database) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(StaffImport)).scalar_one()


def test_the_import_waits_in_the_queue_then_stores_every_agent(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    before = _imports(demo_database)
    queued = _confirm(client, (DATA / "effectifs_admiville.csv").read_bytes(), "effectifs.csv")
    assert queued.status_code == 303 and queued.headers["location"].startswith("/taches/")
    waiting = text_of(client.get(queued.headers["location"]))
    assert "Import du tableau des effectifs" in waiting and "En attente" in waiting
    assert _imports(demo_database) == before                     # nothing stored yet

    done = text_of(after_jobs(client, queued, demo_database))
    assert "Terminé" in done and "importé comme brouillon : 110 agents" in done
    assert "Vérifier les intitulés à rapprocher" in done
    with demo_database.session() as session:
        latest = session.execute(select(StaffImport).order_by(StaffImport.id.desc())).scalars().first()
        assert latest.filename == "effectifs.csv"
        assert session.execute(select(func.count()).select_from(StaffRow)
                               .where(StaffRow.import_id == latest.id)).scalar_one() == 110


def test_only_the_hr_officer_who_imported_follows_the_import(client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    url = _confirm(client, (DATA / "effectifs_admiville.csv").read_bytes(),
                   "effectifs.csv").headers["location"]
    for other in (Role.REFERENT_IA, Role.REPRESENTANT_PERSONNEL, Role.ADMIN, Role.RECRUTEUR):
        client.cookies.clear()
        login(client, other)
        assert client.get(url).status_code == 404, other
        assert client.get(url + "/etat").status_code == 404, other


def test_an_import_whose_author_lost_the_right_fails_whole_with_its_reason(
        client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    before = _imports(demo_database)
    queued = _confirm(client, (DATA / "effectifs_admiville.csv").read_bytes(), "effectifs.csv")
    with demo_database.session() as session:            # moved to another job before the run
        session.execute(update(User).where(User.role == Role.GESTIONNAIRE_RH)
                        .values(role=Role.AGENT.value))
    queue.drain(demo_database)
    with demo_database.session() as session:
        job = session.execute(select(TrackedJob).order_by(TrackedJob.id.desc())).scalars().first()
        assert job.status == JobStatus.FAILED.value
        assert "importer le tableau des effectifs" in job.error
    assert _imports(demo_database) == before                     # all or nothing
