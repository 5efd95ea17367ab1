"""A batch of CVs is queued, read by the worker and followed by its sender on a progress page."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from collectivia.core import clock
from collectivia.core.files import FileStore
from collectivia.core.models import AuditEvent, User
from collectivia.core.roles import Role
from collectivia.jobs import progress, queue
from collectivia.jobs.models import JobStatus, TrackedJob, TrackedJobFile
from collectivia.recruitment import background, candidates
from collectivia.recruitment.models import Candidate, Posting
from support import USE_POSTGRES, after_jobs, csrf_of, text_of, zip_of

CV = """{name}
12 allée des Tilleuls, 33600 Pessac

EXPÉRIENCE PROFESSIONNELLE
01/2016 - 06/2025 : Gestionnaire de paie - Mairie de Talence
- Paie de 250 agents sous CIRIL RH

FORMATION
2012 : BTS Comptabilité et gestion
"""


def _posting_id(database) -> int:
    with database.session() as session:
        return session.execute(select(Posting.id).where(Posting.reference == "REC-DEMO-001")
                               ).scalar_one()


def _send(client, posting_id: int, files: dict[str, bytes]):
    token = csrf_of(client, f"/recrutement/offres/{posting_id}")
    return client.post(f"/recrutement/offres/{posting_id}/candidatures",
                       data={"csrf_token": token}, follow_redirects=False,
                       files=[("fichiers", (name, data, "application/octet-stream"))
                              for name, data in files.items()])


def _candidates(database, posting_id: int) -> dict[str, str]:
    """source file -> proposed group, for the posting's candidatures."""
    with database.session() as session:
        rows = session.execute(select(Candidate).where(Candidate.posting_id == posting_id)
                               ).scalars().all()
        return {c.source_filename: c.latest_screening.group for c in rows}


def test_a_batch_waits_in_the_queue_then_the_worker_adds_the_same_candidates(
        client, login, demo_database, settings):
    login(client, Role.RECRUTEUR)
    posting_id = _posting_id(demo_database)
    before = _candidates(demo_database, posting_id)
    cvs = {"lot.zip": zip_of({"alice.txt": CV.format(name="Alice ALPHA").encode(),
                            "bruno.txt": CV.format(name="Bruno BETA").encode()}),
           "chloe.txt": CV.format(name="Chloé GAMMA").encode()}

    queued = _send(client, posting_id, cvs)
    assert queued.status_code == 303 and queued.headers["location"].startswith("/taches/")
    waiting = text_of(client.get(queued.headers["location"]))
    assert "En attente" in waiting and "le traitement se poursuit" in waiting
    assert _candidates(demo_database, posting_id) == before       # nothing read in the request

    done = text_of(after_jobs(client, queued, demo_database))
    assert "Terminé" in done and "3 candidatures enregistrées et analysées" in done
    assert f'href="/recrutement/offres/{posting_id}#comparaison"' in done
    added = {k: v for k, v in _candidates(demo_database, posting_id).items() if k not in before}

    # the same files sent the way the command line and older versions did give the same groups
    with demo_database.session() as session:
        user = session.execute(select(User).where(User.role == Role.RECRUTEUR)).scalars().first()
        other = Posting(**{c: getattr(session.get(Posting, posting_id), c) for c in (
            "intitule", "direction", "categorie", "filiere", "cadre_emplois", "missions",
            "required_json", "optional_json", "definitions_json", "date_publication")}, reference="REC-TEST-002")
        session.add(other)
        session.flush()
        candidates.upload(session, user, settings, other.id, list(cvs.items()))
        other_id = other.id
    assert added == _candidates(demo_database, other_id)
    assert sorted(added) == ["alice.txt", "bruno.txt", "chloe.txt"]

    with demo_database.session() as session:
        events = session.execute(select(AuditEvent.action).where(AuditEvent.object_id.in_(
            [str(posting_id)]))).scalars().all()
        assert "recruitment.upload" in events
        assert session.execute(select(func.count()).select_from(TrackedJobFile)).scalar_one() == 0
    # the archive itself is not kept once unpacked; the CVs are, beside their candidatures
    assert not FileStore(settings).exists(hashlib.sha256(cvs["lot.zip"]).hexdigest())


