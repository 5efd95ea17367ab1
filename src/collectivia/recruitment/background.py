"""A batch of CVs for a posting, read and screened by the job queue, followed by its sender.

Reading a CV in the sandbox, pseudonymising it and screening it takes about a
second; 120 CVs held one web request for two minutes. So the request checks
the posting and the rights, keeps the files in the file store and queues the
batch (`start_batch`); the job (`run_batch`) adds the candidatures exactly as
`candidates.upload` does — each committed on its own with its audit event —
and records, in that same transaction, how far it is and its report so far.
A job interrupted half-way (a worker stopped, a retry) goes on after the last
committed CV; a CV sent twice is still added once.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.orm import Session

from collectivia.core.db import Database
from collectivia.core.errors import InvalidInput
from collectivia.core.files import FileStore
from collectivia.core.french import accord
from collectivia.core.models import User
from collectivia.jobs import progress
from collectivia.jobs.models import TrackedJob
from collectivia.recruitment import candidates
from collectivia.recruitment.service import MANAGERS, get_posting
from collectivia.settings import Settings

CV_BATCH = "recruitment.cv_batch"


def start_batch(session: Session, user: User, settings: Settings, posting_id: int,
                files: list[tuple[str, bytes]]) -> TrackedJob:
    """The cheap part, in the request: rights, at least one file, the files kept for the job."""
    posting = get_posting(session, user, posting_id, roles=MANAGERS)
    if not files:
        raise InvalidInput(candidates.NO_FILE)
    return progress.create(session, user, CV_BATCH, {"posting_id": posting.id},
                           FileStore(settings), files, total=len(files))


def _follow(session: Session, user: User, params: dict) -> None:
    """Who started the batch may follow it while they may still manage the posting's CVs."""
    get_posting(session, user, params["posting_id"], roles=MANAGERS)


def run_batch(database: Database, settings: Settings, job: TrackedJob) -> None:
    items, refused = candidates.unpack(progress.inputs(database, settings, job.id))
    report = (candidates.UploadReport.from_state(job.state) if job.state
              else candidates.UploadReport(rejected=refused))
    store = FileStore(settings)

    def after_each(session: Session, done: int) -> None:
        progress.advance(session, job, done=done, total=len(items), state=asdict(report),
                         step=f"{accord(done, 'CV lu et analysé', 'CV lus et analysés')} "
                              f"sur {len(items)}")

    with database.session() as session:
        user = progress.owner_of(session, job)
        posting = get_posting(session, user, job.params["posting_id"], roles=MANAGERS)
        # a crashed writer's files are deleted at start-up, every database of the store asked
        # (`files.recover_at_start`): this batch asking its own database alone could delete
        # a file another collectivité's row still names
        progress.advance(session, job, done=job.done, total=len(items),
                         step=f"Lecture de {accord(len(items), 'CV', 'CV')}")
        session.commit()      # no transaction (no SQLite write lock) held while a CV is read
        candidates.add_each(session, user, store, posting, items, report, start=job.done,
                            after_each=after_each)
        candidates.record_batch(session, user, posting, report)
        progress.finish(session, job, summary=report.summary(), notes=report.notes(),
                        result_url=f"/recrutement/offres/{posting.id}#comparaison",
                        result_label=f"Voir les candidatures de l'offre {posting.reference}")


def _origin(params: dict) -> tuple[str, str]:
    return f"/recrutement/offres/{params['posting_id']}", "Revenir à l'offre"


KINDS = [progress.Kind(name=CV_BATCH, label="Lot de CV déposé pour une offre", follow=_follow,
                       run=run_batch, origin=_origin)]
