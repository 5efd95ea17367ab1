"""A confirm form sent twice at the same instant (double click, two tabs) starts one job.

A followed job created with a `once_key` (a staff-table draft's import) is unique among the
unfinished jobs, by a partial unique index of the database: the second request, even one
that passed every check at the same moment as the first, gets the first job back
(`AlreadyStarted`) and nothing of its own is kept.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, update

from collectivia.core.files import FileStore
from collectivia.core.models import User
from collectivia.jobs import progress
from collectivia.jobs.models import JobStatus, TrackedJob
from collectivia.workforce.background import STAFF_IMPORT

KEY = f"{STAFF_IMPORT}:rh:brouillon-1"


def start(database, settings, owner_id: int) -> int:
    with database.session() as session:
        return progress.create(session, session.get(User, owner_id), STAFF_IMPORT, {},
                               FileStore(settings), [("effectifs.csv", b"nom;grade\n")],
                               total=1, once_key=KEY).id


def keyed_jobs(database) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(TrackedJob)
                               .where(TrackedJob.once_key == KEY)).scalar_one()


@pytest.fixture
def hr_officer(demo_database) -> int:
    with demo_database.session() as session:
        return session.execute(select(User.id).where(User.login == "rh")).scalar_one()


def test_two_requests_at_once_start_one_job_and_the_second_is_shown_the_first(
        demo_database, settings, hr_officer):
    barrier, started, refused = threading.Barrier(2), [], []

    def confirm() -> None:
        barrier.wait()
        try:
            started.append(start(demo_database, settings, hr_officer))
        except progress.AlreadyStarted as exc:
            refused.append((exc.message, exc.job_id))

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert keyed_jobs(demo_database) == 1
    assert refused == [("Ce traitement est déjà lancé : il n'est pas lancé une seconde fois.",
                        started[0])]


def test_once_the_job_has_ended_the_same_form_may_start_it_again(demo_database, settings,
                                                                 hr_officer):
    first = start(demo_database, settings, hr_officer)
    with demo_database.session() as session:      # the import failed: its author may retry
        session.execute(update(TrackedJob).where(TrackedJob.id == first)
                        .values(status=JobStatus.FAILED.value))
    assert start(demo_database, settings, hr_officer) != first
    assert keyed_jobs(demo_database) == 2