def test_a_refused_file_shows_its_french_reason_and_the_others_are_kept(
        client, login, demo_database):
    login(client, Role.RECRUTEUR)
    posting_id = _posting_id(demo_database)
    queued = _send(client, posting_id, {"illisible.pdf": b"%PDF-1.4 n'importe quoi",
                                        "dora.txt": CV.format(name="Dora DELTA").encode()})
    page = text_of(after_jobs(client, queued, demo_database))
    assert "Terminé" in page and "1 candidature enregistrée et analysée ; 1 fichier refusé" in page
    assert "« illisible.pdf » :" in page
    assert "dora.txt" in _candidates(demo_database, posting_id)


def test_only_the_sender_follows_a_batch(client, login, demo_database):
    login(client, Role.RECRUTEUR)
    queued = _send(client, _posting_id(demo_database), {"eve.txt": CV.format(name="Ève EPSILON").encode()})
    url = queued.headers["location"]
    assert client.get(url).status_code == 200 and client.get(url + "/etat").json()["statut"] == "en_attente"
    for other in (Role.GESTIONNAIRE_RH, Role.MEMBRE_JURY, Role.ADMIN):
        client.cookies.clear()
        login(client, other)
        refused = client.get(url)
        assert refused.status_code == 404, other
        assert "eve.txt" not in refused.text and "n'existe pas ou ne vous concerne pas" in text_of(refused)
        assert client.get(url + "/etat").status_code == 404


def test_the_progress_page_refreshes_itself_without_javascript_and_can_be_stopped(
        client, login, demo_database):
    login(client, Role.RECRUTEUR)
    url = _send(client, _posting_id(demo_database),
                {"fanny.txt": CV.format(name="Fanny PHI").encode()}).headers["location"]
    page = client.get(url).text
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert 'src="/static/job-progress.js"' in page and "Actualiser la page" in page
    still = client.get(url + "?auto=0").text
    assert 'http-equiv="refresh"' not in still and "reprendre l'actualisation automatique" in still
    assert client.get(url).text == page                             # a reload shows the same
    finished = after_jobs(client, client.get(url), demo_database).text
    assert 'http-equiv="refresh"' not in finished and "job-progress.js" not in finished


def test_an_interrupted_batch_goes_on_after_its_last_committed_cv(
        demo_database, settings, monkeypatch):
    """A worker stopped half-way (here: an unexpected error on the second CV) loses nothing:
    the retry adds the remaining CVs, never the first one twice."""
    posting_id = _posting_id(demo_database)
    with demo_database.session() as session:
        user = session.execute(select(User).where(User.role == Role.RECRUTEUR)).scalars().first()
        job = background.start_batch(session, user, settings, posting_id, [
            ("gil.txt", CV.format(name="Gil GAMMA").encode()),
            ("hugo.txt", CV.format(name="Hugo HÊTA").encode())])
    real = candidates._add_one

    def crash_on_hugo(session, user, store, posting, name, *rest):
        if name == "hugo.txt":
            raise RuntimeError("worker killed")
        real(session, user, store, posting, name, *rest)

    monkeypatch.setattr(candidates, "_add_one", crash_on_hugo)
    with pytest.raises(RuntimeError):
        progress.run(demo_database, settings, job.id, last_attempt=False)
    with demo_database.session() as session:
        halfway = session.get(TrackedJob, job.id)
        assert (halfway.status, halfway.done) == (JobStatus.WAITING.value, 1)
        assert "nouvel essai" in halfway.step

    read_again: list[str] = []

    def reading(session, user, store, posting, name, *rest):
        read_again.append(name)
        real(session, user, store, posting, name, *rest)

    monkeypatch.setattr(candidates, "_add_one", reading)
    progress.run(demo_database, settings, job.id, last_attempt=False)
    assert read_again == ["hugo.txt"]                  # Gil's CV is not read a second time
    with demo_database.session() as session:
        finished = session.get(TrackedJob, job.id)
        assert finished.status == JobStatus.DONE.value
        assert finished.summary.startswith("2 candidatures enregistrées")
        assert "déjà" not in finished.summary           # nor reported as sent twice
        names = session.execute(select(Candidate.source_filename).where(
            Candidate.source_filename.in_(["gil.txt", "hugo.txt"]))).scalars().all()
    assert sorted(names) == ["gil.txt", "hugo.txt"]


