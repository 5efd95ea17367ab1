"""The administrator's page of background jobs: who waits for what and how far it is, a failed
job relaunched, a waiting one cancelled; nobody else may see or touch it."""

from __future__ import annotations

import re

from sqlalchemy import select, text

from collectivia.core.audit import AuditEvent
from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.core.roles import Role
from collectivia.jobs import progress, queue
from collectivia.jobs.models import JobStatus, TrackedJob
from collectivia.recruitment.background import CV_BATCH
from collectivia.recruitment.models import Posting
from support import USE_POSTGRES, csrf_of, login_as, text_of


def cv_batch(database, settings, *, running: bool) -> tuple[int, int]:
    """(tracked id, queue id) of a CV batch the demo recruiter sent, 43 of 120 CVs read when
    `running`, still waiting for a worker otherwise."""
    with database.session() as session:
        recruiter = session.execute(select(User).where(User.login == "recruteur")).scalar_one()
        posting = session.execute(select(Posting.id)).scalars().first()
        job = progress.create(session, recruiter, CV_BATCH, {"posting_id": posting},
                              FileStore(settings), [("cv-dupont.pdf", b"%PDF-1.4")], total=120)
        if running:
            job.status, job.done, job.step = JobStatus.RUNNING.value, 43, "lecture de cv-44.pdf"
        tracked_id = job.id
    queue_id = queue.defer(database, CV_BATCH, queueing_lock=f"suivi-{tracked_id}",
                           settings=settings, tracked_id=tracked_id)
    return tracked_id, queue_id


def failed_in_queue(database, job_id: int) -> None:
    """What the queue records of a job whose last attempt raised (as `collectivia worker` does)."""
    if USE_POSTGRES:
        with database.session() as session:
            session.execute(text("UPDATE procrastinate_jobs SET status = 'failed', attempts = 4 "
                                 "WHERE id = :id"), {"id": job_id})
    else:
        row = queue.app_for(database).connector.jobs[job_id]
        row["status"], row["attempts"] = "failed", 4


def post(client, path: str):
    return client.post(path, data={"csrf_token": csrf_of(client, "/admin/taches")})


def test_the_admin_sees_who_waits_for_which_job_since_when_and_how_far(client, demo_database,
                                                                       settings):
    cv_batch(demo_database, settings, running=True)
    login_as(client, Role.ADMIN)
    page = text_of(client.get("/admin/taches"))
    waiting = page.split("Traitements en attente ou en cours")[1].split("File d'attente")[0]
    assert "Lot de CV déposé pour une offre" in waiting
    assert "En cours" in waiting and "43 / 120 — lecture de cv-44.pdf" in waiting
    assert re.search(r"\d{2}/\d{2}/\d{4} à \d{2}:\d{2}", waiting)
    assert "cv-dupont.pdf" not in page          # the batch's file names are the recruiter's
    assert 'value="43"' in waiting and 'aria-label="Avancement du traitement' in waiting


def test_a_failed_sweep_is_relaunched_once_and_the_journal_says_who_did_it(client,
                                                                          demo_database):
    login_as(client, Role.ADMIN)
    job_id = queue.defer(demo_database, "knowledge.update", queueing_lock="knowledge.update",
                         timestamp=0)
    failed_in_queue(demo_database, job_id)
    page = text_of(client.get("/admin/taches"))
    assert f'action="/admin/taches/{job_id}/relancer"' in page and "en échec" in page

    page = text_of(post(client, f"/admin/taches/{job_id}/relancer"))
    assert f"La tâche n° {job_id} (Mise à jour des textes (Légifrance)) est relancée" in page
    assert queue.app_for(demo_database).job_manager.list_jobs(id=job_id)[0].status == "todo"
    with demo_database.session() as session:
        event = session.execute(select(AuditEvent).where(AuditEvent.action == "jobs.retry")
                                ).scalar_one()
        assert event.object_id == str(job_id) and "(admin)" in event.actor

    page = text_of(post(client, f"/admin/taches/{job_id}/relancer"))
    assert "n'est pas en échec" in page        # relaunched already: the second click says so


def test_a_followed_job_that_failed_is_sent_again_by_its_owner_not_relaunched(client,
                                                                            demo_database,
                                                                            settings):
    _, job_id = cv_batch(demo_database, settings, running=False)
    failed_in_queue(demo_database, job_id)
    login_as(client, Role.ADMIN)
    assert f"/admin/taches/{job_id}/relancer" not in client.get("/admin/taches").text
    page = text_of(post(client, f"/admin/taches/{job_id}/relancer"))
    assert "ses fichiers ont été effacés" in page


def test_a_waiting_cv_batch_cancelled_tells_its_owner_why(client, demo_database, settings):
    tracked_id, job_id = cv_batch(demo_database, settings, running=False)
    login_as(client, Role.ADMIN)
    page = text_of(post(client, f"/admin/taches/{job_id}/annuler"))
    assert f"La tâche n° {job_id} (Lot de CV déposé pour une offre) est annulée." in page
    assert "Aucun traitement en attente ni en cours." in page
    assert "annulée" in page.split("File d'attente")[1]
    with demo_database.session() as session:
        assert session.get(TrackedJob, tracked_id).status == JobStatus.FAILED.value
        assert session.execute(select(AuditEvent).where(AuditEvent.action == "jobs.cancel")
                               ).scalar_one().object_id == str(job_id)

    page = text_of(post(client, f"/admin/taches/{job_id}/annuler"))
    assert "n'est plus en attente" in page      # cancelled already: nothing happens twice

    client.cookies.clear()
    login_as(client, Role.RECRUTEUR)
    page = text_of(client.get(f"/taches/{tracked_id}"))
    assert "Échec" in page and "Annulé par l'administrateur avant son démarrage" in page


def test_only_the_admin_may_relaunch_or_cancel(client, demo_database, settings):
    _, job_id = cv_batch(demo_database, settings, running=False)
    login_as(client, Role.RECRUTEUR)
    token = csrf_of(client, "/recrutement")
    for action in ("annuler", "relancer"):
        answer = client.post(f"/admin/taches/{job_id}/{action}", data={"csrf_token": token})
        assert answer.status_code == 403
    assert queue.app_for(demo_database).job_manager.list_jobs(id=job_id)[0].status == "todo"
