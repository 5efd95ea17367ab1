"""A confirmed staff-table import is stored by the job queue, all or nothing, followed by HR."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.jobs import progress, queue
from collectivia.jobs.models import JobStatus, TrackedJob
from collectivia.workforce import service
from collectivia.workforce.models import StaffImport, StaffRow
from support import after_jobs, csrf_of, text_of

DATA = Path(__file__).parent / "data"


def _confirm_form(client, content: bytes, filename: str) -> tuple[str, dict[str, str]]:
    """Upload, then read the preview's mapping as the browser would send it to confirm."""
    token = csrf_of(client, "/cartographie/import")
    preview_url = client.post("/cartographie/import", data={"csrf_token": token},
                              files={"fichier": (filename, content, "text/csv")},
                              follow_redirects=False).headers["location"]
    page = client.get(preview_url).text
    form = {"csrf_token": csrf_of(client, preview_url), "action": "importer", "mode": "fuzzy"}
    for name, body in re.findall(r'<select id="col-(\w+)" name="\w+">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="(\d+)" selected>', body)
        form[name] = chosen.group(1) if chosen else ""
    return preview_url, form


def _confirm(client, content: bytes, filename: str):
    """Upload, read the preview's mapping as the browser would send it, confirm the import."""
    preview_url, form = _confirm_form(client, content, filename)
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


def test_an_import_whose_author_lost_the_right_ends_with_its_reason(
        client, login, demo_database):
    login(client, Role.GESTIONNAIRE_RH)
    before = _imports(demo_database)
    _confirm(client, (DATA / "effectifs_admiville.csv").read_bytes(), "effectifs.csv")
    with demo_database.session() as session:            # moved to another job before the run
        session.execute(update(User).where(User.role == Role.GESTIONNAIRE_RH)
                        .values(role=Role.AGENT.value))
    queue.drain(demo_database)
    with demo_database.session() as session:
        job = session.execute(select(TrackedJob).order_by(TrackedJob.id.desc())).scalars().first()
        assert job.status == JobStatus.FAILED.value
        assert "importer le tableau des effectifs" in job.error
    assert _imports(demo_database) == before                     # nothing stored


def _staff_rows(database) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(StaffRow)).scalar_one()


def _jobs(database) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(TrackedJob)).scalar_one()


def test_an_import_failing_halfway_through_its_rows_stores_none_of_them(
        client, login, demo_database, settings, monkeypatch):
    """All or nothing: the rows already written when the import breaks are not kept."""
    login(client, Role.GESTIONNAIRE_RH)
    before, rows_before = _imports(demo_database), _staff_rows(demo_database)
    queued = _confirm(client, (DATA / "effectifs_admiville.csv").read_bytes(), "effectifs.csv")
    job_id = int(queued.headers["location"].rsplit("/", 1)[1])
    real = service.store_records

    def breaking_halfway(session, records, **options):
        real(session, records[:len(records) // 2], **options)
        session.flush()
        assert session.execute(select(func.count()).select_from(StaffRow)).scalar_one() \
            == rows_before + 55                                  # half the table is written
        raise RuntimeError("connection to the database lost")

    monkeypatch.setattr(service, "store_records", breaking_halfway)
    with pytest.raises(RuntimeError):
        progress.run(demo_database, settings, job_id, last_attempt=True)
    with demo_database.session() as session:
        job = session.get(TrackedJob, job_id)
        assert job.status == JobStatus.FAILED.value and job.error == progress.UNEXPECTED
    assert (_imports(demo_database), _staff_rows(demo_database)) == (before, rows_before)


def test_confirming_the_same_import_twice_queues_it_once(client, login, demo_database):
    """The confirm form sent again (back button, double click) leads to the import already
    queued, which stores the table once."""
    login(client, Role.GESTIONNAIRE_RH)
    before, jobs_before = _imports(demo_database), _jobs(demo_database)
    preview_url, form = _confirm_form(client, (DATA / "effectifs_admiville.csv").read_bytes(),
                                      "effectifs.csv")
    first = client.post(preview_url, data=form, follow_redirects=False)
    again = client.post(preview_url, data=form, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == first.headers["location"]
    assert "Cet import est déjà lancé : il n'est pas lancé une seconde fois" in text_of(
        client.get(again.headers["location"]))
    assert _jobs(demo_database) == jobs_before + 1
    after_jobs(client, first, demo_database)
    assert _imports(demo_database) == before + 1


def test_an_import_already_queued_can_no_longer_be_abandoned(client, login, demo_database):
    """« Abandonner » does not claim that nothing was stored while the queued import goes on:
    it says so and shows the import, which ends as queued."""
    login(client, Role.GESTIONNAIRE_RH)
    before = _imports(demo_database)
    preview_url, form = _confirm_form(client, (DATA / "effectifs_admiville.csv").read_bytes(),
                                      "effectifs.csv")
    queued = client.post(preview_url, data=form, follow_redirects=False)
    abandoned = client.post(preview_url, data={**form, "action": "abandonner"},
                            follow_redirects=False)
    assert abandoned.headers["location"] == queued.headers["location"]
    page = text_of(client.get(abandoned.headers["location"]))
    assert "il ne peut plus être abandonné" in page and "rien n'a été enregistré" not in page
    assert "Terminé" in text_of(after_jobs(client, queued, demo_database))
    assert _imports(demo_database) == before + 1


def test_an_officer_who_lost_the_right_no_longer_sees_the_import_page(client, login, demo_database):
    """Moved to another role, the officer who started the import gets the same « not found » as
    anyone else, on the page and on what its script polls."""
    login(client, Role.GESTIONNAIRE_RH)
    url = _confirm(client, (DATA / "effectifs_admiville.csv").read_bytes(),
                   "effectifs.csv").headers["location"]
    with demo_database.session() as session:
        session.execute(update(User).where(User.role == Role.GESTIONNAIRE_RH)
                        .values(role=Role.AGENT.value))
    page = client.get(url)
    assert page.status_code == 404 and "n'existe pas ou ne vous concerne pas" in text_of(page)
    assert client.get(url + "/etat").status_code == 404


def test_an_import_taken_over_from_a_slow_runner_stores_the_table_once(
        client, login, demo_database, settings, monkeypatch):
    """A runner silent past `STALE` is presumed dead and another stores the table; when the
    slow one gets to the end of its own import, its whole transaction is rolled back."""
    from collectivia.core import clock

    login(client, Role.GESTIONNAIRE_RH)
    before = _imports(demo_database)
    queued = _confirm(client, (DATA / "effectifs_admiville.csv").read_bytes(), "effectifs.csv")
    job_id = int(queued.headers["location"].rsplit("/", 1)[1])
    real = service.import_table

    def slow_import(*args, **options):
        monkeypatch.setattr(service, "import_table", real)
        clock.travel(progress.STALE.total_seconds() + 60)
        progress.run(demo_database, settings, job_id, last_attempt=False)   # another takes over
        return real(*args, **options)

    monkeypatch.setattr(service, "import_table", slow_import)
    progress.run(demo_database, settings, job_id, last_attempt=False)
    with demo_database.session() as session:
        assert session.get(TrackedJob, job_id).status == JobStatus.DONE.value
    assert _imports(demo_database) == before + 1