def test_a_job_that_cannot_go_on_ends_with_a_french_reason(client, login, demo_database, settings):
    login(client, Role.RECRUTEUR)
    queued = _send(client, _posting_id(demo_database), {"ines.txt": CV.format(name="Inès IOTA").encode()})
    with demo_database.session() as session:      # the shared file store lost the upload
        digest = session.execute(select(TrackedJobFile.sha256)).scalars().first()
    FileStore(settings).delete(digest)
    page = text_of(after_jobs(client, queued, demo_database))
    assert "Échec" in page and "Fichier introuvable dans le stockage." in page
    assert "Revenir à l'offre" in page


def test_a_deactivated_sender_stops_the_batch(client, login, demo_database):
    login(client, Role.RECRUTEUR)
    _send(client, _posting_id(demo_database), {"jade.txt": CV.format(name="Jade JOTA").encode()})
    with demo_database.session() as session:
        session.execute(update(User).where(User.role == Role.RECRUTEUR).values(active=False))
    queue.drain(demo_database)
    with demo_database.session() as session:
        job = session.execute(select(TrackedJob)).scalars().first()
        assert job.status == JobStatus.FAILED.value and "désactivé" in job.error
        assert json.loads(job.notes_json) == []
    assert "jade.txt" not in _candidates(demo_database, _posting_id(demo_database))


def test_a_batch_and_its_notes_are_forgotten_after_thirty_days(client, login, demo_database, settings):
    """The progress page names the batch's files: it does not outlive its use."""
    login(client, Role.RECRUTEUR)
    url = _send(client, _posting_id(demo_database),
                {"karim.zip": zip_of({"karim.txt": CV.format(name="Karim KAPPA").encode()})}
                ).headers["location"]
    assert progress.forget_old(demo_database, settings) == 0
    clock.travel(31 * 24 * 3600)                     # the worker never came
    assert progress.forget_old(demo_database, settings) == 1
    with demo_database.session() as session:
        assert session.execute(select(func.count()).select_from(TrackedJob)).scalar_one() == 0
    client.cookies.clear()
    login(client, Role.RECRUTEUR)                  # a month later: a new session
    assert client.get(url).status_code == 404
    assert not any(p.is_file() for p in (settings.var_dir / "files").rglob("*")
                   if ".pending" not in p.parts)


def _queued_directly(database, settings, files: dict[str, bytes]) -> int:
    """A batch as the request leaves it, without deferring it (as if the queue had lost it)."""
    posting_id = _posting_id(database)
    with database.session() as session:
        user = session.execute(select(User).where(User.role == Role.RECRUTEUR)).scalars().first()
        return background.start_batch(session, user, settings, posting_id, list(files.items())).id


def _summary(database, job_id: int) -> tuple[str, str]:
    with database.session() as session:
        job = session.get(TrackedJob, job_id)
        return job.status, job.summary


def _leos(database) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(Candidate)
                               .where(Candidate.source_filename == "leo.txt")).scalar_one()


def test_a_batch_delivered_twice_is_run_once(demo_database, settings, monkeypatch):
    """The queue hands the same batch to a second worker while the first reads it: the second
    leaves it alone, and the candidature is added once."""
    job_id = _queued_directly(demo_database, settings, {"leo.txt": CV.format(name="Léo LAMBDA").encode()})
    real = candidates.unpack

    def second_delivery_meanwhile(files):
        monkeypatch.setattr(candidates, "unpack", real)
        progress.run(demo_database, settings, job_id, last_attempt=False)   # finds it taken
        assert _summary(demo_database, job_id)[0] == JobStatus.RUNNING.value
        return real(files)

    monkeypatch.setattr(candidates, "unpack", second_delivery_meanwhile)
    progress.run(demo_database, settings, job_id, last_attempt=False)
    assert _summary(demo_database, job_id) == (
        JobStatus.DONE.value, "1 candidature enregistrée et analysée.")
    assert _leos(demo_database) == 1


def test_a_slow_runner_taken_over_cannot_send_the_finished_batch_back_to_the_queue(
        demo_database, settings, monkeypatch):
    """A runner silent for longer than `STALE` is presumed dead and another finishes the batch;
    when the slow one then fails, the batch stays finished: it is not run a second time."""
    job_id = _queued_directly(demo_database, settings, {"leo.txt": CV.format(name="Léo LAMBDA").encode()})
    real = candidates.unpack

    def slow_then_failing(files):
        monkeypatch.setattr(candidates, "unpack", real)
        clock.travel(progress.STALE.total_seconds() + 60)
        progress.run(demo_database, settings, job_id, last_attempt=False)    # takes it over
        raise RuntimeError("the slow runner's connection dropped")

    monkeypatch.setattr(candidates, "unpack", slow_then_failing)
    with pytest.raises(RuntimeError):
        progress.run(demo_database, settings, job_id, last_attempt=False)
    assert _summary(demo_database, job_id) == (
        JobStatus.DONE.value, "1 candidature enregistrée et analysée.")
    progress.run(demo_database, settings, job_id, last_attempt=False)        # its retry
    assert _leos(demo_database) == 1


