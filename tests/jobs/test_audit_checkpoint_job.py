"""Every hour the job queue writes a signed checkpoint of the audit journal outside the database,
and the administrator is told when the last one is missing or more than two days old.

Without a checkpoint kept elsewhere, deleting the newest events leaves a chain that still
verifies (issue 17). Operators had to remember a cron line; now `collectivia worker` (or the
demo's own runner) appends one to `COLLECTIVIA_AUDIT_CHECKPOINT_FILE`, and a stopped worker
or an unwritable file shows on the journal's page and on the administrator's home page.
"""

from __future__ import annotations

import time

from sqlalchemy import select

from collectivia.core import audit_checkpoints, clock
from collectivia.core.models import AuditEvent
from collectivia.core.roles import Role
from collectivia.jobs import queue
from support import login_as, run_worker_once, text_of

MISSING = "Aucun point de contrôle du journal d'audit n'a été écrit"
TOO_OLD = "il y a plus de deux jours"
HOME_ALERT = "Journal d'audit sans point de contrôle récent et lisible"


def run_the_hourly_job(database, settings) -> None:
    queue.defer(database, "audit.checkpoint", settings=settings, timestamp=int(time.time()))
    queue.drain(database)


def test_the_queue_appends_a_signed_checkpoint_every_hour_to_the_configured_file(
        demo_database, settings, tmp_path):
    schedule = {p.task.name: p.cron
                for p in queue.new_app(demo_database).periodic_registry.periodic_tasks.values()}
    assert schedule["audit.checkpoint"] == "7 * * * *"            # at minute 7 of every hour
    outside = tmp_path / "archives" / "journal-points.jsonl"
    configured = settings.model_copy(update={"audit_checkpoint_file": str(outside)})
    run_the_hourly_job(demo_database, configured)
    run_the_hourly_job(demo_database, configured)
    assert len(outside.read_text().splitlines()) == 2                 # appended, never rewritten
    last = audit_checkpoints.last_in(outside)                        # signed with the audit key
    with demo_database.session() as session:
        assert audit_checkpoints.verify_against(session, last) == []
        noted = session.execute(select(AuditEvent).where(AuditEvent.action == "audit.checkpoint")
                                .order_by(AuditEvent.id.desc())).scalars().first()
    assert noted.actor == "Tâche de fond" and str(outside) in noted.details


def test_the_administrator_is_warned_when_the_last_checkpoint_is_missing_or_two_days_old(
        client, demo_database, settings):
    login_as(client, Role.ADMIN)
    assert MISSING in text_of(client.get("/admin/journal"))
    assert HOME_ALERT in text_of(client.get("/"))

    run_the_hourly_job(demo_database, settings)
    journal = text_of(client.get("/admin/journal"))
    assert MISSING not in journal and TOO_OLD not in journal
    assert HOME_ALERT not in text_of(client.get("/"))

    clock.travel(2 * 24 * 3600 + 3600)                               # the worker stopped since
    login_as(client, Role.ADMIN)                                      # the session expired meanwhile
    journal = text_of(client.get("/admin/journal"))
    assert TOO_OLD in journal and "collectivia worker" in journal     # what happened, what to do
    assert HOME_ALERT in text_of(client.get("/"))


def test_a_worker_that_starts_writes_one_at_once(demo_database, settings):
    """A fresh installation, or a worker stopped for days, is covered without waiting an hour."""
    run_worker_once(demo_database, settings)
    last = audit_checkpoints.last_in(settings.var_dir / "journal-points.jsonl")
    with demo_database.session() as session:
        assert audit_checkpoints.verify_against(session, last) == []