def test_a_batch_whose_worker_was_killed_is_taken_up_again_once_presumed_dead(
        demo_database, settings):
    """A worker killed while reading a batch, and started again at once, cannot tell it from a
    batch another worker still reads: it leaves it "en cours". Once the batch has been silent
    for `STALE`, the periodic `jobs.stalled` task queues it again and it is finished."""
    from collectivia.jobs import tasks

    job_id = _queued_directly(demo_database, settings, {"leo.txt": CV.format(name="Léo LAMBDA").encode()})
    assert progress.claim(demo_database, job_id) is not None          # then the worker died
    progress.run(demo_database, settings, job_id, last_attempt=False)  # restarted within STALE
    assert _summary(demo_database, job_id)[0] == JobStatus.RUNNING.value

    queue.defer(demo_database, tasks.STALLED, settings=settings, timestamp=0)
    queue.drain(demo_database)
    assert _summary(demo_database, job_id)[0] == JobStatus.RUNNING.value   # not yet presumed dead

    clock.travel(progress.STALE.total_seconds() + 60)
    queue.defer(demo_database, tasks.STALLED, settings=settings, timestamp=1)
    queue.drain(demo_database)
    assert _summary(demo_database, job_id) == (
        JobStatus.DONE.value, "1 candidature enregistrée et analysée.")
    assert _leos(demo_database) == 1


def test_a_batch_failing_unexpectedly_is_tried_four_times_then_fails_in_the_queue_too(
        demo_database, settings, monkeypatch):
    """Retries come 30, 60 and 90 s apart; the fourth failure ends the batch with its French
    reason and is recorded as a failure by the queue (`collectivia jobs`), not a success."""
    from collectivia.jobs import tasks

    def retried_in(previous_attempts: int) -> int | None:
        decision = tasks.RETRY.get_retry_decision(
            exception=RuntimeError(), job=SimpleNamespace(attempts=previous_attempts))
        return decision and round((decision.retry_at - datetime.now(UTC)).total_seconds())

    assert [retried_in(n) for n in range(4)] == [30, 60, 90, None]
    job_id = _queued_directly(demo_database, settings, {"leo.txt": CV.format(name="Léo LAMBDA").encode()})

    def broken(files):
        raise RuntimeError("disk full")

    monkeypatch.setattr(candidates, "unpack", broken)
    with pytest.raises(RuntimeError):
        progress.run(demo_database, settings, job_id, last_attempt=True)
    with demo_database.session() as session:
        job = session.get(TrackedJob, job_id)
        assert job.status == JobStatus.FAILED.value and job.error == progress.UNEXPECTED
        assert session.execute(select(func.count()).select_from(TrackedJobFile)).scalar_one() == 0


@pytest.mark.skipif(USE_POSTGRES, reason="on PostgreSQL only `collectivia worker` runs jobs")
def test_the_demo_finishes_a_batch_its_previous_run_left_half_done(demo_database, settings):
    """`make demo` (SQLite): the queue lives in the web process and dies with it; at the next
    start the batch left "en cours" is taken up again and finished, with no worker to start."""
    from fastapi.testclient import TestClient

    from collectivia.web.app import create_app

    job_id = _queued_directly(demo_database, settings, {"mila.txt": CV.format(name="Mila MU").encode()})
    assert progress.claim(demo_database, job_id) is not None          # then the process stopped
    settings.jobs_in_process = True
    with TestClient(create_app(settings, demo_database), base_url="http://testserver"):
        deadline = time.time() + 60
        while time.time() < deadline:
            with demo_database.session() as session:
                status = session.get(TrackedJob, job_id).status
            if status == JobStatus.DONE.value:
                break
            time.sleep(0.1)
    assert status == JobStatus.DONE.value
    assert "mila.txt" in _candidates(demo_database, _posting_id(demo_database))
